import type { StatCounters } from '@minsheng/shared';

/** Reading the statistics counters (they are written with each case change). */
export interface StatsStore {
  /** Counters of one period (`ALL` or `YYYY-MM`), by dimension (`ALL`, `DEPT#…`, `CAT#…`, `TYPE#…`). */
  getStats(period: string): Promise<Record<string, StatCounters>>;
  getStatsTotals(period: string): Promise<StatCounters>;
}
