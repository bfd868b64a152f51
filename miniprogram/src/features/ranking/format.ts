import type { PublicRankingEntry } from '@minsheng/shared';

/** "2026年5月" */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}

/** A rate as a citizen reads it: "92.5%", or "暂无" when there was nothing to count. */
export function rateText(v: number | undefined): string {
  return v === undefined ? '暂无' : `${v.toFixed(1)}%`;
}

/** "第 3 名", or "未排名" (no figures that month). */
export function rankText(rank: number | undefined): string {
  return rank === undefined ? '未排名' : `第 ${rank} 名`;
}

/** The score: "88.4 分", or "暂无得分". */
export function scoreText(score: number | undefined): string {
  return score === undefined ? '暂无得分' : `${score.toFixed(1)} 分`;
}

/** The change of rank from last month: "比上月上升 2 名", "比上月下降 1 名", "与上月持平", "上月未排名"; nothing without a rank. */
export function rankChangeText(entry: Pick<PublicRankingEntry, 'rank' | 'rankChange'>): { text: string; trend: 'up' | 'down' | 'same' | 'new' } | undefined {
  if (entry.rank === undefined) return undefined;
  const c = entry.rankChange;
  if (c === undefined) return { text: '上月未排名', trend: 'new' };
  if (c > 0) return { text: `↑ 比上月上升 ${c} 名`, trend: 'up' };
  if (c < 0) return { text: `↓ 比上月下降 ${-c} 名`, trend: 'down' };
  return { text: '与上月持平', trend: 'same' };
}

/** What the rates rest on: "答复 120 件，评价 80 条". */
export function basisText(entry: Pick<PublicRankingEntry, 'answered' | 'ratings'>): string {
  return `答复 ${entry.answered} 件，评价 ${entry.ratings} 条`;
}
