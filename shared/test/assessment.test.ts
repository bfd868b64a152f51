import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSESSMENT_WEIGHTS, assessmentRates, compositeScore, exemptionDeltas, parseAssessmentWeights, rankEntities, type CaseRecord, type StatCounters } from '../src';

describe('考核 weights from configuration', () => {
  it('defaults to 准格尔旗’s 三率 30 / 35 / 35 and takes a partial override', () => {
    expect(parseAssessmentWeights(undefined)).toEqual(DEFAULT_ASSESSMENT_WEIGHTS);
    expect(parseAssessmentWeights('{"onTimeRate":20}')).toEqual({ ...DEFAULT_ASSESSMENT_WEIGHTS, onTimeRate: 20 });
  });

  it('refuses an unknown rate, a weight outside 0–100, and weights that leave nothing to score, naming what is wrong', () => {
    expect(() => parseAssessmentWeights('{"speed":10}')).toThrow(/unknown rate speed/);
    expect(() => parseAssessmentWeights('{"responseRate":120}')).toThrow(/responseRate must be a number from 0 to 100/);
    expect(() => parseAssessmentWeights('{"responseRate":"30"}')).toThrow(/responseRate/);
    expect(() => parseAssessmentWeights('{"responseRate":0,"resolutionRate":0,"satisfactionRate":0}')).toThrow(/at least one/);
  });
});

describe('rates and the composite score', () => {
  it('a rate with nothing behind it is absent, and the other weights stand for it', () => {
    const rates = assessmentRates({ asDispatched: 4, asRespondedOnTime: 3, asAnswered: 2, asResolved: 1, asPartlyResolved: 1 }, 'department');
    expect(rates).toEqual({ responseRate: 75, onTimeRate: 0, resolutionRate: 75, sendBackRate: 0, reopenRate: 0 });
    // (75 × 30 + 75 × 35) ÷ 65 — no ratings, so 满意率's 35 is left out.
    expect(compositeScore(rates, DEFAULT_ASSESSMENT_WEIGHTS)).toBe(75);
  });

  it('penalty rates are deducted by their weight per 100 %', () => {
    const weights = { ...DEFAULT_ASSESSMENT_WEIGHTS, sendBackRate: 10 };
    expect(compositeScore({ responseRate: 80, resolutionRate: 80, satisfactionRate: 80, sendBackRate: 50 }, weights)).toBe(75);
  });
});

describe('the ranking', () => {
  const answered = (extra: StatCounters): StatCounters => ({ asAnswered: 1, asAnsweredOnTime: 1, asResolved: 1, asRatings: 1, asSatisfied: 1, ...extra });
  const entities = ['a', 'b', 'c', 'd'].map((k) => ({ key: k, name: k, dim: `DEPT#${k}` }));

  it('ties share a rank; one with no answer in the month is shown unranked, last; 环比 against the month before', () => {
    const counters = {
      'DEPT#a': answered({ asDispatched: 2, asRespondedOnTime: 2 }),
      'DEPT#b': answered({ asDispatched: 2, asRespondedOnTime: 1 }),
      'DEPT#c': answered({ asDispatched: 2, asRespondedOnTime: 2 }),
      'DEPT#d': { asDispatched: 1, asRespondedOnTime: 1, asSentBack: 1 },
    };
    const previous = { 'DEPT#b': answered({ asDispatched: 1, asRespondedOnTime: 1 }), 'DEPT#a': answered({ asDispatched: 2, asRespondedOnTime: 1 }) };
    const rows = rankEntities(entities, 'department', counters, previous, DEFAULT_ASSESSMENT_WEIGHTS);
    expect(rows.map((r) => [r.key, r.rank, r.score])).toEqual([['a', 1, 100], ['c', 1, 100], ['b', 3, 85], ['d', undefined, undefined]]);
    expect(rows.find((r) => r.key === 'd')!.rates.responseRate).toBe(100);
    expect(rows.find((r) => r.key === 'b')).toMatchObject({ previous: { score: 100, rank: 1 }, scoreChange: -15, rankChange: -2 });
    expect(rows.find((r) => r.key === 'a')).toMatchObject({ previous: { score: 85, rank: 2 }, rankChange: 1 });
  });
});

describe('免于考核', () => {
  it('takes back each earlier assessment counter in the month it was counted, never the other statistics, and counts the exemption', () => {
    const after = { unitPath: 'root/qingshan', answer: { departmentId: 'qs-rsj' } } as unknown as CaseRecord;
    const deltas = exemptionDeltas(
      [
        { at: '2030-03-31T17:00:00.000Z', counters: [{ metric: 'asCases', by: 1, dims: ['ALL', 'UNIT#qingshan'] }, { metric: 'filed', by: 1, dims: ['ALL'] }] },
        { at: '2030-04-02T02:00:00.000Z', counters: [{ metric: 'asRatings', by: 1, dims: ['DEPT#qs-rsj'] }] },
      ],
      after,
    );
    // 2030-03-31T17:00Z is 1 April in Shanghai.
    expect(deltas).toEqual([
      { metric: 'asCases', by: -1, dims: ['ALL'], month: '2030-04' },
      { metric: 'asCases', by: -1, dims: ['UNIT#qingshan'], month: '2030-04' },
      { metric: 'asRatings', by: -1, dims: ['DEPT#qs-rsj'], month: '2030-04' },
      { metric: 'exempted', by: 1, dims: ['ALL', 'UNIT#qingshan', 'DEPT#qs-rsj'] },
    ]);
  });
});
