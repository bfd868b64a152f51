import type { CaseRecord } from '@minsheng/shared';
import type { Deps } from '../deps';

export interface RecountPage {
  /** Case and 协办 part items read on this page. */
  scanned: number;
  /** Items counted now (no marker yet: written before the queue counter ran). */
  counted: number;
  /** Items the queue counter had counted already (their marker is there): nothing moved. */
  alreadyCounted: number;
  /** Case items whose search postings (words, place and category) were written. */
  indexed: number;
  /** Where the next page starts; absent on the last. */
  cursor?: string;
}

/**
 * One page of the one-off recount of a table carried over from before the case's derived data was kept from
 * the stream (the queue counts and the case search postings, issue #16): each case and 协办 part item is handed
 * to the queue counter as a record older than any the stream has (sequence number 0) — counted where it has no
 * marker yet, left alone where the stream counted it already — and each case's postings are written (puts of
 * keys: writing them again is harmless). Safe beside the running stream and safe to run again: the counts
 * never double, whatever the order.
 */
export async function recountPage(deps: Pick<Deps, 'queueCounts' | 'caseSearch'>, page: { cursor?: string; limit?: number } = {}): Promise<RecountPage> {
  const { items, cursor } = await deps.queueCounts.scanCountedItems({ limit: page.limit ?? 200, ...(page.cursor ? { cursor: page.cursor } : {}) });
  const result: RecountPage = { scanned: items.length, counted: 0, alreadyCounted: 0, indexed: 0 };
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
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
  return { ...result, ...(cursor ? { cursor } : {}) };
}

/** The whole recount, page after page; `onPage` told of each (progress). */
export async function recountAll(deps: Pick<Deps, 'queueCounts' | 'caseSearch'>, onPage: (page: RecountPage) => void = () => {}): Promise<Omit<RecountPage, 'cursor'>> {
  const total = { scanned: 0, counted: 0, alreadyCounted: 0, indexed: 0 };
  let cursor: string | undefined;
  do {
    const page = await recountPage(deps, cursor ? { cursor } : {});
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += page[k];
    onPage(page);
    cursor = page.cursor;
  } while (cursor);
  return total;
}
