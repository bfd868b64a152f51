import type { CaseRecord } from './case';
import type { CaseEventKind } from './state-machine';
import { toShanghaiDate } from './shanghai-time';
import { ASSESSMENT_METRICS, STAT_DIMENSION_PREFIX, unitDimensions, type CounterDelta, type StatCounters, type StatDimension, type StatMetric } from './stat-keys';

/**
 * 考核 (assessment) of departments and units, month by month: the 三率 of 12345 centres — 响应率, 解决率,
 * 满意率 — with 按时办结率, 回退率 and 重办率 beside them, counted from the stream like every statistic
 * (never by reading cases), in counters of their own (`as*`): a case a supervisor exempts (不合理诉求)
 * leaves the assessment — its counters are taken back — and stays in every other statistic.
 *
 * Who answers for what:
 * - a **unit** (区/县, 街道/乡镇, …: `UNIT#<id>`, counting its own and its units' cases) for the cases
 *   filed with it and their whole handling; its 响应 is its intake's decision (受理, 不予受理 or 并单)
 *   within RESPONSE_HOURS of filing;
 * - a **department** (`DEPT#<id>`) for what was dispatched to it; its 响应 is its first step on a case
 *   dispatched to it (答复, 要求补充, 申请延期, 退回 or 派单异议) within RESPONSE_HOURS of the dispatch.
 *
 * Counted in the Shanghai month of each step, like the other statistics.
 */

/** The response time limit: 24 hours (the "24小时签收" floor of 12345 assessment schemes). */
export const RESPONSE_HOURS = 24;

export type AssessmentMetric = (typeof ASSESSMENT_METRICS)[number];

const takenBack = (metric: string) => metric !== 'exempted' && (ASSESSMENT_METRICS as readonly string[]).includes(metric);

/** The department an exempted case counts against: the one that answered it, or the one it is with. */
export const answerableDepartment = (c: CaseRecord): string | undefined => c.answer?.departmentId ?? c.departmentId;

/** The case's units (ALL and every unit on its path), where its unit-level figures count. */
const unitDims = (c: CaseRecord): StatDimension[] => ['ALL', ...unitDimensions(c.unitPath)];
const deptDim = (id: string | undefined): StatDimension[] => (id ? [`${STAT_DIMENSION_PREFIX.department}${id}`] : []);

const within = (from: string, to: string) => Date.parse(to) - Date.parse(from) <= RESPONSE_HOURS * 3_600_000;

/** A department's own steps on a case dispatched to it: the first one is its response. */
export const DEPARTMENT_RESPONSE_KINDS: readonly CaseEventKind[] = ['replied', 'info_requested', 'extension_requested', 'sent_back', 'dispatch_disputed'];
const DISPATCH_KINDS: readonly CaseEventKind[] = ['accepted', 'transferred', 'dispute_redispatched'];

/**
 * The dispatch record after a change: a new dispatch starts unanswered; a department's first step on
 * it records when it responded (`respondedAt`). Applied by the case service after the state machine.
 */
export function withDispatchResponse(before: CaseRecord, after: CaseRecord, kind: CaseEventKind, at: string): CaseRecord {
  if (DISPATCH_KINDS.includes(kind) && after.dispatch?.respondedAt) {
    const { respondedAt: _r, ...dispatch } = after.dispatch;
    return { ...after, dispatch };
  }
  if (DEPARTMENT_RESPONSE_KINDS.includes(kind) && before.dispatch && !before.dispatch.respondedAt && after.dispatch) {
    return { ...after, dispatch: { ...after.dispatch, respondedAt: at } };
  }
  return after;
}

/**
 * The assessment counters a change moves (none for an exempted case: see exemptionDeltas). Pure, like
 * statsDeltas, of which it is a part.
 */
