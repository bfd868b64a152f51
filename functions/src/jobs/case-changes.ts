import * as wire from '../app/wiring';
import { streamRouter, type StreamRoute } from '../lib/stream';
import type { Deps } from '../services/deps';
import { followQueueCounts, isQueuedItemChange } from '../services/console/queue-counts';
import { indexCaseChange, isCaseWrite } from '../services/search/index-case';
import { countEvent, isCountedEventInsert } from '../services/stats/count-event';

/**
 * The table's one reader of its stream for the case's derived data (serverless.yml: caseChanges, its
 * filterPatterns the union of the routes'), each route idempotent under at-least-once delivery:
 * - statsConsumer: adds each new case event's counters to the statistics, in one transaction with the
 *   event's "counted" marker, so a redelivered record counts once;
 * - queueCounter: moves each case or 协办 part item's exact queue counts from the partitions it left to
 *   those it entered, once per record (the item's marker remembers what it was counted in);
 * - caseIndexer: keeps the case search index (the postings of the words of title and content, of place
 *   and category) in step; its writes converge, so a redelivery is harmless.
 * A failed record is reported; Lambda retries the batch from it (the re-timing job is the stream's
 * other reader: one record at a time, up to 15 minutes each).
 */
export const ROUTES: readonly StreamRoute<Pick<Deps, 'stats' | 'queueCounts' | 'caseSearch'>>[] = [
  { name: 'statsConsumer', takes: isCountedEventInsert, handle: (change, deps) => countEvent(deps, change) },
  { name: 'queueCounter', takes: isQueuedItemChange, handle: (change, deps) => followQueueCounts(deps, change) },
  { name: 'caseIndexer', takes: (change) => change.eventName !== 'REMOVE' && isCaseWrite(change), handle: (change, deps) => indexCaseChange(deps, change) },
];

export const handler = streamRouter('case changes', wire.inject({ stats: wire.stats, queueCounts: wire.queueCounts, caseSearch: wire.caseSearch }), ROUTES);
