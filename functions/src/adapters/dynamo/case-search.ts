import { BatchWriteCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ROOT_UNIT_ID, countyOf, indexedTerms, toShanghaiDate, type CaseRecord } from '@minsheng/shared';
import type { CaseSearchIndex, SearchHit } from '../../ports/case-search';
import type { CaseSummary } from '../../ports/cases';
import { decodeCursor, encodeCursor, phoneHash, QUEUE_SUMMARY_ATTR } from './case-index-keys';
import { indexKey, key } from './keys';
import { KEYS, type MinshengTable } from './table';

/** Queries of the posting partitions in flight at once (one search fans out over terms × areas × months). */
const PARALLEL_QUERIES = 16;
/** BatchWrite requests in flight at once when a case's postings change. */
const PARALLEL_WRITES = 4;
/** '~' sorts after every character of an ISO instant and of `#<caseNo>`: the end of a range of sort keys. */
const END = '~';

type Key = { pk: string; sk: string };

/** The area a case is indexed in: its 区/县 (the level-2 unit of its unitPath), or the root. */
export const areaOf = (c: Pick<CaseRecord, 'unitPath'>): string => countyOf(c.unitPath) ?? ROOT_UNIT_ID;
/** The Shanghai month (`yyyy-mm`) of an instant. */
export const monthOf = (iso: string): string => toShanghaiDate(new Date(iso)).slice(0, 7);

/** The Shanghai months from `from` to `to` (ISO instants), newest first. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const first = monthOf(from);
  let [y, m] = monthOf(to).split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month < first) break;
    out.push(month);
    m -= 1;
    if (m === 0) [y, m] = [y - 1, 12];
  }
  return out;
}

/** Every posting a case is written under: one per indexed term (its area and month), and its place and category. */
export function postingsOf(c: CaseRecord | undefined): Key[] {
  if (!c) return [];
  const area = areaOf(c);
  const month = monthOf(c.createdAt);
  const out = indexedTerms(c).map((t) => key.wordPosting(area, month, t, c.createdAt, c.caseNo));
  if (c.location?.unitId) out.push(key.placePosting(c.location.unitId, c.categoryId, c.createdAt, c.caseNo));
  return out;
}

async function inPool<T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await run(items[i]!);
      }
    }),
  );
  return out;
}

const hitOf = (sk: string): SearchHit => {
  const at = sk;
  const cut = sk.lastIndexOf('#');
  return { caseNo: sk.slice(cut + 1), createdAt: sk.slice(0, cut), at };
};

/**
 * Case search on the table itself: the phone's keyed hash on the case item (gsi8, queue summary
 * projected), and postings (keys only, no attributes) of each character pair of a case's text,
 * partitioned by area and month, written by the case indexer from the stream (jobs/case-changes.ts, its caseIndexer route).
 */
