import type { CaseType } from './case-types';
import { weekdayCalendar, type DayMode, type WorkingCalendar } from './calendar';
import { addDays, daysBetween, endOfShanghaiDay, startOfShanghaiDay, toShanghaiDate, type ShanghaiDate } from './shanghai-time';

/** How long a case type may take: answer due, warning and severe escalation, in counted days. */
export interface SlaPolicy {
  answerDays: number;
  warnDays: number;
  severeDays: number;
  dayMode: DayMode;
  /** 回访: days after an answer before an unrated case is due for a return visit (absent: REVISIT_AFTER_DAYS). */
  revisitDays?: number;
}

/** Defaults from DESIGN.md "Case types and SLA". */
export const DEFAULT_SLA_POLICIES: Record<CaseType, SlaPolicy> = {
  consultation: { answerDays: 7, warnDays: 5, severeDays: 14, dayMode: 'natural' },
  complaint: { answerDays: 15, warnDays: 12, severeDays: 30, dayMode: 'natural' },
  report: { answerDays: 15, warnDays: 12, severeDays: 30, dayMode: 'natural' },
  suggestion: { answerDays: 15, warnDays: 12, severeDays: 30, dayMode: 'natural' },
};

/** Largest extension a handler may ask for, in counted days. */
export const MAX_EXTENSION_DAYS = 30;

/**
 * The SLA clock of one case: a policy snapshot taken at filing (a later policy change never
 * moves an existing promise), the time spent paused, and the one approved extension.
 */
export interface SlaClock extends SlaPolicy {
  /** When the clock started (submission), ISO instant. */
  startedAt: string;
  /** Milliseconds spent paused in finished pauses. */
  pausedMs: number;
  /** Set while the clock is paused (awaiting the citizen): when the pause began. */
  pausedSince?: string;
  /** Days added by the approved extension (0 if none). */
  extensionDays: number;
  /** Set once the case is answered: the clock stops. */
  stoppedAt?: string;
}

export type SlaLevel = 'normal' | 'warning' | 'overdue' | 'severe';
export const SLA_LEVELS: readonly SlaLevel[] = ['normal', 'warning', 'overdue', 'severe'];

export const SLA_LEVEL_LABELS: Record<SlaLevel, string> = {
  normal: '正常',
  warning: '即将超期',
  overdue: '已超期',
  severe: '严重超期',
};

export function startClock(policy: SlaPolicy, startedAt: Date): SlaClock {
  // The clock keeps the answer promise only; the return-visit delay is read from the policy in force.
  const { revisitDays: _revisit, ...promise } = policy;
  return { ...promise, startedAt: startedAt.toISOString(), pausedMs: 0, extensionDays: 0 };
}

/**
 * The date reached by counting `days` days after `start` (the day of filing is day 0).
 * Natural days count every date; working days skip what the calendar says is off.
 */
