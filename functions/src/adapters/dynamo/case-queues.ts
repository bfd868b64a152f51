import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { BatchGetRequest } from 'dynamodb-toolbox/entity/actions/batchGet';
import type { CaseRecord, OpenDataFacts } from '@minsheng/shared';
import type { CaseQueues, CaseSummary, Page } from '../../ports/cases';
import { decodeCursor, encodeCursor, OPEN_DATA_ATTR, queueKeys, queueSummary, QUEUE_SUMMARY_ATTR, withoutIndexAttrs } from './case-index-keys';
import { caseEntities } from './entities';
import { indexKey } from './keys';
import { consistentBatchGet, KEYS, type MinshengTable } from './table';

type IndexName = keyof typeof KEYS.indexes;
type Range = { between: [string, string] } | { lt: string } | { lte: string } | { gte: string };
type IndexItem = Record<string, unknown>;

const CASE_PREFIX = 'CASE#';
/** Index items per COUNT page (countCases). */
const COUNT_PAGE = 1000;
/** Index items a filtered (subtree) page reads per Query at least: a township's rows are a part of its county's. */
const SUBTREE_READ = 200;

/**
 * The officials' queues and the SLA timers' due steps: one Query on an index each, paged by an
 * opaque cursor. The queues' indexes carry only the keys and the queue summary (`qs`), so a queue
 * page is that Query and nothing else; the timers' index carries only keys, so the lists that need
 * whole cases (the sweep, the re-timing, the horizon) read them with one strongly consistent
 * BatchGet per page — the current case, never an index copy that lags the table.
 */
