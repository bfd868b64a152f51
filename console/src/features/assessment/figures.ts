import { ASSESSMENT_RATE_LABELS, ASSESSMENT_RATES, PENALTY_RATES, ROOT_UNIT_ID, type AssessmentRate, type AssessmentResponse, type AssessmentWeights, type OfficialRole, type RankingEntry } from '@minsheng/shared';

/**
 * What the 考核排名 page says about a row: its rates with the counts behind them, its 环比, and the
 * definitions of the rates — pure, so the wording is tested apart from the page.
 */

export type Level = 'unit' | 'department';

/** A rate as shown: "92.5%", or "—" when there is nothing to divide. */
export function rateText(v: number | undefined): string {
  return v === undefined ? '—' : `${v.toFixed(1)}%`;
}

/** A score as shown: "88.4", or "—" (no weighted rate has figures). */
export function scoreText(v: number | undefined): string {
  return v === undefined ? '—' : v.toFixed(1);
}

/** The counts behind one rate of a row, as read under it ("12/15"; 解决率: "解决 5 · 部分解决 2 · 未解决 1"). */
export function countsText(entry: Pick<RankingEntry, 'counts'>, rate: AssessmentRate, level: Level): string {
  const n = (k: keyof RankingEntry['counts']) => entry.counts[k] ?? 0;
  switch (rate) {
    case 'responseRate':
      return level === 'unit' ? `${n('asAcceptedOnTime')}/${n('asCases')}` : `${n('asRespondedOnTime')}/${n('asDispatched')}`;
    case 'onTimeRate':
      return `${n('asAnsweredOnTime')}/${n('asAnswered')}`;
    case 'resolutionRate':
      return `解决 ${n('asResolved')} · 部分解决 ${n('asPartlyResolved')} · 未解决 ${n('asUnresolved')}`;
    case 'satisfactionRate':
      return `${n('asSatisfied')}/${n('asRatings')}`;
    case 'sendBackRate':
      return `${n('asSentBack')}/${level === 'unit' ? n('asCases') : n('asDispatched')}`;
    case 'reopenRate':
      return `${n('asReopened')}/${n('asAnswered')}`;
  }
}

/** The same counts in words, for a screen reader and the printed page ("按时 12 件，共 15 件"). */
export function countsSpoken(entry: Pick<RankingEntry, 'counts'>, rate: AssessmentRate, level: Level): string {
  const n = (k: keyof RankingEntry['counts']) => entry.counts[k] ?? 0;
  switch (rate) {
    case 'responseRate':
      return level === 'unit' ? `按时受理 ${n('asAcceptedOnTime')} 件，收件 ${n('asCases')} 件` : `按时响应 ${n('asRespondedOnTime')} 件，交办 ${n('asDispatched')} 件`;
    case 'onTimeRate':
      return `按时答复 ${n('asAnsweredOnTime')} 件，首次答复 ${n('asAnswered')} 件`;
    case 'resolutionRate':
      return `解决 ${n('asResolved')} 件，部分解决 ${n('asPartlyResolved')} 件，未解决 ${n('asUnresolved')} 件`;
    case 'satisfactionRate':
      return `满意和基本满意 ${n('asSatisfied')} 条，评价 ${n('asRatings')} 条`;
    case 'sendBackRate':
      return level === 'unit' ? `退回 ${n('asSentBack')} 次，收件 ${n('asCases')} 件` : `退回 ${n('asSentBack')} 次，交办 ${n('asDispatched')} 件`;
    case 'reopenRate':
      return `重办 ${n('asReopened')} 件，首次答复 ${n('asAnswered')} 件`;
  }
}

/** 环比 of the rank: seen as "↑2", "↓1", "持平" or "新上榜"; spoken in words. Absent when the row has no rank this month. */
export function rankChangeText(entry: Pick<RankingEntry, 'rank' | 'previous' | 'rankChange'>): { shown: string; spoken: string; trend: 'up' | 'down' | 'same' | 'new' } | undefined {
  if (entry.rank === undefined) return undefined;
  if (entry.previous?.rank === undefined || entry.rankChange === undefined) return { shown: '新上榜', spoken: '上月未排名，本月新上榜', trend: 'new' };
  if (entry.rankChange > 0) return { shown: `↑${entry.rankChange}`, spoken: `比上月上升 ${entry.rankChange} 名`, trend: 'up' };
  if (entry.rankChange < 0) return { shown: `↓${-entry.rankChange}`, spoken: `比上月下降 ${-entry.rankChange} 名`, trend: 'down' };
  return { shown: '持平', spoken: '名次与上月持平', trend: 'same' };
}

