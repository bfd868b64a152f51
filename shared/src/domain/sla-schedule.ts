import type { CaseRecord } from './case';
import type { WorkingCalendar } from './calendar';
import { deadlines, type SlaLevel } from './sla-clock';

/** Where the timers act: only on open cases whose clock runs (not paused, not answered). */
const RUNNING = new Set(['submitted', 'in_progress']);

const RANK: Record<SlaLevel, number> = { normal: 0, warning: 1, overdue: 2, severe: 3 };

export function slaRank(level: SlaLevel): number {
  return RANK[level];
}

/**
 * The record with its schedule derived: due date as of `now`, and the next SLA step above the one
 * already reached, with the instant it falls due (warning at warnAt; overdue and severe one
 * second after their deadlines). Paused, answered and finished cases have no next step, so they
 * drop out of the timers' index and never advance.
 */
export function withSlaSchedule(record: CaseRecord, now: Date, calendar?: WorkingCalendar): CaseRecord {
  const d = deadlines(record.clock, now, calendar);
  const steps: { level: Exclude<SlaLevel, 'normal'>; at: Date }[] = [
    { level: 'warning', at: d.warnAt },
    { level: 'overdue', at: new Date(d.dueAt.getTime() + 1000) },
    { level: 'severe', at: new Date(d.severeAt.getTime() + 1000) },
  ];
  const running = RUNNING.has(record.status) && !record.clock.pausedSince && !record.clock.stoppedAt;
  const next = running ? steps.find((s) => RANK[s.level] > RANK[record.slaReached]) : undefined;
  return {
    ...record,
    schedule: { dueAt: d.dueAt.toISOString(), ...(next ? { next: { level: next.level, at: next.at.toISOString() } } : {}) },
  };
}

/** The SLA steps a sweep at `now` must take for this case, in order (usually one). */
export function dueSlaSteps(record: CaseRecord, now: Date, calendar?: WorkingCalendar): Exclude<SlaLevel, 'normal'>[] {
  if (!RUNNING.has(record.status) || record.clock.pausedSince || record.clock.stoppedAt) return [];
  const d = deadlines(record.clock, now, calendar);
  const t = now.getTime();
  const reached: Exclude<SlaLevel, 'normal'>[] = [];
  if (t >= d.warnAt.getTime()) reached.push('warning');
  if (t > d.dueAt.getTime()) reached.push('overdue');
  if (t > d.severeAt.getTime()) reached.push('severe');
  return reached.filter((level) => RANK[level] > RANK[record.slaReached]);
}