export function assessmentDeltas(before: CaseRecord | undefined, after: CaseRecord, kind: CaseEventKind | 'sla_warning' | 'sla_overdue' | 'sla_severe', at: string): CounterDelta[] {
  if (after.exemption || before?.exemption) return [];
  const out: CounterDelta[] = [];
  const add = (metric: AssessmentMetric, by: number, dims: StatDimension[]) => by !== 0 && dims.length > 0 && out.push({ metric, by, dims });
  const dept = before?.departmentId;
  switch (kind) {
    case 'submitted':
      add('asCases', 1, unitDims(after));
      break;
    case 'escalated_up':
      // The case now belongs to the unit above: counted there, no longer below (common ancestors unchanged).
      if (before) {
        const from = new Set(unitDims(before));
        const to = new Set(unitDims(after));
        add('asCases', -1, [...from].filter((d) => !to.has(d)));
        add('asCases', 1, [...to].filter((d) => !from.has(d)));
      }
      break;
    case 'withdrawn':
      add('asCases', -1, unitDims(before ?? after));
      break;
    case 'accepted':
    case 'rejected':
    case 'merged':
      // The intake's decision, once per case (a case sent back and dispatched again is not decided twice).
      if (before?.status === 'submitted' && !before.ownerId) {
        const d = unitDims(before);
        add('asAccepted', 1, d);
        if (within(after.createdAt, at)) add('asAcceptedOnTime', 1, d);
      }
      break;
    default:
      break;
  }
  if (DISPATCH_KINDS.includes(kind as CaseEventKind) && after.departmentId) add('asDispatched', 1, deptDim(after.departmentId));
  if (DEPARTMENT_RESPONSE_KINDS.includes(kind as CaseEventKind) && before?.dispatch && !before.dispatch.respondedAt && dept) {
    add('asResponded', 1, deptDim(dept));
    if (within(before.dispatch.at, at)) add('asRespondedOnTime', 1, deptDim(dept));
  }
  if (kind === 'sent_back' && before) add('asSentBack', 1, [...unitDims(before), ...deptDim(dept)]);
  if (kind === 'replied') {
    if (after.answer?.result) {
      const metric = ({ resolved: 'asResolved', partly_resolved: 'asPartlyResolved', unresolved: 'asUnresolved' } as const)[after.answer.result as 'resolved'];
      if (metric) add(metric, 1, [...unitDims(after), ...deptDim(after.answer.departmentId)]);
    }
    if (!before?.firstAnswer && after.firstAnswer) {
      const d = [...unitDims(after), ...deptDim(after.firstAnswer.departmentId)];
      add('asAnswered', 1, d);
      if (after.firstAnswer.onTime) add('asAnsweredOnTime', 1, d);
    }
  }
  if (kind === 'rated') {
    const rating = after.ratings.at(-1);
    if (rating) {
      const d = [...unitDims(after), ...deptDim(after.answer?.departmentId)];
      add('asRatings', 1, d);
      if (rating.rating === 'satisfied' || rating.rating === 'basically_satisfied') add('asSatisfied', 1, d);
      // 不满意 on the first answer sends it back to the department: 重办.
      if (before && after.round > before.round) add('asReopened', 1, d);
    }
  }
  return out;
}

/**
 * What an exemption writes: every assessment counter the case's earlier events carried, taken back in
 * the month each was counted in (`month`), and the exemption itself counted where the case is now.
 */
export function exemptionDeltas(earlier: readonly { at: string; counters: readonly CounterDelta[] }[], after: CaseRecord): CounterDelta[] {
  const back = new Map<string, CounterDelta>();
  for (const event of earlier) {
    const month = toShanghaiDate(new Date(event.at)).slice(0, 7);
    for (const delta of event.counters) {
      if (!takenBack(delta.metric)) continue;
      const monthOf = delta.month ?? month;
      for (const dim of delta.dims) {
        const id = `${monthOf}|${delta.metric}|${dim}`;
        const entry = back.get(id) ?? { metric: delta.metric, by: 0, dims: [dim], month: monthOf };
        entry.by -= delta.by;
        back.set(id, entry);
      }
    }
  }
  return [...[...back.values()].filter((d) => d.by !== 0), { metric: 'exempted', by: 1, dims: [...unitDims(after), ...deptDim(answerableDepartment(after))] }];
}

// ---------------------------------------------------------------------------------------------
// Rates, weights, the composite score and the ranking

export const ASSESSMENT_RATES = ['responseRate', 'onTimeRate', 'resolutionRate', 'satisfactionRate', 'sendBackRate', 'reopenRate'] as const;
export type AssessmentRate = (typeof ASSESSMENT_RATES)[number];