export function createDynamoCaseQueues(table: MinshengTable): CaseQueues {
  const { CaseEntity } = caseEntities(table);

  /** A Query of one partition of an index, within `range` of its sort key. */
  function indexQuery(index: IndexName, partition: string, range: Range | undefined): QueryCommandInput {
    const names = KEYS.indexes[index];
    return {
      TableName: table.getName(),
      IndexName: index,
      KeyConditionExpression: `#pk = :pk${range ? ` AND ${rangeExpression(range)}` : ''}`,
      ExpressionAttributeNames: { '#pk': names.partitionKey, ...(range ? { '#sk': names.sortKey } : {}) },
      ExpressionAttributeValues: { ':pk': partition, ...(range ? rangeValues(range) : {}) },
    };
  }

  /**
   * One page of the index (raw: index items are projections, not whole entities). With `withinPath`
   * the Query filters on the summary's unitPath and reads at least SUBTREE_READ items; matches beyond
   * the page are cut and the cursor set at the last one kept (its keys are the index's), so it stays exact.
   */
  async function queryIndex(index: IndexName, partition: string, range: Range | undefined, page: { limit: number; cursor?: string }, reverse = false, withinPath?: string) {
    const exclusiveStartKey = page.cursor ? decodeCursor(page.cursor, index, partition) : undefined;
    const base = indexQuery(index, partition, range);
    const input: QueryCommandInput = {
      ...base,
      Limit: withinPath ? Math.max(page.limit, SUBTREE_READ) : page.limit,
      ScanIndexForward: !reverse,
      ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
      ...(withinPath
        ? {
            FilterExpression: '#qs.#up = :wp OR begins_with(#qs.#up, :wpc)',
            ExpressionAttributeNames: { ...base.ExpressionAttributeNames, '#qs': QUEUE_SUMMARY_ATTR, '#up': 'unitPath' },
            ExpressionAttributeValues: { ...base.ExpressionAttributeValues, ':wp': withinPath, ':wpc': `${withinPath}/` },
          }
        : {}),
    };
    const result = await table.getDocumentClient().send(new QueryCommand(input));
    const items = (result.Items ?? []) as IndexItem[];
    if (items.length > page.limit) {
      const kept = items.slice(0, page.limit);
      const last = kept.at(-1)!;
      const names = KEYS.indexes[index];
      const at = Object.fromEntries([KEYS.partitionKey, KEYS.sortKey, names.partitionKey, names.sortKey].map((k) => [k, last[k]]));
      return { items: kept, cursor: encodeCursor(at) };
    }
    return { items, ...(result.LastEvaluatedKey ? { cursor: encodeCursor(result.LastEvaluatedKey) } : {}) };
  }

  const caseNoOf = (item: IndexItem) => String(item[KEYS.partitionKey]).slice(CASE_PREFIX.length);

  /** The cases of these index items, whole and current, in the index's order (one consistent BatchGet per 100). */
  async function fullCases(items: IndexItem[]): Promise<CaseRecord[]> {
    const caseNos = items.map(caseNoOf);
    const found = await consistentBatchGet(table, caseNos.map((caseNo) => CaseEntity.build(BatchGetRequest).key({ caseNo })));
    // A case gone between the two reads (none are deleted today) is left out.
    return found.filter((item) => item !== undefined).map((item) => withoutIndexAttrs(item) as unknown as CaseRecord);
  }

  const withCases = async (page: { items: IndexItem[]; cursor?: string }): Promise<Page<CaseRecord>> => ({
    items: await fullCases(page.items),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });

  return {
    async listCaseSummaries(query, page) {
      const { index, partition, range, reverse } = queueKeys(query);
      const withinPath = 'withinPath' in query ? query.withinPath : undefined;
      const result = await queryIndex(index, partition, range, page, reverse, withinPath);
      const summaries = new Map<IndexItem, CaseSummary>();
      for (const item of result.items) if (item[QUEUE_SUMMARY_ATTR]) summaries.set(item, item[QUEUE_SUMMARY_ATTR] as CaseSummary);
      // Items written before the summary existed carry none: their cases are read (and summarised) instead.
      const older = result.items.filter((item) => !summaries.has(item));
      if (older.length) {
        const byNo = new Map((await fullCases(older)).map((c) => [c.caseNo, queueSummary(c)]));
        for (const item of older) if (byNo.has(caseNoOf(item))) summaries.set(item, byNo.get(caseNoOf(item))!);
      }
      return {
        items: result.items.filter((item) => summaries.has(item)).map((item) => summaries.get(item)!),
        ...(result.cursor ? { cursor: result.cursor } : {}),
      };
    },

    async listCases(query, page) {
      const { index, partition, range, reverse } = queueKeys(query);
      return withCases(await queryIndex(index, partition, range, page, reverse));
    },

    async listFiledInMonth(month, area, page) {
      const partition = indexKey.filedInMonth(month, area);
      const result = await queryIndex('gsi10', partition, undefined, page);
      return {
        items: result.items.map((item) => item[OPEN_DATA_ATTR] as OpenDataFacts | undefined).filter((f): f is OpenDataFacts => f !== undefined),
        ...(result.cursor ? { cursor: result.cursor } : {}),
      };
    },

    async countCases(query) {
      const { index, partition, range } = queueKeys(query);
      // Small COUNT pages, one after another: a 1 MB page is one long read, and other requests
      // (the admin polling the job's progress) would wait behind each.
      let count = 0;
      let exclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const result = await table.getDocumentClient().send(
          new QueryCommand({
            ...indexQuery(index, partition, range),
            Select: 'COUNT',
            Limit: COUNT_PAGE,
            ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
          }),
        );
        count += result.Count ?? 0;
        exclusiveStartKey = result.LastEvaluatedKey as Record<string, unknown> | undefined;
      } while (exclusiveStartKey);
      return count;
    },

    async listSlaDue(shard, now, page) {
      // '~' sorts after '#': every step due at or before `now`, whatever the case number.
      return withCases(await queryIndex('gsi5', indexKey.slaShard(shard), { lte: `${now}~` }, page));
    },
  };
}

function rangeExpression(range: Range): string {
  if ('between' in range) return '#sk BETWEEN :a AND :b';
  if ('lt' in range) return '#sk < :a';
  if ('lte' in range) return '#sk <= :a';
  return '#sk >= :a';
}

function rangeValues(range: Range): Record<string, string> {
  if ('between' in range) return { ':a': range.between[0], ':b': range.between[1] };
  if ('lt' in range) return { ':a': range.lt };
  if ('lte' in range) return { ':a': range.lte };
  return { ':a': range.gte };
}