export function countDays(start: ShanghaiDate, days: number, mode: DayMode, calendar: WorkingCalendar = weekdayCalendar): ShanghaiDate {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer: ${days}`);
  if (mode === 'natural') return addDays(start, days);
  let date = start;
  let counted = 0;
  // A year of consecutive holidays would be a broken calendar; stop rather than loop forever.
  for (let guard = 0; counted < days; guard++) {
    if (guard > days * 3 + 400) throw new RangeError('calendar has no working days ahead');
    date = addDays(date, 1);
    if (calendar.isWorkingDay(date)) counted++;
  }
  return date;
}

function pausedTotalMs(clock: SlaClock, now: Date): number {
  const ongoing = clock.pausedSince ? Math.max(0, now.getTime() - Date.parse(clock.pausedSince)) : 0;
  return clock.pausedMs + ongoing;
}

export interface SlaDeadlines {
  warnAt: Date;
  dueAt: Date;
  severeAt: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days the clock has been paused so far, a started day counting as a whole one. */
export function pausedDays(clock: SlaClock, now: Date): number {
  return Math.ceil(pausedTotalMs(clock, now) / DAY_MS);
}

/**
 * Deadlines of a clock as of `now`. Time spent paused (awaiting the citizen) is added as whole
 * counted days, rounded up, so a pause always gives back at least the time it took and never
 * moves a deadline earlier. The answer and the severe deadline are the end (23:59:59, Shanghai)
 * of the day reached by counting their days from the filing date; the warning comes at the
 * start of its day, so "warning at 5 days" fires on the morning of day 5 while two days remain.
 */
export function deadlines(clock: SlaClock, now: Date, calendar?: WorkingCalendar): SlaDeadlines {
  const startDate = toShanghaiDate(new Date(clock.startedAt));
  const shift = clock.extensionDays + pausedDays(clock, now);
  const day = (days: number) => countDays(startDate, days + shift, clock.dayMode, calendar);
  return {
    warnAt: startOfShanghaiDay(day(clock.warnDays)),
    dueAt: endOfShanghaiDay(day(clock.answerDays)),
    severeAt: endOfShanghaiDay(day(clock.severeDays)),
  };
}

/** Where the clock stands at `now` (or at the moment it stopped, once answered). */
export function slaLevel(clock: SlaClock, now: Date, calendar?: WorkingCalendar): SlaLevel {
  const at = clock.stoppedAt ? new Date(clock.stoppedAt) : now;
  const d = deadlines(clock, at, calendar);
  const t = at.getTime();
  if (t > d.severeAt.getTime()) return 'severe';
  if (t > d.dueAt.getTime()) return 'overdue';
  if (t >= d.warnAt.getTime()) return 'warning';
  return 'normal';
}

/** Shanghai calendar days from `now` until the due date; negative once late. */
export function daysLeft(clock: SlaClock, now: Date, calendar?: WorkingCalendar): number {
  return daysBetween(toShanghaiDate(now), toShanghaiDate(deadlines(clock, now, calendar).dueAt));
}

export function pauseClock(clock: SlaClock, at: Date): SlaClock {
  if (clock.pausedSince || clock.stoppedAt) return clock;
  return { ...clock, pausedSince: at.toISOString() };
}

export function resumeClock(clock: SlaClock, at: Date): SlaClock {
  if (!clock.pausedSince) return clock;
  const { pausedSince, ...rest } = clock;
  return { ...rest, pausedMs: clock.pausedMs + Math.max(0, at.getTime() - Date.parse(pausedSince)) };
}

export function extendClock(clock: SlaClock, days: number): SlaClock {
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXTENSION_DAYS) throw new RangeError(`extension days out of range: ${days}`);
  return { ...clock, extensionDays: clock.extensionDays + days };
}

export function stopClock(clock: SlaClock, at: Date): SlaClock {
  const running = resumeClock(clock, at);
  return running.stoppedAt ? running : { ...running, stoppedAt: at.toISOString() };
}

/** A fresh round after an unsatisfied rating reopens the case: same policy, clock from now. */
export function restartClock(clock: SlaClock, at: Date): SlaClock {
  return startClock({ answerDays: clock.answerDays, warnDays: clock.warnDays, severeDays: clock.severeDays, dayMode: clock.dayMode }, at);
}

/**
 * How long before its due date a case governed by one of `policies` can be in warning: the widest
 * gap between a warning and its due date, for a case filed `now` (pauses and extensions move both
 * alike). Working days can stretch over long holidays (春节: up to 9 days off in a row), so a
 * working-day policy gets two weeks more. The 即将超期 queue reads cases due within this window and
 * keeps those whose level is `warning` — the same slaLevel the case shows and the timers act on.
 */
export function warningWindowMs(policies: Iterable<SlaPolicy>, now: Date, calendar?: WorkingCalendar): number {
  let widest = 0;
  for (const policy of policies) {
    const d = deadlines(startClock(policy, now), now, calendar);
    const slack = policy.dayMode === 'working' ? 14 * DAY_MS : 0;
    widest = Math.max(widest, d.dueAt.getTime() - d.warnAt.getTime() + slack);
  }
  return widest;
}