export const ASSESSMENT_RATE_LABELS: Record<AssessmentRate, string> = {
  responseRate: '响应率',
  onTimeRate: '按时办结率',
  resolutionRate: '解决率',
  satisfactionRate: '满意率',
  sendBackRate: '回退率',
  reopenRate: '重办率',
};

/** 回退率 and 重办率 count against: their weights are deducted (points per 100 %). */
export const PENALTY_RATES: readonly AssessmentRate[] = ['sendBackRate', 'reopenRate'];

export type AssessmentWeights = Record<AssessmentRate, number>;

/**
 * Defaults: the 三率 weights of 准格尔旗 (Ordos, Inner Mongolia) 接诉即办 考核细则 — 响应率 30 %, 解决率
 * 35 %, 满意率 35 % ("30-35-35") — with 按时办结率, 回退率 and 重办率 shown but not weighted. A city sets its
 * own in the deployment's configuration (ASSESSMENT_WEIGHTS, README).
 */
export const DEFAULT_ASSESSMENT_WEIGHTS: AssessmentWeights = { responseRate: 30, onTimeRate: 0, resolutionRate: 35, satisfactionRate: 35, sendBackRate: 0, reopenRate: 0 };
export const ASSESSMENT_WEIGHTS_SOURCE = '准格尔旗接诉即办考核细则“三率”权重（响应率 30%、解决率 35%、满意率 35%）';

/** Weights from configuration (JSON of some rates → 0–100), the defaults for the rest; an error names what is wrong. */
export function parseAssessmentWeights(json: string | undefined): AssessmentWeights {
  if (!json) return { ...DEFAULT_ASSESSMENT_WEIGHTS };
  const given = JSON.parse(json) as Record<string, unknown>;
  const out = { ...DEFAULT_ASSESSMENT_WEIGHTS };
  for (const [k, v] of Object.entries(given)) {
    if (!(ASSESSMENT_RATES as readonly string[]).includes(k)) throw new Error(`ASSESSMENT_WEIGHTS: unknown rate ${k} (known: ${ASSESSMENT_RATES.join(', ')})`);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100) throw new Error(`ASSESSMENT_WEIGHTS: ${k} must be a number from 0 to 100`);
    out[k as AssessmentRate] = v;
  }
  if (!ASSESSMENT_RATES.some((r) => !PENALTY_RATES.includes(r) && out[r] > 0)) throw new Error('ASSESSMENT_WEIGHTS: at least one of responseRate, onTimeRate, resolutionRate, satisfactionRate must weigh more than 0');
  return out;
}

const pct = (a: number, b: number) => (b > 0 ? Math.min(100, Math.max(0, Math.round((a / b) * 1000) / 10)) : undefined);

/** A unit's or a department's rates (%, one decimal; absent when there is nothing to divide). */
export function assessmentRates(c: StatCounters, level: 'unit' | 'department'): Partial<Record<AssessmentRate, number>> {
  const n = (m: StatMetric) => Math.max(0, c[m] ?? 0);
  const resolvedBase = n('asResolved') + n('asPartlyResolved') + n('asUnresolved');
  const rates: Partial<Record<AssessmentRate, number | undefined>> = {
    responseRate: level === 'unit' ? pct(n('asAcceptedOnTime'), n('asCases')) : pct(n('asRespondedOnTime'), n('asDispatched')),
    onTimeRate: pct(n('asAnsweredOnTime'), n('asAnswered')),
    resolutionRate: resolvedBase ? Math.round(((n('asResolved') + n('asPartlyResolved') * 0.5) / resolvedBase) * 1000) / 10 : undefined,
    satisfactionRate: pct(n('asSatisfied'), n('asRatings')),
    sendBackRate: level === 'unit' ? pct(n('asSentBack'), n('asCases')) : pct(n('asSentBack'), n('asDispatched')),
    reopenRate: pct(n('asReopened'), n('asAnswered')),
  };
  return Object.fromEntries(Object.entries(rates).filter(([, v]) => v !== undefined)) as Partial<Record<AssessmentRate, number>>;
}

