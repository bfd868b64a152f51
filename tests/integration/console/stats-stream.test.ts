/**
 * The statistics are counted from the table's stream (jobs/case-changes.ts, its statsConsumer route), not in the case's
 * transaction: the transaction writes no counter; a record delivered twice, or a batch retried
 * after a failure part-way, still counts each change once; and twenty officials acting at once on
 * twenty cases all succeed, the counters then equal to what they did. DynamoDB Local's stream,
 * read by the local streams runner (infra/src/streams-local.ts) as Lambda reads it in AWS.
 */
import type { DynamoDBRecord } from 'aws-lambda';
import { inject, describe, expect, it } from 'vitest';
import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { handler as caseChanges } from '../../../functions/src/jobs/case-changes';
import type { Deps } from '../../../functions/src/services/deps';
import { startLocalStreams, streamFunctionsFromServerless } from '../../../infra/src/streams-local';
import { createTestStack, type TestStack } from '../../support/stack';
import { accept, complaint, fileCase } from '../helpers';

const dynamo = () => new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

/** Every STATS item of a period, straight from the table (not through the stats store). */
async function statsItems(stack: TestStack, period: string) {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: `STATS#${period}` } }, ConsistentRead: true }),
  );
  return Items;
}

const totals = async (stack: TestStack) => stack.deps.stats.getStatsTotals('ALL');
const month = () => new Date().toISOString().slice(0, 7);
const stackWithoutConsumer = () => createTestStack({ streams: { functions: [] } });
const consumerOnly = () => streamFunctionsFromServerless().filter((f) => f.name === 'caseChanges').map((f) => ({ ...f, routes: ['statsConsumer'] }));
/** A record of a new case event that carries counters (what the statistics count), as the stream delivers it. */
const isEventInsert = (r: DynamoDBRecord) => r.eventName === 'INSERT' && (r.dynamodb?.NewImage?.sk?.S ?? '').startsWith('EVT#') && r.dynamodb?.NewImage?.counters?.S !== undefined;