/** 环比 of the score: "+3.2", "−1.5", "±0.0"; absent without last month's score. */
export function scoreChangeText(change: number | undefined): string | undefined {
  if (change === undefined) return undefined;
  if (change > 0) return `+${change.toFixed(1)}`;
  if (change < 0) return `−${(-change).toFixed(1)}`;
  return '±0.0';
}

/** Last month's place, as read under the 环比: "上月第 3 名，85.0 分" (or "上月未排名"). */
export function previousText(entry: Pick<RankingEntry, 'previous'>): string {
  const p = entry.previous;
  if (!p || p.score === undefined) return '上月无得分';
  return `上月${p.rank !== undefined ? `第 ${p.rank} 名，` : ''}${p.score.toFixed(1)} 分`;
}

/** The definition of each rate at a level (the ⓘ and the 指标说明). */
export function rateDefinitions(level: Level, responseHours: number): Record<AssessmentRate, string> {
  return {
    responseRate:
      level === 'unit'
        ? `收件后 ${responseHours} 小时内作出受理决定（受理、不予受理或并单）的件数 ÷ 收件数。`
        : `交办后 ${responseHours} 小时内作出首次办理（答复、要求补充、申请延期、退回或派单异议）的件数 ÷ 交办数。`,
    onTimeRate: '在办理期限内作出的首次答复 ÷ 首次答复数。',
    resolutionRate: '（解决 + 部分解决 × 0.5）÷（解决 + 部分解决 + 未解决），按答复时选择的办理结果计。',
    satisfactionRate: '（满意 + 基本满意）÷ 评价数，评价含群众自评和电话回访取得的评价。',
    sendBackRate: level === 'unit' ? '案件被退回的次数 ÷ 收件数；计为扣分项。' : '退回的次数 ÷ 交办数；计为扣分项。',
    reopenRate: '群众对首次答复不满意而重新办理的件数 ÷ 首次答复数；计为扣分项。',
  };
}

/** How the composite score is made, in one sentence from the weights ("响应率 30%、解决率 35%、满意率 35%"). */
export function weightsText(weights: AssessmentWeights): string {
  const positive = ASSESSMENT_RATES.filter((r) => !PENALTY_RATES.includes(r) && weights[r] > 0);
  const penalties = PENALTY_RATES.filter((r) => weights[r] > 0);
  const shownOnly = ASSESSMENT_RATES.filter((r) => !weights[r]);
  const parts = [`综合得分按 ${positive.map((r) => `${ASSESSMENT_RATE_LABELS[r]} ${weights[r]}%`).join('、')} 加权平均（某项没有数据时不计入，其余按权重折算）`];
  if (penalties.length) parts.push(`再扣除 ${penalties.map((r) => `${ASSESSMENT_RATE_LABELS[r]}每 100% 扣 ${weights[r]} 分`).join('、')}`);
  const text = `${parts.join('，')}。`;
  return shownOnly.length ? `${text}${shownOnly.map((r) => ASSESSMENT_RATE_LABELS[r]).join('、')}只展示，不计入得分。` : text;
}

/** Whether the official may publish (a supervisor of the root unit) and, if so, why the button is off. */
export function publishState(official: { role: OfficialRole; unitId?: string }, data: Pick<AssessmentResponse, 'ended' | 'published' | 'unitId'>): { offered: false } | { offered: true; disabledReason?: string } {
  const root = (official.unitId ?? ROOT_UNIT_ID) === ROOT_UNIT_ID && data.unitId === ROOT_UNIT_ID;
  if (official.role !== 'supervisor' || !root) return { offered: false };
  if (data.published) return { offered: true, disabledReason: '本月排名已经发布' };
  if (!data.ended) return { offered: true, disabledReason: '本月尚未结束，月份结束后才能发布' };
  return { offered: true };
}

/** "2026年5月" */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

/** Nothing to rank: no row has a score or any count. */
export function isEmptyMonth(data: Pick<AssessmentResponse, 'departments' | 'units'>): boolean {
  return [...data.departments, ...data.units].every((r) => r.score === undefined && Object.values(r.counts).every((v) => !v));
}
