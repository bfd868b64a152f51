import { BatchGetCommand, GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { shardOf } from '@minsheng/shared';
import type { QueueCountStore } from '../../ports/queue-counts';
import { queueCountKey, queueCountKeysOf } from './case-index-keys';
import { conditionFailedAt, retryTransaction, type RetryPolicy } from './errors';
import { key } from './keys';
import type { MinshengTable } from './table';

/**
 * Each counted partition's count is spread over this many items (the shard a hash of the counted item's
 * key), so the consumer rarely has two transactions on one item at once; readers sum them.
 */
export const QUEUE_COUNT_SHARDS = 4;

/** A lost race with another transaction, or a marker that moved since it was read: read again, try again. */
const RETRY: RetryPolicy = {
  retryable: (reasons) => reasons.includes('TransactionConflict') || reasons[0] === 'ConditionalCheckFailed',
  attempts: 8,
  baseDelayMs: 20,
};

/** Sequence numbers are decimal strings of up to 40 digits: compared as numbers. */
function seqAtLeast(a: string, b: string): boolean {
  try {
    return BigInt(a) >= BigInt(b);
  } catch {
    return a.padStart(48, '0') >= b.padStart(48, '0');
  }
}

/**
 * Exact queue counts, kept from the table's stream. Per changed item (a case, a 协办 part): one
 * strongly consistent GetItem of its marker (`QCOUNTED#<sk>` beside it: the count keys it was last
 * counted in, and the stream record that did it), then one transaction — the marker, conditioned on
 * being the one read, and ADD −1 / +1 on the counts it left / entered. The diff is taken against what
 * was counted, not against the record's old image, so a record handed over again (or an older one after
 * a newer) changes nothing, and a count can never drift from the items in its partition.
 */
export function createDynamoQueueCountStore(table: MinshengTable): QueueCountStore {
  const client = () => table.getDocumentClient();
  const TableName = table.getName();

  return {
    async follow(change) {
      const pk = String(change.keys.pk ?? '');
      const sk = String(change.keys.sk ?? '');
      const marker = key.queueCountMarker(pk, sk);
      const wanted = [...new Set(queueCountKeysOf(change.newImage))].sort();
      const shard = shardOf(`${pk}|${sk}`, QUEUE_COUNT_SHARDS);
      // Records of an item are handled in order, so what it was counted in is its old image's partitions:
      // the same partitions after the change → nothing to move, nothing to read.
      if (change.oldImage) {
        const before = new Set(queueCountKeysOf(change.oldImage));
        if (before.size === wanted.length && wanted.every((k) => before.has(k))) return 'unchanged';
      }
      let outcome: 'counted' | 'unchanged' | 'already_counted' = 'unchanged';
      await retryTransaction(async () => {
        const { Item } = await client().send(new GetCommand({ TableName, Key: marker, ConsistentRead: true }));
        const seen = Item as { seq?: string; keys?: string[] } | undefined;
        if (seen?.seq && seqAtLeast(seen.seq, change.sequenceNumber)) {
          outcome = 'already_counted';
          return;
        }
        const had = new Set(seen?.keys ?? []);
        const now = new Set(wanted);
        const moves = [...[...had].filter((k) => !now.has(k)).map((k) => [k, -1] as const), ...wanted.filter((k) => !had.has(k)).map((k) => [k, 1] as const)];
        const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
          {
            Put: {
              TableName,
              Item: { ...marker, keys: wanted, seq: change.sequenceNumber },
              ...(seen
                ? { ConditionExpression: '#seq = :seen', ExpressionAttributeNames: { '#seq': 'seq' }, ExpressionAttributeValues: { ':seen': seen.seq } }
                : { ConditionExpression: 'attribute_not_exists(pk)' }),
            },
          },
          ...moves.map(([countKey, by]) => ({
            Update: {
              TableName,
              Key: key.queueCount(countKey, shard),
              UpdateExpression: 'ADD #n :by',
              ExpressionAttributeNames: { '#n': 'n' },
              ExpressionAttributeValues: { ':by': by },
            },
          })),
        ];
        // Nothing counted changes and a marker already says so: leave the item alone.
        if (!moves.length && (seen || !wanted.length)) return;
        await client().send(new TransactWriteCommand({ TransactItems: items }));
        outcome = moves.length ? 'counted' : 'unchanged';
      }, RETRY).catch((error) => {
        if (conditionFailedAt(error, 0)) throw new Error(`queue count marker of ${pk}/${sk} kept moving`, { cause: error });
        throw error;
      });
      return outcome;
    },

    async count(queries) {
      const countKeys = queries.map(queueCountKey);
      const wanted = [...new Set(countKeys.filter((k): k is string => k !== undefined))];
      const sums = new Map<string, number>(wanted.map((k) => [k, 0]));
      let pending = wanted.flatMap((k) => Array.from({ length: QUEUE_COUNT_SHARDS }, (_, shard) => key.queueCount(k, shard)));
      // One BatchGet per 100 keys (a desk's queues are well under: 9 queues × 4 shards), unprocessed keys retried.
      for (let attempt = 0; pending.length && attempt < 8; attempt++) {
        const batch = pending.slice(0, 100);
        const rest = pending.slice(100);
        const res = await client().send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: batch } } }));
        for (const item of (res.Responses?.[TableName] ?? []) as { pk: string; n?: number }[]) {
          const k = item.pk.slice('QCOUNT#'.length);
          sums.set(k, (sums.get(k) ?? 0) + (typeof item.n === 'number' ? item.n : 0));
        }
        pending = [...((res.UnprocessedKeys?.[TableName]?.Keys ?? []) as { pk: string; sk: string }[]), ...rest];
        if (res.UnprocessedKeys?.[TableName]?.Keys?.length) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      }
      if (pending.length) throw Object.assign(new Error('queue counts: keys left unprocessed'), { name: 'ProvisionedThroughputExceededException' });
      return countKeys.map((k) => (k === undefined ? undefined : (sums.get(k) ?? 0)));
    },
  };
}
