import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import type { CaseRecord } from '@minsheng/shared';
import type { CaseQueues, Page } from '../../ports/cases';
import { decodeCursor, encodeCursor, queueKeys, withoutIndexAttrs } from './case-index-keys';
import { caseEntities } from './entities';
import { indexKey } from './keys';
import type { MinshengTable } from './table';

/** Index items per COUNT page (countCases). */
const COUNT_PAGE = 1000;

/** The officials' queues and the SLA timers' due steps: one Query on an index each, paged by an opaque cursor. */
export function createDynamoCaseQueues(table: MinshengTable): CaseQueues {
  const { CaseEntity } = caseEntities(table);

  const toPage = (result: { Items?: unknown[]; LastEvaluatedKey?: Record<string, unknown> }): Page<CaseRecord> => ({
    items: (result.Items ?? []).map((item) => withoutIndexAttrs(item as CaseRecord & Record<string, unknown>)),
    ...(result.LastEvaluatedKey ? { cursor: encodeCursor(result.LastEvaluatedKey) } : {}),
  });

  return {
    async listCases(query, page) {
      const { index, partition, range, reverse } = queueKeys(query);
      const exclusiveStartKey = page.cursor ? decodeCursor(page.cursor, index, partition) : undefined;
      const result = await table
        .build(QueryCommand)
        .entities(CaseEntity)
        .query({ index, partition, ...(range ? { range } : {}) } as never)
        .options({ limit: page.limit, reverse, ...(exclusiveStartKey ? { exclusiveStartKey } : {}) })
        .send();
      return toPage(result);
    },

    async countCases(query) {
      const { index, partition, range } = queueKeys(query);
      // Small COUNT pages, one after another: a 1 MB page is one long read, and other requests
      // (the admin polling the job's progress) would wait behind each.
      let count = 0;
      let exclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const result = await table
          .build(QueryCommand)
          .query({ index, partition, ...(range ? { range } : {}) } as never)
          .options({ select: 'COUNT', limit: COUNT_PAGE, ...(exclusiveStartKey ? { exclusiveStartKey } : {}) } as never)
          .send();
        count += result.Count ?? 0;
        exclusiveStartKey = result.LastEvaluatedKey as Record<string, unknown> | undefined;
      } while (exclusiveStartKey);
      return count;
    },

    async listSlaDue(shard, now, page) {
      const partition = indexKey.slaShard(shard);
      const exclusiveStartKey = page.cursor ? decodeCursor(page.cursor, 'gsi5', partition) : undefined;
      // '~' sorts after '#': every step due at or before `now`, whatever the case number.
      const result = await table
        .build(QueryCommand)
        .entities(CaseEntity)
        .query({ index: 'gsi5', partition, range: { lte: `${now}~` } })
        .options({ limit: page.limit, ...(exclusiveStartKey ? { exclusiveStartKey } : {}) })
        .send();
      return toPage(result);
    },
  };
}
