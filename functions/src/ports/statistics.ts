import type { CounterDelta, StatCounters } from '@minsheng/shared';

/** One case event's counters, as the stream consumer hands them over. */
export interface CountedEvent {
  caseNo: string;
  eventId: string;
  /** When the change happened: the month it counts in. */
  at: string;
  counters: CounterDelta[];
}

/**
 * The statistics counters: added from the table's stream by the stats consumer (one transaction
 * per case event, at most once), read by the statistics pages.
 */
export interface StatsStore {
  /** Counters of one period (`ALL` or `YYYY-MM`), by dimension (`ALL`, `DEPT#…`, `CAT#…`, `TYPE#…`, `UNIT#…`). */
  getStats(period: string): Promise<Record<string, StatCounters>>;
  /** One dimension's counters of a period (`ALL` by default; a unit's `UNIT#<id>`): one Query of its shards. */
  getStatsTotals(period: string, dimension?: string): Promise<StatCounters>;
  /**
   * Add an event's counters and mark the event counted, atomically; `already_counted` (and nothing
   * added) when it was counted before — a stream record delivered again.
   */
  countEvent(event: CountedEvent): Promise<'counted' | 'already_counted'>;
}