describe('statistics through the stream', () => {
  it('the case transaction writes no counter: the filed and accepted cases count only once the consumer has read the stream', async () => {
    const stack = await stackWithoutConsumer();
    const filed = await Promise.all([fileCase(stack), fileCase(stack), fileCase(stack)]);
    expect((await accept(stack, filed[0]!.caseNo)).status).toBe('in_progress');
    // Nothing but the cases, their events and their outbox: not one STATS item in either period.
    expect(await statsItems(stack, 'ALL')).toEqual([]);
    expect(await statsItems(stack, month())).toEqual([]);
    // The counters ride on the event (the statistics' and the 考核's: the case counts for its unit's assessment)…
    const { Item } = await dynamo().send(
      new GetItemCommand({ TableName: stack.tableName, Key: { pk: { S: `CASE#${filed[0]!.caseNo}` }, sk: { S: `EVT#${(await stack.deps.cases.listEvents(filed[0]!.caseNo))[0]!.eventId}` } } }),
    );
    expect(JSON.parse(Item!.counters!.S!)).toEqual([expect.objectContaining({ metric: 'filed', by: 1 }), { metric: 'asCases', by: 1, dims: ['ALL'] }]);
    // …and never on the timeline.
    for (const event of await stack.deps.cases.listEvents(filed[0]!.caseNo)) expect(Object.keys(event)).not.toContain('counters');

    const consumer = await startLocalStreams({ endpoint: inject('dynamoEndpoint'), tableName: stack.tableName, deps: stack.deps, functions: consumerOnly() });
    try {
      await consumer.settle();
      expect(await totals(stack)).toMatchObject({ filed: 3, accepted: 1, dispatched: 1 });
      expect((await stack.deps.stats.getStats(month())).ALL).toMatchObject({ filed: 3, accepted: 1 });
      for (const event of await stack.deps.cases.listEvents(filed[0]!.caseNo)) expect(Object.keys(event)).not.toContain('countedAt');
    } finally {
      await consumer.stop();
    }
  });

  it('the same stream record delivered twice counts once', async () => {
    const delivered: DynamoDBRecord[] = [];
    const stack = await createTestStack({ streams: { onBatch: (fn, records) => fn === 'caseChanges' && delivered.push(...records.filter(isEventInsert)) } });
    await Promise.all([fileCase(stack), fileCase(stack)]);
    await stack.settle();
    expect(await totals(stack)).toMatchObject({ filed: 2 });
    expect(delivered).toHaveLength(2);

    // Lambda hands the same records over again (at-least-once) to the deployed function, all its routes: nothing fails, nothing moves.
    const again = await caseChanges.withDeps(stack.deps)({ Records: [...delivered, ...delivered] });
    expect(again.batchItemFailures).toEqual([]);
    expect(await totals(stack)).toMatchObject({ filed: 2 });
    expect((await stack.deps.stats.getStats(month())).ALL?.filed).toBe(2);
  });

  it('a consumer failing part-way through a batch is retried from the failed record; the counters end exact', async () => {
    const stack = await stackWithoutConsumer();
    const filed = [];
    for (let i = 0; i < 6; i++) filed.push(await fileCase(stack));
    for (const { caseNo } of filed.slice(0, 4)) expect((await accept(stack, caseNo)).status).toBe('in_progress');
    const events = new Map<string, number>();
    const batches: DynamoDBRecord[][] = [];
    // The 3rd event counted fails before it writes; the 6th after its write succeeded (a timeout after the commit).
    let calls = 0;
    const flaky = (deps: Deps): Deps => ({
      ...deps,
      stats: {
        ...deps.stats,
        async countEvent(event) {
          calls++;
          events.set(event.eventId, (events.get(event.eventId) ?? 0) + 1);
          if (calls === 3) throw new Error('UpdateItem failed (injected)');
          const result = await deps.stats.countEvent(event);
          if (calls === 7) throw new Error('timed out after the write (injected)');
          return result;
        },
      },
    });
    const consumer = await startLocalStreams({
      endpoint: inject('dynamoEndpoint'),
      tableName: stack.tableName,
      deps: flaky(stack.deps),
      functions: consumerOnly(),
      retryBackoffMs: 10,
      onBatch: (_fn, records) => batches.push(records),
    });
    try {
      await consumer.settle();
    } finally {
      await consumer.stop();
    }
    // One batch of all 10 events (the stream was read after they were written; the case items' changes are in it
    // too, for the function's other routes), then two retries, each from its failed record.
    const seq = (r: DynamoDBRecord) => r.dynamodb!.SequenceNumber!;
    const eventsOf = (batch: DynamoDBRecord[]) => batch.filter(isEventInsert).map(seq);
    expect(eventsOf(batches[0]!)).toHaveLength(10);
    expect(batches.length, JSON.stringify(batches.map(eventsOf))).toBe(3);
    const third = batches[0]!.map(seq).indexOf(eventsOf(batches[0]!)[2]!);
    expect(batches[1]!.map(seq)).toEqual(batches[0]!.slice(third).map(seq));
    expect(eventsOf(batches[2]!)[0], 'the 2nd retry starts at the 6th counted event').toBe(eventsOf(batches[0]!)[5]);
    expect([...events.values()].filter((n) => n > 1)).toHaveLength(2);
    expect(await totals(stack)).toMatchObject({ filed: 6, accepted: 4, dispatched: 4 });
    const month_ = await stack.deps.stats.getStats(month());
    expect(month_.ALL).toMatchObject({ filed: 6, accepted: 4 });
    expect(month_['DEPT#rsj']).toMatchObject({ dispatched: 4 });
  });

  it('20 accepts of 20 different cases at once all succeed, and the counters then equal the recount', async () => {
    const stack = await createTestStack();
    const filed = await Promise.all(Array.from({ length: 20 }, (_, i) => fileCase(stack, complaint({ title: `并发受理 ${i + 1}` }))));
    const results = await Promise.allSettled(filed.map(({ caseNo }) => accept(stack, caseNo)));
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    await stack.settle();
    // The recount, from the cases themselves.
    const cases = await stack.deps.cases.getCases(filed.map((f) => f.caseNo));
    const dispatchedTo = (dept: string) => cases.filter((c) => c.departmentId === dept).length;
    expect(cases.map((c) => c.status)).toEqual(filed.map(() => 'in_progress'));
    expect(await totals(stack)).toMatchObject({ filed: cases.length, accepted: cases.length, dispatched: cases.length });
    const all = await stack.deps.stats.getStats('ALL');
    expect(all['DEPT#rsj']?.dispatched).toBe(dispatchedTo('rsj'));
    expect(all['CAT#' + cases[0]!.categoryId]?.filed).toBe(cases.filter((c) => c.categoryId === cases[0]!.categoryId).length);
    // Spread over shards: more than one item holds the ALL dimension's counts.
    expect((await statsItems(stack, 'ALL')).filter((i) => i.sk!.S!.startsWith('ALL~')).length).toBeGreaterThan(1);
  });
});
