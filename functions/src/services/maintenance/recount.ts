import type { CaseRecord } from '@minsheng/shared';
import type { Deps } from '../deps';

export interface RecountTotals {
  /** Case and 协办 part items handed over. */
  scanned: number;
  /** Items counted now (no marker yet: written before the queue counter ran). */
  counted: number;
  /** Items the queue counter had counted already (their marker is there): nothing moved. */
  alreadyCounted: number;
  /** Case items whose search postings (words, place and category) were written. */
  indexed: number;
}

/** What the queue counter follows: a case item or a 协办 part item (the recount's Scan filter, infra/src/recount-table.ts). */
export const isCountedItem = (item: Record<string, unknown>): boolean => String(item.pk).startsWith('CASE#') && (item.sk === 'CASE' || String(item.sk).startsWith('PART#'));

/**
 * The one-off recount of a table carried over from before the case's derived data was kept from the stream
 * (the queue counts and the case search postings, issue #16), for one page of stored items: each case and 协办
 * part item is handed to the queue counter as a record older than any the stream has (sequence number 0) —
 * counted where it has no marker yet, left alone where the stream counted it already — and each case's postings
 * are written (puts of keys: writing them again is harmless). Safe beside the running stream and safe to run
 * again: the counts never double, whatever the order. The items come from a Scan that runs outside the
 * functions (infra/src/recount-table.ts): no function has a Scan right.
 */
export async function recountItems(deps: Pick<Deps, 'queueCounts' | 'caseSearch'>, items: Record<string, unknown>[]): Promise<RecountTotals> {
  const result: RecountTotals = { scanned: 0, counted: 0, alreadyCounted: 0, indexed: 0 };
  const mine = items.filter(isCountedItem);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < mine.length) {
        const item = mine[next++]!;
        result.scanned++;
        const outcome = await deps.queueCounts.follow({ keys: { pk: item.pk, sk: item.sk }, sequenceNumber: '0', newImage: item });
        if (outcome === 'counted') result.counted++;
        if (outcome === 'already_counted') result.alreadyCounted++;
        if (item.sk === 'CASE' && typeof item.caseNo === 'string') {
          await deps.caseSearch.apply(undefined, item as unknown as CaseRecord);
          result.indexed++;
        }
      }
    }),
  );
  return result;
}
