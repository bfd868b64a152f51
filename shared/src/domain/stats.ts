import type { CaseRecord } from './case';
import type { CaseEventKind } from './state-machine';
import { toShanghaiDate } from './shanghai-time';
import { channelOf } from './channels';
import { resolutionRate } from './answer-results';
import { assessmentDeltas } from './assessment';

/** 考核 counters (see assessment.ts, where each is explained). */
export const ASSESSMENT_METRICS = [
  /** Units: cases filed with them (withdrawn ones taken back; moved with a case escalated up). */
  'asCases',
  /** Units: intake decisions (受理 / 不予受理 / 并单), and those within RESPONSE_HOURS of filing. */
  'asAccepted',
  'asAcceptedOnTime',
  /** Departments: dispatches to them, and their first steps on one (within RESPONSE_HOURS). */
  'asDispatched',
  'asResponded',
  'asRespondedOnTime',
  /** Units and departments: first answers, those by the due date. */
  'asAnswered',
  'asAnsweredOnTime',
  /** Units and departments: 答复结果 of every answer. */
  'asResolved',
  'asPartlyResolved',
  'asUnresolved',
  /** Units and departments: ratings (the citizen's or by 回访), 满意 + 基本满意 of them. */
  'asRatings',
  'asSatisfied',
  /** Units and departments: send-backs (退回), and reopenings by 不满意 (重办). */
  'asSentBack',
  'asReopened',
  /** Cases exempted from assessment (不合理诉求), in the month of the exemption; never taken back. */
  'exempted',
] as const;

/** What the statistics count; each is a counter kept per period and dimension. */
export const STAT_METRICS = [
  'filed',
  'accepted',
  'dispatched',
  'answered',
  'answeredOnTime',
  'answerMinutes',
  'ratings',
  'satisfied',
  'basically_satisfied',
  'unsatisfied',
  'rejected',
  'merged',
  /** Withdrawn by the citizen before acceptance: filed, never answered, not counted as closed. */
  'withdrawn',
  'closed',
  'overdue',
  /** 协办: parts assigned to an assisting department, submitted (first time), and of those by the part's due date (DEPT# only). */
  'partsAssigned',
  'partsSubmitted',
  'partsOnTime',
  /** 回访: ratings obtained by a return visit (also counted in `ratings` and by value), and unreachable attempts. */
  'revisitRatings',
  'revisitUnreachable',
  /**
   * 答复结果, one per answer event (a case reopened and answered again counts each answer's result:
   * these count answers, not cases), on the answering department; and 还利于民 in fen, the amount
   * each answer reports (a second answer reports what it adds).
   */
  'resolved',
  'partly_resolved',
  'unresolved',
  'explained',
  'amountRecoveredFen',
  // 考核 (assessment.ts): counters of their own, taken back when a case is exempted.
  ...ASSESSMENT_METRICS,
] as const;
export type StatMetric = (typeof STAT_METRICS)[number];
export type StatCounters = Partial<Record<StatMetric, number>>;

/**
 * `ALL`, or `DEPT#<id>`, `CAT#<id>`, `TYPE#<type>`, `CH#<channel>`, `UNIT#<id>` (where the case sat, and each ancestor),
 * and `UNIT#<id>/CH#<channel>` (a unit's figures by 来源渠道).
 */
export type StatDimension = string;

/** One counter change: add `by` to `metric` in each of `dims`, for the period of the event and overall. */
export interface CounterDelta {
  metric: StatMetric;
  by: number;
  dims: StatDimension[];
  /** Counted in this Shanghai month (and overall) rather than the event's: an exemption taking back earlier months' counters. */
  month?: string;
}

/** The periods a change counts in: overall, and its Shanghai month. */
export function statPeriods(at: Date): string[] {
  return ['ALL', toShanghaiDate(at).slice(0, 7)];
}

/** The prefixes of the dimensions counted by department, category and case type. */
export const STAT_DIMENSION_PREFIX = { department: 'DEPT#', category: 'CAT#', type: 'TYPE#', channel: 'CH#', unit: 'UNIT#' } as const;

/**
 * The units a case counts for: every unit on its path below the root (the root's figures are `ALL`),
 * so a county's figure counts its own cases and all its units' — one item per shard, never a scan.
 */
export function unitDimensions(unitPath: string | undefined): StatDimension[] {
  return (unitPath ?? '').split('/').slice(1).filter(Boolean).map((id) => `${STAT_DIMENSION_PREFIX.unit}${id}`);
}

/** A unit's figures by channel: `UNIT#<id>/CH#<channel>` (the `/` keeps it apart from the unit's own `UNIT#<id>`). */
export function unitChannelDimension(unitDimension: StatDimension, channel: string): StatDimension {
  return `${unitDimension}/${STAT_DIMENSION_PREFIX.channel}${channel}`;
}

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
