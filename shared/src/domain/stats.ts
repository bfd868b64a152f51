import type { CaseRecord } from './case';
import type { CaseEventKind } from './state-machine';
import { channelOf } from './channels';
import { resolutionRate } from './answer-results';
import { assessmentDeltas } from './assessment';

export * from './stat-keys';
import { STAT_DIMENSION_PREFIX, unitChannelDimension, unitDimensions, type CounterDelta, type StatCounters, type StatDimension, type StatMetric } from './stat-keys';


const dims = (c: CaseRecord, withDept: string | undefined): StatDimension[] => [
  'ALL',
  ...unitDimensions(c.unitPath),
  ...unitDimensions(c.unitPath).map((u) => unitChannelDimension(u, channelOf(c))),
  `${STAT_DIMENSION_PREFIX.category}${c.categoryId}`,
  `${STAT_DIMENSION_PREFIX.type}${c.type}`,
  `${STAT_DIMENSION_PREFIX.channel}${channelOf(c)}`,
  ...(withDept ? [`${STAT_DIMENSION_PREFIX.department}${withDept}`] : []),
];

/**
 * The counters a change moves, derived from the case before and after it and its event kind.
 * Pure, so the recount in tests and the counters written with each transaction agree by design.
 */
export function statsDeltas(before: CaseRecord | undefined, after: CaseRecord, kind: CaseEventKind | 'sla_warning' | 'sla_overdue' | 'sla_severe'): CounterDelta[] {
  const out: CounterDelta[] = [];
  const add = (metric: StatMetric, by: number, d: StatDimension[]) => by !== 0 && out.push({ metric, by, dims: d });
  switch (kind) {
    case 'submitted':
      add('filed', 1, dims(after, undefined));
      break;
    case 'accepted':
      // Accepted once per case (a case sent back and dispatched again is not accepted twice); every
      // dispatch counts for the department it goes to.
      if (!before?.ownerId) add('accepted', 1, dims(after, undefined));
      add('dispatched', 1, dims(after, after.departmentId));
      break;
    case 'transferred':
      if (after.departmentId) add('dispatched', 1, [`${STAT_DIMENSION_PREFIX.department}${after.departmentId}`]);
      break;
    case 'replied':
      if (after.answer?.result) {
        const d = dims(after, after.answer.departmentId);
        add(after.answer.result, 1, d);
        add('amountRecoveredFen', after.answer.amountRecoveredFen ?? 0, d);
      }
      if (!before?.firstAnswer && after.firstAnswer) {
        const d = dims(after, after.firstAnswer.departmentId);
        add('answered', 1, d);
        if (after.firstAnswer.onTime) add('answeredOnTime', 1, d);
        add('answerMinutes', Math.round((Date.parse(after.firstAnswer.at) - Date.parse(after.createdAt)) / 60_000), d);
      }
      break;
    case 'rated': {
      const rating = after.ratings.at(-1);
      if (rating) {
        const d = dims(after, after.answer?.departmentId);
        add('ratings', 1, d);
        add(rating.rating, 1, d);
        if (rating.source === 'revisit') add('revisitRatings', 1, d);
      }
      break;
    }
    case 'revisit_unreachable':
      add('revisitUnreachable', 1, dims(after, after.answer?.departmentId));
      break;
    case 'rejected':
      add('rejected', 1, dims(after, undefined));
      break;
    case 'merged':
      add('merged', 1, dims(after, before?.departmentId));
      break;
    case 'withdrawn':
      add('withdrawn', 1, dims(after, undefined));
      break;
    case 'sla_overdue':
      add('overdue', 1, dims(after, after.departmentId));
      break;
    default:
      break;
  }
  if (after.status === 'closed' && before?.status !== 'closed') add('closed', 1, dims(after, after.answer?.departmentId ?? after.departmentId));
  return [...out, ...assessmentDeltas(before, after, kind, after.updatedAt)];
}

/** Rates derived from counters, as percentages with one decimal (undefined when nothing to divide). */
export function statRates(c: StatCounters): { onTimeRate?: number; satisfactionRate?: number; averageAnswerHours?: number; averageAnswerMinutes?: number; resolutionRate?: number } {
  const pct = (a: number, b: number) => Math.round((a / b) * 1000) / 10;
  const answered = c.answered ?? 0;
  const ratings = c.ratings ?? 0;
  return {
    ...(answered ? { onTimeRate: pct(c.answeredOnTime ?? 0, answered) } : {}),
    ...(ratings ? { satisfactionRate: pct((c.satisfied ?? 0) + (c.basically_satisfied ?? 0), ratings) } : {}),
    ...(answered ? { averageAnswerHours: Math.round(((c.answerMinutes ?? 0) / answered / 60) * 10) / 10 } : {}),
    // The same average in whole minutes: short averages would round to 0.0 hours.
    ...(answered ? { averageAnswerMinutes: Math.round((c.answerMinutes ?? 0) / answered) } : {}),
    // 解决率: (解决 + 部分解决 × 0.5) ÷ (解决 + 部分解决 + 未解决), see answer-results.ts.
    ...(resolutionRate(c) !== undefined ? { resolutionRate: resolutionRate(c)! } : {}),
  };
}