/**
 * The composite score (0–100, one decimal): the weighted mean of the positive rates that have figures
 * (a rate with nothing behind it is left out and the others' weights stand for it), less each penalty
 * rate × its weight ÷ 100. Undefined when no weighted rate has figures.
 */
export function compositeScore(rates: Partial<Record<AssessmentRate, number>>, weights: AssessmentWeights): number | undefined {
  let sum = 0;
  let weight = 0;
  for (const r of ASSESSMENT_RATES) {
    if (PENALTY_RATES.includes(r) || !weights[r] || rates[r] === undefined) continue;
    sum += rates[r]! * weights[r];
    weight += weights[r];
  }
  if (!weight) return undefined;
  let score = sum / weight;
  for (const r of PENALTY_RATES) if (weights[r] && rates[r] !== undefined) score -= (rates[r]! * weights[r]) / 100;
  return Math.round(Math.max(0, score) * 10) / 10;
}

/** The counts shown behind a row's rates. */
export const ASSESSMENT_COUNTS = ['asCases', 'asAccepted', 'asAcceptedOnTime', 'asDispatched', 'asResponded', 'asRespondedOnTime', 'asAnswered', 'asAnsweredOnTime', 'asResolved', 'asPartlyResolved', 'asUnresolved', 'asRatings', 'asSatisfied', 'asSentBack', 'asReopened', 'exempted'] as const;

export interface RankingEntry {
  key: string;
  name: string;
  counts: Partial<Record<AssessmentMetric, number>>;
  rates: Partial<Record<AssessmentRate, number>>;
  score?: number;
  /** 1 = best; ties share a rank (1, 2, 2, 4); absent when there is no score. */
  rank?: number;
  previous?: { score?: number; rank?: number };
  /** This month's score less last month's, and rank change (positive: moved up). */
  scoreChange?: number;
  rankChange?: number;
}

/**
 * Rank the entities of one level for a month, with last month's figures beside them. `counters` and
 * `previousCounters` are the month's counters by dimension (as the statistics store returns them).
 */
export function rankEntities(
  entities: readonly { key: string; name: string; dim: StatDimension }[],
  level: 'unit' | 'department',
  counters: Record<string, StatCounters>,
  previousCounters: Record<string, StatCounters>,
  weights: AssessmentWeights,
): RankingEntry[] {
  const scored = (source: Record<string, StatCounters>) =>
    entities.map((e) => {
      const c = source[e.dim] ?? {};
      const rates = assessmentRates(c, level);
      // Ranked only with an answer in the month (有答复件): a department that only signed for or sent back
      // cases has a 响应率 and nothing else, and would otherwise rank on it alone.
      const score = Math.max(0, c.asAnswered ?? 0) > 0 ? compositeScore(rates, weights) : undefined;
      const counts = Object.fromEntries(ASSESSMENT_COUNTS.map((m) => [m, Math.max(0, c[m] ?? 0)]).filter(([, v]) => v !== 0));
      return { key: e.key, name: e.name, counts, rates, ...(score !== undefined ? { score } : {}) };
    });
  const withRanks = <T extends { score?: number }>(rows: T[]): (T & { rank?: number })[] => {
    const sorted = rows.map((r) => r.score).filter((s): s is number => s !== undefined).sort((a, b) => b - a);
    return rows.map((r) => (r.score === undefined ? r : { ...r, rank: sorted.indexOf(r.score) + 1 }));
  };
  const now = withRanks(scored(counters));
  const before = new Map(withRanks(scored(previousCounters)).map((r) => [r.key, r]));
  return now
    .map((r): RankingEntry => {
      const p = before.get(r.key);
      const previous = p && p.score !== undefined ? { score: p.score, ...(p.rank !== undefined ? { rank: p.rank } : {}) } : undefined;
      return {
        ...r,
        ...(previous ? { previous } : {}),
        ...(previous && r.score !== undefined ? { scoreChange: Math.round((r.score - previous.score!) * 10) / 10 } : {}),
        ...(previous?.rank !== undefined && r.rank !== undefined ? { rankChange: previous.rank - r.rank } : {}),
      };
    })
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name, 'zh'));
}
