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