export function createDynamoCaseSearch(table: MinshengTable, options: { phoneKey?: Buffer }): CaseSearchIndex {
  const client = table.getDocumentClient();
  const TableName = table.getName();

  /** Every sort key of one posting partition within [from, to] (and below `below`), newest first. */
  async function postings(partition: string, from: string, to: string, below?: string): Promise<string[]> {
    const upper = below && below < `${to}${END}` ? below : `${to}${END}`;
    const out: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const input: QueryCommandInput = {
        TableName,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :a AND :b',
        ExpressionAttributeNames: { '#pk': KEYS.partitionKey, '#sk': KEYS.sortKey },
        ExpressionAttributeValues: { ':pk': partition, ':a': from, ':b': upper },
        ProjectionExpression: '#sk',
        ScanIndexForward: false,
        ...(start ? { ExclusiveStartKey: start } : {}),
      };
      const result = await client.send(new QueryCommand(input));
      for (const item of result.Items ?? []) {
        const sk = String(item[KEYS.sortKey]);
        // BETWEEN is inclusive: the cursor's own hit is not repeated.
        if (sk !== below) out.push(sk);
      }
      start = result.LastEvaluatedKey as Record<string, unknown> | undefined;
    } while (start);
    return out;
  }

  async function write(requests: Record<string, unknown>[]) {
    const batches: Record<string, unknown>[][] = [];
    for (let i = 0; i < requests.length; i += 25) batches.push(requests.slice(i, i + 25));
    await inPool(batches, PARALLEL_WRITES, async (batch) => {
      let pending = batch;
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt > 8) throw new Error('case search index: writes left unprocessed');
        if (attempt) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [TableName]: pending } }));
        pending = (result.UnprocessedItems?.[TableName] ?? []) as Record<string, unknown>[];
      }
    });
  }

  return {
    async apply(before, after) {
      const id = (k: Key) => `${k.pk}\u0000${k.sk}`;
      const old = new Map(postingsOf(before).map((k) => [id(k), k]));
      const now = new Map(postingsOf(after).map((k) => [id(k), k]));
      const requests = [
        ...[...old].filter(([i]) => !now.has(i)).map(([, k]) => ({ DeleteRequest: { Key: k } })),
        ...[...now].filter(([i]) => !old.has(i)).map(([, k]) => ({ PutRequest: { Item: k } })),
      ];
      if (requests.length) await write(requests);
    },

    async byPhone(phone, range, page) {
      // Only the recount (infra/src/recount.ts) builds the index without the key: it writes word postings, never searches.
      if (!options.phoneKey) throw new Error('case search by phone: no phone key');
      const partition = indexKey.phone(phoneHash(options.phoneKey, phone));
      const names = KEYS.indexes.gsi8;
      const start = page.cursor ? decodeCursor(page.cursor, 'gsi8', partition) : undefined;
      const result = await client.send(
        new QueryCommand({
          TableName,
          IndexName: 'gsi8',
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :a AND :b',
          ExpressionAttributeNames: { '#pk': names.partitionKey, '#sk': names.sortKey },
          // '0' sorts before every ISO instant: no lower bound.
          ExpressionAttributeValues: { ':pk': partition, ':a': range.from ?? '0', ':b': `${range.to ?? '9'}${END}` },
          ScanIndexForward: false,
          Limit: page.limit,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      const items = (result.Items ?? []).map((item) => item[QUEUE_SUMMARY_ATTR] as CaseSummary).filter(Boolean);
      return { items, ...(result.LastEvaluatedKey ? { cursor: encodeCursor(result.LastEvaluatedKey) } : {}) };
    },

    async *byTerms({ terms, areas, from, to, below }) {
      for (const month of monthsBetween(from, to)) {
        if (below && monthOf(hitOf(below).createdAt) < month) continue;
        // Each term's postings in every area of the scope, then the cases that hold every term.
        const jobs = terms.flatMap((term, t) => areas.map((area) => ({ t, partition: key.wordPostings(area, month, term) })));
        const lists = await inPool(jobs, PARALLEL_QUERIES, (job) => postings(job.partition, from, to, below));
        const perTerm = terms.map(() => new Set<string>());
        jobs.forEach((job, i) => lists[i]!.forEach((sk) => perTerm[job.t]!.add(sk)));
        perTerm.sort((a, b) => a.size - b.size);
        const [rarest, ...rest] = perTerm;
        const hits = [...(rarest ?? [])].filter((sk) => rest.every((s) => s.has(sk))).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
        if (hits.length) yield hits.map(hitOf);
      }
    },

    async termOverlap({ terms, areas, from, to }) {
      const jobs = monthsBetween(from, to).flatMap((month) => terms.flatMap((term) => areas.map((area) => ({ term, partition: key.wordPostings(area, month, term) }))));
      const lists = await inPool(jobs, PARALLEL_QUERIES, (job) => postings(job.partition, from, to));
      const count = new Map<string, number>();
      for (const list of lists) for (const sk of list) {
        const { caseNo } = hitOf(sk);
        count.set(caseNo, (count.get(caseNo) ?? 0) + 1);
      }
      return count;
    },

    async byPlaceCategory(placeUnitId, categoryId, range, limit) {
      const result = await client.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :a AND :b',
          ExpressionAttributeNames: { '#pk': KEYS.partitionKey, '#sk': KEYS.sortKey },
          ExpressionAttributeValues: { ':pk': key.placePostings(placeUnitId, categoryId), ':a': range.from, ':b': `${range.to}${END}` },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (result.Items ?? []).map((item) => hitOf(String(item[KEYS.sortKey])));
    },
  };
}
