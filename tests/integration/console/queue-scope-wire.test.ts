/**
 * The scoped queues on the wire (issue #15): below the root a queue page is still ONE Query on an
 * index — a county's overdue page reads its own partition of gsi6 (CTY#<county>#OPEN), a township's
 * the same partition filtered to its subtree, the city's the city-wide gsi2 — and no case item.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestStack, type TestStack } from '../../support/stack';
import { act, complaintBody, fileAs, show } from '../../support/console';
import { DAY, Session, T0, walkQueue } from './console-kit';
import { observe, type Sent } from '../../support/wire';

let stack: TestStack;
let session: Session;
let county: string;
let township: string;
const townshipMore: string[] = [];

afterEach(() => vi.restoreAllMocks());

const indexQueries = (sent: Sent[]) => sent.filter((s) => s.command === 'QueryCommand' && s.input.IndexName).map((s) => `${s.input.IndexName} ${s.input.ExpressionAttributeValues[':pk']}`);
const caseReads = (sent: Sent[]) => sent.filter((s) => (s.command === 'GetCommand' && String(s.input.Key?.pk).startsWith('CASE#')) || s.command === 'BatchGetCommand');

beforeAll(async () => {
  stack = await createTestStack();
  session = await Session.start(stack, T0);
  const shouli = await session.token('shouli');
  const place = async (unitId: string, dept: string) => {
    const c = await fileAs(stack, complaintBody({ location: { text: '某地', unitId } }));
    const res = await act(stack, shouli, c.caseNo, { action: 'accept', expectedVersion: 1, departmentId: dept });
    expect(res.status, show(res)).toBe(200);
    return c.caseNo;
  };
  county = await place('qingshan', 'qs-rsj');
  township = await place('qs-chengnan', 'qs-chengnan-zzb');
  // More of the county's cases, interleaved: the township's pages must skip them and still page exactly.
  for (let i = 0; i < 3; i++) {
    townshipMore.push(await place('qs-chengnan', 'qs-chengnan-sbs'));
    await place('qs-shuangmiao', 'qs-shuangmiao-nyb');
    await place('qingshan', 'qs-jyj');
  }
  session.setNow(new Date(T0.getTime() + 40 * DAY));
});

describe('a scoped queue page is one Query on its index', () => {
  it("a county supervisor's overdue page: one Query on gsi6 (CTY#qingshan#OPEN), no case read", async () => {
    const token = await session.token('qs-duban');
    const { result, sent } = await observe(() => stack.request('GET', '/api/console/cases?queue=overdue&limit=20', { token }));
    expect(result.status, show(result)).toBe(200);
    expect(indexQueries(sent)).toEqual(['gsi6 CTY#qingshan#OPEN']);
    expect(caseReads(sent)).toEqual([]);
    expect((result.body.items as { caseNo: string }[]).map((i) => i.caseNo)).toEqual(expect.arrayContaining([county, township]));
    expect(result.body.items).toHaveLength(11);
  });

  it("a township's overdue page: its county's Query, its own cases only", async () => {
    const token = await session.token('cn-shouli');
    const { result, sent } = await observe(() => stack.request('GET', '/api/console/cases?queue=overdue&limit=20', { token }));
    expect(result.status, show(result)).toBe(200);
    expect(indexQueries(sent)).toEqual(['gsi6 CTY#qingshan#OPEN']);
    // Filtered in the Query itself, on the summary's unitPath.
    expect(sent.find((s) => s.input.IndexName === 'gsi6')?.input.FilterExpression).toContain('begins_with');
    expect((result.body.items as { caseNo: string }[]).map((i) => i.caseNo).sort()).toEqual([township, ...townshipMore].sort());
  });

  it("a township's pages of one walk exactly its cases, once each, skipping the county's others", async () => {
    const walked = await walkQueue(stack, await session.token('cn-shouli'), 'queue=overdue', 1);
    expect(walked.sort()).toEqual([township, ...townshipMore].sort());
  });

  it("the city's overdue page stays the city-wide gsi2 (OPEN) and lists both", async () => {
    const token = await session.token('duban');
    const { result, sent } = await observe(() => stack.request('GET', '/api/console/cases?queue=overdue&limit=20', { token }));
    expect(indexQueries(sent)).toEqual(['gsi2 OPEN']);
    expect((result.body.items as { caseNo: string }[]).map((i) => i.caseNo)).toEqual(expect.arrayContaining([county, township]));
  });
});
