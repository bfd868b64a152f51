/**
 * The table stream's one reader for several concerns (lib/stream.ts streamRouter): each record reaches every
 * route that takes it, in stream order; a route that fails reports that record, so Lambda hands the batch over
 * again from it and every route of that record runs again (which is why each route must be idempotent).
 */
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { streamRouter, type StreamChange } from '../src/lib/stream';

const rec = (seq: string, sk: string, eventName: DynamoDBRecord['eventName'] = 'INSERT'): DynamoDBRecord => ({
  eventName,
  dynamodb: { SequenceNumber: seq, Keys: { pk: { S: 'CASE#1' }, sk: { S: sk } }, NewImage: { pk: { S: 'CASE#1' }, sk: { S: sk } } },
});

function routes(failOn?: { route: string; seq: string }) {
  const seen: string[] = [];
  const take = (prefix: string) => (c: StreamChange) => String(c.keys.sk).startsWith(prefix);
  const handle = (name: string) => async (c: StreamChange) => {
    if (failOn && failOn.route === name && failOn.seq === c.sequenceNumber) throw new Error('injected');
    seen.push(`${name}:${c.sequenceNumber}`);
  };
  return {
    seen,
    list: [
      { name: 'events', takes: take('EVT#'), handle: handle('events') },
      { name: 'cases', takes: take('CASE'), handle: handle('cases') },
      { name: 'everything', takes: () => true, handle: handle('everything') },
    ],
  };
}

describe('streamRouter', () => {
  it('hands each record, in order, to every route that takes it — and to no other', async () => {
    const r = routes();
    const handler = streamRouter('test', () => ({}), r.list);
    expect(await handler({ Records: [rec('1', 'EVT#a'), rec('2', 'CASE'), rec('3', 'CRED')] })).toEqual({ batchItemFailures: [] });
    expect(r.seen).toEqual(['events:1', 'everything:1', 'cases:2', 'everything:2', 'everything:3']);
  });

  it('a route that fails reports its record; the records after it are not handled (Lambda retries from it)', async () => {
    const r = routes({ route: 'cases', seq: '2' });
    const handler = streamRouter('test', () => ({}), r.list);
    expect(await handler({ Records: [rec('1', 'EVT#a'), rec('2', 'CASE'), rec('3', 'CASE')] })).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(r.seen, 'the routes before the failed one ran on record 2; nothing of record 3').toEqual(['events:1', 'everything:1']);
  });

  it('only(): the same function with some of its routes; a route it does not have is an error, not silence', async () => {
    const r = routes();
    const handler = streamRouter('test', () => ({}), r.list);
    expect(handler.routes).toEqual(['events', 'cases', 'everything']);
    await handler.only(['cases'])({ Records: [rec('1', 'EVT#a'), rec('2', 'CASE')] });
    expect(r.seen).toEqual(['cases:2']);
    expect(() => handler.only(['cases', 'statz'])).toThrow(/no route statz/);
  });
});
