import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Table } from 'dynamodb-toolbox/table';
import { BatchGetCommand, execute as executeBatchGet, type IBatchGetRequest } from 'dynamodb-toolbox/table/actions/batchGet';

/**
 * Key attribute names and index names, defined once. serverless.yml declares the same names
 * (a test compares the two), and the local stack creates the table from serverless.yml.
 */
export const KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttl: 'ttl',
  indexes: {
    /** Work queues: `Q#intake`, `Q#dept#<id>`, `Q#replied#<id>`, `Q#closed`; officials: `OFFICIALS`. */
    gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Open, running cases by due date (due soon / overdue across departments). Sparse. */
    gsi2: { partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** Cases by the intake officer who owns them (首问负责, "mine"). Sparse. */
    gsi3: { partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    /** Open cases escalated by the SLA timers (overdue or severe). Sparse. */
    gsi4: { partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
    /** The timers' work: running cases by the time of their next SLA step, in SLA_SHARDS partitions. Sparse. */
    gsi5: { partitionKey: 'gsi5pk', sortKey: 'gsi5sk' },
    /** County-wide (a 区/县's subtree): open running cases by due, finished cases by close. Sparse. */
    gsi6: { partitionKey: 'gsi6pk', sortKey: 'gsi6sk' },
    /** County-wide escalated (overdue or severe) open cases. Sparse. */
    gsi7: { partitionKey: 'gsi7pk', sortKey: 'gsi7sk' },
    /** Cases by the keyed hash of the phone they gave (`PH#<hmac>`), newest first: search and duplicates. Sparse. */
    gsi8: { partitionKey: 'gsi8pk', sortKey: 'gsi8sk' },
    /** The public listing (Open311): cases but reports by Shanghai month of filing (`PUB#<yyyy-mm>`), by filing time. Sparse. */
    gsi9: { partitionKey: 'gsi9pk', sortKey: 'gsi9sk' },
    /** Open data: every case by the Shanghai month it was filed in and its 区/县 (`FILED#<yyyy-mm>#<area>`), by filing time. */
    gsi10: { partitionKey: 'gsi10pk', sortKey: 'gsi10sk' },
  },
} as const;

/** The single table, as dynamodb-toolbox sees it (its indexes from KEYS). */
export function createTable(documentClient: DynamoDBDocumentClient, tableName: string) {
  return new Table({
    documentClient,
    name: tableName,
    partitionKey: { name: KEYS.partitionKey, type: 'string' },
    sortKey: { name: KEYS.sortKey, type: 'string' },
    indexes: {
      ...(Object.fromEntries(
        Object.entries(KEYS.indexes).map(([name, k]) => [
          name,
          { type: 'global', partitionKey: { name: k.partitionKey, type: 'string' }, sortKey: { name: k.sortKey, type: 'string' } },
        ]),
      ) as Record<keyof typeof KEYS.indexes, { type: 'global'; partitionKey: { name: string; type: 'string' }; sortKey: { name: string; type: 'string' } }>),
    },
  });

}

export type MinshengTable = ReturnType<typeof createTable>;

/**
 * Strongly consistent reads, for items a request may read right after it (or the citizen's or
 * official's previous request) wrote them: the case before a version-guarded change (a stale read
 * would answer a current expectedVersion with 409), its timeline shown after an action, the
 * password of a case filed a second ago, an idempotency record, an official's account (a disabled
 * account or reset password takes effect at once). DynamoDB Local is always consistent, so this
 * is only observable in AWS; the adapter test checks the reads ask for it.
 */
export const LATEST = { consistent: true } as const;

/**
 * Items by key, strongly consistent (LATEST): one BatchGet per 100 keys; keys DynamoDB leaves
 * unprocessed are asked again by execute. The items in the order of the requests, undefined where
 * there is none.
 */
export async function consistentBatchGet(table: MinshengTable, requests: IBatchGetRequest[]): Promise<(Record<string, unknown> | undefined)[]> {
  const items: (Record<string, unknown> | undefined)[] = [];
  for (let i = 0; i < requests.length; i += 100) {
    const { Responses } = await executeBatchGet({ maxAttempts: 5 }, table.build(BatchGetCommand).requests(...requests.slice(i, i + 100)).options(LATEST));
    items.push(...((Responses[0] ?? []) as (Record<string, unknown> | undefined)[]));
  }
  return items;
}
