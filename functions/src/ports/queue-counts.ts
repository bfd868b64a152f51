import type { CaseQuery } from './cases';

/** One change of a stored item from the table's stream, as the queue counter is handed it. */
export interface ItemChange {
  /** The item's primary key (`pk`, `sk`). */
  keys: Record<string, unknown>;
  /** The stream record's sequence number (increasing per item): a record handed over again, or an older one, changes nothing. */
  sequenceNumber: string;
  /** The item after the change (absent when it was deleted). */
  newImage?: Record<string, unknown>;
  /**
   * The item before the change, when the stream gives it: a change that keeps the item in the same
   * partitions (most do: an urge, an SLA warning, a new updatedAt) is then skipped without a read.
   */
  oldImage?: Record<string, unknown>;
}

/**
 * Exact counts of the queues, kept from the table's stream by the queue counter (jobs/case-changes.ts, its queueCounter route):
 * each case or 协办 part is counted in the index partitions it sits in, and moved when they change.
 */
export interface QueueCountStore {
  /**
   * Follow one item's change: −1 on each counted partition it left, +1 on each it entered, since it was
   * last counted, with the record's marker, in one transaction — so a record delivered again counts once.
   */
  follow(change: ItemChange): Promise<'counted' | 'unchanged' | 'already_counted'>;
  /** The counts of these queues (undefined for a queue that is a window of time), in one BatchGet. */
  count(queries: CaseQuery[]): Promise<(number | undefined)[]>;
}
