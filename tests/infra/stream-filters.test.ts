/**
 * The local streams runner applies serverless.yml's filterPatterns as Lambda would: a record the
 * filter lets through in AWS reaches the function locally, and one it keeps out does not — else
 * the statistics counted locally would not be the ones counted in AWS.
 */
import { describe, expect, it } from 'vitest';
import { compileFilters } from '../../infra/src/stream-filters';
import { streamFunctionsFromServerless } from '../../infra/src/streams-local';
import { toStreamChange } from '../../functions/src/lib/stream';
import { ROUTES } from '../../functions/src/jobs/case-changes';

const record = (eventName: string, newImage?: Record<string, unknown>) => ({
  eventName,
  eventSource: 'aws:dynamodb',
  dynamodb: { Keys: { pk: { S: 'CASE#1' }, sk: { S: String((newImage?.sk as { S?: string })?.S ?? '') } }, ...(newImage ? { NewImage: newImage } : {}) },
});

describe('filter patterns (the subset: exact values, prefix, exists)', () => {
  const caseChanges = streamFunctionsFromServerless().find((f) => f.name === 'caseChanges');
  /** What reaches one route of caseChanges in AWS: serverless.yml's filter (the routes' patterns OR'd), then the route's own test. */
  const reaches = (name: string) => {
    const passes = compileFilters(caseChanges!.filterPatterns);
    const route = ROUTES.find((r) => r.name === name)!;
    return (r: object) => passes(r) && route.takes(toStreamChange(r as never));
  };

  it('the table stream has two readers, as AWS advises for a shard: caseChanges and the re-timing job', () => {
    expect(streamFunctionsFromServerless().map((f) => f.name).sort()).toEqual(['caseChanges', 'retimeOpenCases']);
    expect(caseChanges, 'caseChanges on the table stream').toBeDefined();
    expect(ROUTES.map((r) => r.name)).toEqual(['statsConsumer', 'queueCounter', 'caseIndexer']);
  });

  it("caseChanges' statistics route gets only INSERTs of case events that carry counters", () => {
    const passes = reaches('statsConsumer');
    const counted = { pk: { S: 'CASE#1' }, sk: { S: 'EVT#01H' }, counters: { S: '[]' } };
    expect(passes(record('INSERT', counted))).toBe(true);
    expect(passes(record('MODIFY', { ...counted, countedAt: { S: '2030-04-01T00:00:00Z' } })), 'the consumer marking it counted').toBe(false);
    expect(passes(record('REMOVE'))).toBe(false);
    expect(passes(record('INSERT', { pk: { S: 'CASE#1' }, sk: { S: 'EVT#01J' } })), 'an event that moves no counter').toBe(false);
    expect(passes(record('INSERT', { pk: { S: 'CASE#1' }, sk: { S: 'CASE' }, counters: { S: '[]' } })), 'not an event item').toBe(false);
    expect(passes(record('INSERT', { pk: { S: 'CASE#1' }, sk: { S: 'EVT#01K' }, counters: { L: [] } })), 'counters of another type').toBe(false);
  });

  const keyed = (eventName: string, sk: string, pk = 'CASE#1') => ({ eventName, eventSource: 'aws:dynamodb', dynamodb: { Keys: { pk: { S: pk }, sk: { S: sk } }, ...(eventName === 'REMOVE' ? {} : { NewImage: { pk: { S: pk }, sk: { S: sk } } }) } });

  it("caseChanges' queue counter gets every change of a case item or a 协办 part item, and nothing it writes itself", () => {
    const passes = reaches('queueCounter');
    for (const eventName of ['INSERT', 'MODIFY', 'REMOVE']) {
      expect(passes(keyed(eventName, 'CASE')), `${eventName} case`).toBe(true);
      expect(passes(keyed(eventName, 'PART#rsj')), `${eventName} part`).toBe(true);
    }
    for (const sk of ['QCOUNTED#CASE', 'QCOUNTED#PART#rsj', 'EVT#01H', 'CRED', 'S#0', 'CASES']) expect(passes(keyed('MODIFY', sk)), sk).toBe(false);
  });

  it("caseChanges' search indexer gets the writes of case items, and none of the postings it writes itself", () => {
    const passes = reaches('caseIndexer');
    expect(passes(keyed('INSERT', 'CASE'))).toBe(true);
    expect(passes(keyed('MODIFY', 'CASE'))).toBe(true);
    expect(passes(keyed('REMOVE', 'CASE')), 'a case is never deleted; a removal is no write to index').toBe(false);
    expect(passes(keyed('MODIFY', 'PART#rsj')), 'a 协办 part').toBe(false);
    expect(passes(keyed('INSERT', 'CASE', 'W#210100#2026-12#噪音')), 'a posting').toBe(false);
    for (const sk of ['EVT#01H', 'CRED', 'QCOUNTED#CASE']) expect(passes(keyed('INSERT', sk)), sk).toBe(false);
  });

  it('exact values: any one of the listed; numbers, booleans and null compare by value', () => {
    const passes = compileFilters([{ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { n: { N: ['3'] }, b: { BOOL: [true] } } } }]);
    expect(passes(record('MODIFY', { n: { N: '3' }, b: { BOOL: true } }))).toBe(true);
    expect(passes(record('MODIFY', { n: { N: '4' }, b: { BOOL: true } }))).toBe(false);
    expect(passes(record('MODIFY', { n: { N: '3' }, b: { BOOL: false } }))).toBe(false);
    expect(compileFilters([{ a: [null] }])({ a: null })).toBe(true);
    expect(compileFilters([{ a: [1] }])({ a: '1' })).toBe(false);
  });

  it('prefix matches strings only, at the start', () => {
    const passes = compileFilters([{ k: [{ prefix: 'EVT#' }] }]);
    expect(passes({ k: 'EVT#1' })).toBe(true);
    expect(passes({ k: 'XEVT#1' })).toBe(false);
    expect(passes({ k: 5 })).toBe(false);
    expect(passes({})).toBe(false);
  });

  it('exists true / false on a leaf; a map or a list is not a leaf (as in Lambda)', () => {
    const there = compileFilters([{ a: { S: [{ exists: true }] } }]);
    const absent = compileFilters([{ a: { S: [{ exists: false }] } }]);
    expect(there({ a: { S: 'x' } })).toBe(true);
    expect(there({ a: {} })).toBe(false);
    expect(absent({ a: {} })).toBe(true);
    expect(absent({ a: { S: 'x' } })).toBe(false);
    expect(compileFilters([{ a: [{ exists: true }] }])({ a: { S: 'x' } }), 'a map').toBe(false);
  });

  it('keys of a pattern: all must match; patterns of a function: any one may', () => {
    const passes = compileFilters([{ a: ['1'], b: ['2'] }, { c: ['3'] }]);
    expect(passes({ a: '1', b: '2' })).toBe(true);
    expect(passes({ a: '1', b: '9' })).toBe(false);
    expect(passes({ c: '3' })).toBe(true);
    expect(compileFilters([])({ anything: 1 }), 'no filter: every record').toBe(true);
  });

  it('a record array matches when one element does', () => {
    expect(compileFilters([{ tags: ['b'] }])({ tags: ['a', 'b'] })).toBe(true);
    expect(compileFilters([{ tags: ['c'] }])({ tags: ['a', 'b'] })).toBe(false);
  });

  it('anything outside the subset is refused when the runner starts, not applied wrongly', () => {
    for (const pattern of [
      { eventName: [{ 'anything-but': ['REMOVE'] }] },
      { n: [{ numeric: ['>', 0] }] },
      { k: [{ suffix: '#1' }] },
      { k: [{ 'equals-ignore-case': 'insert' }] },
      { k: [{ wildcard: 'EVT#*' }] },
      { $or: [{ a: ['1'] }, { b: ['2'] }] },
      { k: [{ prefix: 'A', exists: true }] },
      { k: [] },
      { k: 'INSERT' },
    ]) {
      expect(() => compileFilters([pattern]), JSON.stringify(pattern)).toThrow(/not in the subset/);
    }
  });
});
