import { toShanghaiDate } from './shanghai-time';

/*
 * The statistics' keys: what is counted (metrics), where (dimensions) and when (periods). Apart from
 * stats.ts so that assessment.ts, part of statsDeltas, can use them without an import cycle.
 */

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
