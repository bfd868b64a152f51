import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { logger } from './log';

/** One change of the table's stream (NEW_AND_OLD_IMAGES), its images as plain items. */
export interface StreamChange {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** The shard's sequence number: Lambda's checkpoint, and what a failed record is reported by. */
  sequenceNumber: string;
  keys: Record<string, unknown>;
  newImage?: Record<string, unknown>;
  oldImage?: Record<string, unknown>;
}

export type StreamLambda = (event: DynamoDBStreamEvent, context?: Context) => Promise<DynamoDBBatchResponse>;

export interface StreamHandler<D> extends StreamLambda {
  /** The same handler on the given dependencies (tests, the local streams runner). */
  withDeps<X extends D>(deps: X): StreamLambda;
}

const image = (value: Record<string, unknown> | undefined) => (value ? unmarshall(value as Record<string, AttributeValue>) : undefined);

export function toStreamChange(record: DynamoDBRecord): StreamChange {
  const { dynamodb } = record;
  const newImage = image(dynamodb?.NewImage as Record<string, unknown> | undefined);
  const oldImage = image(dynamodb?.OldImage as Record<string, unknown> | undefined);
  return {
    eventName: record.eventName as StreamChange['eventName'],
    sequenceNumber: dynamodb?.SequenceNumber ?? '',
    keys: image(dynamodb?.Keys as Record<string, unknown> | undefined) ?? {},
    ...(newImage ? { newImage } : {}),
    ...(oldImage ? { oldImage } : {}),
  };
}

/**
 * A function on the table's DynamoDB stream (serverless.yml: `events: - stream:` with
 * `functionResponseType: ReportBatchItemFailures`). Records are handled one after another in
 * stream order; the first that fails is reported, so Lambda retries the batch from it (the records
 * before it are not handed over again). Delivery is at least once: `handle` must be idempotent.
 */
export function streamJob<D>(name: string, deps: () => D, handle: (change: StreamChange, deps: D) => Promise<void>): StreamHandler<D> {
  const build =
    (getDeps: () => D): StreamLambda =>
    async (event) => {
      const start = performance.now();
      const records = event.Records ?? [];
      let handled = 0;
      for (const record of records) {
        const change = toStreamChange(record);
        try {
          await handle(change, getDeps());
          handled++;
        } catch (error) {
          logger.error(`${name} failed`, { error: error as Error, sequenceNumber: change.sequenceNumber, handled, records: records.length });
          return { batchItemFailures: [{ itemIdentifier: change.sequenceNumber }] };
        }
      }
      if (records.length) logger.info(`${name} finished`, { records: records.length, durationMs: Math.round(performance.now() - start) });
      return { batchItemFailures: [] };
    };
  const handler = build(deps) as StreamHandler<D>;
  handler.withDeps = (d) => build(() => d);
  return handler;
}

/** One concern of a stream function that serves several (streamRouter): which changes it takes, and what it does. */
export interface StreamRoute<D> {
  name: string;
  /** In step with the function's filterPatterns in serverless.yml (they are OR'd: the function gets what any route takes). */
  takes(change: StreamChange): boolean;
  handle(change: StreamChange, deps: D): Promise<unknown>;
}

export interface StreamRouter<D> extends StreamHandler<D> {
  readonly routes: readonly string[];
  /** The same function running only the named routes (tests that need only some of them). */
  only(names: readonly string[]): StreamHandler<D>;
}

/**
 * One function on the stream for several concerns: AWS advises at most two readers per shard of a
 * DynamoDB stream (each shard serves five GetRecords a second to all its readers together), so the
 * statistics, the queue counts and the search index share one reader. Each record goes to every route
 * that takes it, in the order given; a route that fails fails the record, and the retry from it runs
 * its routes again — each must be idempotent (they are: markers per record, or writes that converge).
 * A failing route holds up the others on that shard until it succeeds or its retries run out.
 */
export function streamRouter<D>(name: string, deps: () => D, routes: readonly StreamRoute<D>[]): StreamRouter<D> {
  const run = (chosen: readonly StreamRoute<D>[]) =>
    streamJob(name, deps, async (change, d) => {
      for (const route of chosen) {
        if (!route.takes(change)) continue;
        try {
          await route.handle(change, d);
        } catch (error) {
          logger.error(`${name}: ${route.name} failed`, { error: error as Error, sequenceNumber: change.sequenceNumber });
          throw error;
        }
      }
    });
  const router = run(routes) as StreamRouter<D> & { routes: readonly string[] };
  router.routes = routes.map((r) => r.name);
  router.only = (names) => {
    const unknown = names.filter((n) => !routes.some((r) => r.name === n));
    if (unknown.length) throw new Error(`${name} has no route ${unknown.join(', ')} (routes: ${router.routes.join(', ')})`);
    return run(routes.filter((r) => names.includes(r.name)));
  };
  return router;
}
