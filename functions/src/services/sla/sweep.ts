import { SLA_SHARDS, dueSlaSteps, statsDeltas, withSlaSchedule, type CaseRecord, type SlaLevel, type WorkingCalendar } from '@minsheng/shared';
import { auditEvent, outboxFor, SLA_TIMER, withProgress } from '../cases/case-event';
import type { Deps } from '../deps';
import { workingCalendar, type SlaSettingsDeps } from './settings';

/** What the timers need: the cases, the due steps' index, the settings and the clock. */
export type SweepDeps = Pick<Deps, 'cases' | 'queues' | 'now'> & SlaSettingsDeps;
/** Re-timing open cases after a calendar change (the re-timing job, retime-job.ts). */
export type RescheduleDeps = SweepDeps;

export interface SweepResult {
  /** Items the sweep read from the timers' index: the cases due, never all open cases. */
  itemsRead: number;
  /** SLA steps taken (each exactly once per case). */
  steps: Record<Exclude<SlaLevel, 'normal'>, number>;
  /** Lost races with a concurrent writer (another sweep, an official): re-read and settled. */
  conflicts: number;
  /** Index entries found stale (the calendar changed) and re-timed. */
  rescheduled: number;
}

export interface SweepOptions {
  pageSize?: number;
  /** Stop (throw) after exactly this many steps — lets tests kill a sweep half-way. */
  failAfterSteps?: number;
}

export class SweepInterrupted extends Error {}

interface Budget {
  left: number;
  stopped: boolean;
}

/**
 * Take every SLA step that is due at `now`. Reads only the timers' sparse index (one Query per
 * shard, paged), so its cost follows the cases due, not the cases open. Each step is one
 * transaction conditioned on the case's version — case, audit event, counters and notifications
 * together — so running it twice, or twice at once, or again after a crash takes each step once.
 */
export async function sweepSla(deps: SweepDeps, now: Date = deps.now(), options: SweepOptions = {}): Promise<SweepResult> {
  const calendar = await workingCalendar(deps);
  const result: SweepResult = { itemsRead: 0, steps: { warning: 0, overdue: 0, severe: 0 }, conflicts: 0, rescheduled: 0 };
  const budget: Budget = { left: options.failAfterSteps ?? Infinity, stopped: false };
  const shards = Array.from({ length: SLA_SHARDS }, async (_, shard) => {
    let cursor: string | undefined;
    do {
      if (budget.stopped) return;
      const page = await deps.queues.listSlaDue(shard, now.toISOString(), { limit: options.pageSize ?? 100, ...(cursor ? { cursor } : {}) });
      result.itemsRead += page.items.length;
      for (const c of page.items) await escalate(deps, c, now, calendar, result, budget);
      cursor = page.cursor;
    } while (cursor);
  });
  // Let every shard settle before answering: an interrupted sweep must not keep writing behind our back.
  const settled = await Promise.allSettled(shards);
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) throw (failure as PromiseRejectedResult).reason;
  return result;
}

function takeStep(budget: Budget): void {
  if (budget.stopped || budget.left <= 0) {
    budget.stopped = true;
    throw new SweepInterrupted('sweep interrupted');
  }
  budget.left--;
}

async function escalate(deps: SweepDeps, fromIndex: CaseRecord, now: Date, calendar: WorkingCalendar, result: SweepResult, budget: Budget): Promise<void> {
  let current: CaseRecord | undefined = fromIndex;
  for (let attempt = 0; current && attempt < 6; attempt++) {
    const [level] = dueSlaSteps(current, now, calendar);
    if (!level) {
      // Indexed as due but nothing is: its schedule predates a calendar change. Re-time it.
      if (current === fromIndex && (await reschedule(deps, current, now, calendar))) result.rescheduled++;
      return;
    }
    takeStep(budget);
    const kind = `sla_${level}` as const;
    // Citizens see that their case went overdue and was escalated; the warning is internal (the vocabulary says so).
    const event = auditEvent(current, kind, SLA_TIMER, now, { level, dueAt: current.schedule?.dueAt ?? '' });
    const next = withProgress(withSlaSchedule({ ...current, slaReached: level, version: current.version + 1, updatedAt: now.toISOString() }, now, calendar), event);
    const written = await deps.cases.applyChange(next, current.version, event, statsDeltas(current, next, kind), outboxFor(event, next));
    if (written.ok) {
      result.steps[level]++;
      current = next;
    } else {
      // Someone else wrote first (another sweep, or an official): settle on what is stored now.
      budget.left++;
      result.conflicts++;
      current = await deps.cases.getCase(current.caseNo);
    }
  }
}

/**
 * Re-derive a case's schedule with today's calendar and store it if it changed (the index entry
 * moves with it). Recorded as an internal audit event. Returns whether it was re-timed (a case
 * already on this calendar is not written: re-timing twice is a no-op).
 */
export async function reschedule(deps: SweepDeps, c: CaseRecord, now: Date, calendar: WorkingCalendar): Promise<boolean> {
  const next = withSlaSchedule(c, now, calendar);
  if (JSON.stringify(next.schedule) === JSON.stringify(c.schedule)) return false;
  const written = await deps.cases.applyChange(
    { ...next, version: c.version + 1, updatedAt: now.toISOString() },
    c.version,
    auditEvent(c, 'sla_rescheduled', SLA_TIMER, now, { dueAt: next.schedule?.dueAt ?? '', nextAt: next.schedule?.next?.at ?? '' }),
    [],
  );
  return written.ok;
}
