import { DEFAULT_ASSESSMENT_WEIGHTS, type RankingEntry } from '@minsheng/shared';
import { describe, expect, it } from 'vitest';
import { countsText, isEmptyMonth, previousText, publishState, rankChangeText, rateText, scoreChangeText, weightsText } from '@/features/assessment/figures';

const entry = (over: Partial<RankingEntry> = {}): RankingEntry => ({ key: 'DEPT#d1', name: '住建局', counts: {}, rates: {}, ...over });

describe('考核排名: 环比 of a row', () => {
  it('reads a rise, a fall, no change and a newcomer as an official would say them', () => {
    expect(rankChangeText(entry({ rank: 1, previous: { score: 80, rank: 3 }, rankChange: 2 }))).toMatchObject({ shown: '↑2', spoken: '比上月上升 2 名' });
    expect(rankChangeText(entry({ rank: 4, previous: { score: 90, rank: 3 }, rankChange: -1 }))).toMatchObject({ shown: '↓1', spoken: '比上月下降 1 名' });
    expect(rankChangeText(entry({ rank: 2, previous: { score: 88, rank: 2 }, rankChange: 0 }))?.shown).toBe('持平');
    // Scored this month, not last month: 新上榜, not "持平" or "↑".
    expect(rankChangeText(entry({ rank: 5 }))?.shown).toBe('新上榜');
    // No score this month: nothing to compare.
    expect(rankChangeText(entry({ previous: { score: 70, rank: 1 } }))).toBeUndefined();
  });

  it('signs the score change and names last month’s place', () => {
    expect(scoreChangeText(3.25)).toBe('+3.3');
    expect(scoreChangeText(-1.5)).toBe('−1.5');
    expect(scoreChangeText(0)).toBe('±0.0');
    expect(scoreChangeText(undefined)).toBeUndefined();
    expect(previousText(entry({ previous: { score: 85, rank: 3 } }))).toBe('上月第 3 名，85.0 分');
    expect(previousText(entry())).toBe('上月无得分');
  });
});

describe('考核排名: a rate and the counts behind it', () => {
  const counts = { asCases: 15, asAcceptedOnTime: 12, asDispatched: 20, asRespondedOnTime: 19, asAnswered: 10, asAnsweredOnTime: 9, asResolved: 5, asPartlyResolved: 2, asUnresolved: 1, asRatings: 8, asSatisfied: 7, asSentBack: 3, asReopened: 1 };

  it('shows one decimal, and a dash where there was nothing to divide', () => {
    expect(rateText(80)).toBe('80.0%');
    expect(rateText(92.3)).toBe('92.3%');
    expect(rateText(undefined)).toBe('—');
  });

  it('divides 响应率 and 回退率 by cases for a unit and by dispatches for a department', () => {
    expect(countsText({ counts }, 'responseRate', 'unit')).toBe('12/15');
    expect(countsText({ counts }, 'responseRate', 'department')).toBe('19/20');
    expect(countsText({ counts }, 'sendBackRate', 'unit')).toBe('3/15');
    expect(countsText({ counts }, 'sendBackRate', 'department')).toBe('3/20');
  });

  it('shows the other rates over first answers or ratings, 解决率 by result, and zeros for missing counts', () => {
    expect(countsText({ counts }, 'onTimeRate', 'unit')).toBe('9/10');
    expect(countsText({ counts }, 'satisfactionRate', 'unit')).toBe('7/8');
    expect(countsText({ counts }, 'reopenRate', 'department')).toBe('1/10');
    expect(countsText({ counts }, 'resolutionRate', 'department')).toBe('解决 5 · 部分解决 2 · 未解决 1');
    expect(countsText({ counts: {} }, 'satisfactionRate', 'unit')).toBe('0/0');
  });
});

describe('考核排名: weights, publishing, an empty month', () => {
  it('names the weighted rates and the ones only shown', () => {
    expect(weightsText(DEFAULT_ASSESSMENT_WEIGHTS)).toBe('综合得分按 响应率 30%、解决率 35%、满意率 35% 加权平均（某项没有数据时不计入，其余按权重折算）。按时办结率、回退率、重办率只展示，不计入得分。');
    expect(weightsText({ ...DEFAULT_ASSESSMENT_WEIGHTS, sendBackRate: 10 })).toContain('再扣除 回退率每 100% 扣 10 分');
  });

  const month = { unitId: 'root', ended: true };
  it('offers 发布排名 to a supervisor of the root unit only, off with the reason until the month has ended, and once published', () => {
    expect(publishState({ role: 'supervisor' }, month)).toEqual({ offered: true });
    expect(publishState({ role: 'supervisor', unitId: 'root' }, { ...month, ended: false })).toEqual({ offered: true, disabledReason: '本月尚未结束，月份结束后才能发布' });
    expect(publishState({ role: 'supervisor' }, { ...month, published: { at: '2026-06-02T02:00:00Z', by: '王督办' } })).toEqual({ offered: true, disabledReason: '本月排名已经发布' });
    expect(publishState({ role: 'intake' }, month)).toEqual({ offered: false });
    expect(publishState({ role: 'admin' }, month)).toEqual({ offered: false });
    expect(publishState({ role: 'supervisor', unitId: 'dongcheng' }, { ...month, unitId: 'dongcheng' })).toEqual({ offered: false });
  });

  it('calls a month empty only when no row has a score or any count', () => {
    expect(isEmptyMonth({ departments: [entry()], units: [] })).toBe(true);
    expect(isEmptyMonth({ departments: [entry({ counts: { asDispatched: 1 } })], units: [] })).toBe(false);
  });
});
