import { SLA_SHARDS, dueSlaSteps, statsDeltas, withSlaSchedule, type CaseRecord, type SlaLevel, type WorkingCalendar } from '@minsheng/shared';
import { newEventId, outboxFor } from './case-events';
import type { Deps } from './deps';
import { workingCalendar } from './sla-settings';

export interface SweepResult {
  /** Items the sweep read from the timers' index: the cases due, never all open cases. */
  itemsRead: number;
  /** SLA steps taken (each exactly once per case). */
  steps: Record<Exclude<SlaLevel, 'normal'>, number>;
  /** Lost races with a concurrent writer (another sweep, an official): re-read and settled. */
  conflicts: number;
}

export interface SweepOptions {
  pageSize?: number;
  /** Stop (throw) after this many steps — lets tests kill a sweep half-way. */
  failAfterSteps?: number;
}

export class SweepInterrupted extends Error {}

/**
 * Take every SLA step that is due at `now`. Reads only the timers' sparse index (one Query per
 * shard, paged), so its cost follows the cases due, not the cases open. Each step is one
 * transaction conditioned on the case's version — case, audit event, counters and notifications
 * together — so running it twice, or twice at once, or again after a crash takes each step once.
 */
export async function sweepSla(deps: Deps, now: Date = deps.now(), options: SweepOptions = {}): Promise<SweepResult> {
  const calendar = await workingCalendar(deps);
  const result: SweepResult = { itemsRead: 0, steps: { warning: 0, overdue: 0, severe: 0 }, conflicts: 0 };
  const budget = { left: options.failAfterSteps ?? Infinity };
  await Promise.all(
    Array.from({ length: SLA_SHARDS }, async (_, shard) => {
      let cursor: string | undefined;
      do {
        const page = await deps.store.listSlaDue(shard, now.toISOString(), { limit: options.pageSize ?? 100, ...(cursor ? { cursor } : {}) });
        result.itemsRead += page.items.length;
        for (const c of page.items) await escalate(deps, c, now, calendar, result, budget);
        cursor = page.cursor;
      } while (cursor);
    }),
  );
  return result;
}

async function escalate(deps: Deps, fromIndex: CaseRecord, now: Date, calendar: WorkingCalendar, result: SweepResult, budget: { left: number }): Promise<void> {
  let current: CaseRecord | undefined = fromIndex;
  for (let attempt = 0; current && attempt < 6; attempt++) {
    const [level] = dueSlaSteps(current, now, calendar);
    if (!level) return;
    if (budget.left <= 0) throw new SweepInterrupted('sweep interrupted');
    const at = now.toISOString();
    const next = withSlaSchedule({ ...current, slaReached: level, version: current.version + 1, updatedAt: at }, now, calendar);
    const kind = `sla_${level}` as const;
    const event = {
      eventId: newEventId(now),
      caseNo: current.caseNo,
      at,
      kind,
      actorRole: 'system' as const,
      actorId: 'sla-timer',
      fromStatus: current.status,
      toStatus: current.status,
      // Citizens see that their case went overdue and was escalated; the warning is internal.
      public: level !== 'warning',
      data: { level, dueAt: current.schedule?.dueAt ?? '' },
    };
    const written = await deps.store.applyChange(next, current.version, event, statsDeltas(current, next, kind), outboxFor(event, next));
    if (written.ok) {
      budget.left--;
      result.steps[level]++;
      current = next;
    } else {
      // Someone else wrote first (another sweep, or an official): settle on what is stored now.
      result.conflicts++;
      current = await deps.store.getCase(current.caseNo);
    }
  }
}
