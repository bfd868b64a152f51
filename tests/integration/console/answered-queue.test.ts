/**
 * 已答复 (issue #16): an answered case waiting for the citizen's rating stays findable by the department
 * that answered it — queue `answered`, one Query on gsi1's `Q#replied#<dept>` partition (the case's own
 * index keys), most recently answered first — and leaves it when it is rated, closed or reopened.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestStack, type TestStack } from '../../support/stack';
import { complaintBody, fileAs } from '../../support/console';
import { DAY, HOUR, Session, T0, desk, expectApiError, rate } from './console-kit';
import { observe } from '../../support/wire';

let stack: TestStack;
let session: Session;
let d: ReturnType<typeof desk>;

afterEach(() => vi.restoreAllMocks());

const filed: Record<string, { caseNo: string; password: string }> = {};
const no = (k: string) => filed[k]!.caseNo;
const answered = (username: string, dept?: string) => d.inQueue(username, `queue=answered${dept ? `&departmentId=${dept}` : ''}`);

beforeAll(async () => {
  stack = await createTestStack();
  session = await Session.start(stack, T0);
  d = desk(stack, session);
  for (const k of ['a', 'b', 'c', 'z', 'open']) filed[k] = await fileAs(stack, complaintBody());
  for (const k of ['a', 'b', 'c', 'open']) await d.run('shouli', no(k), { action: 'accept', departmentId: 'rsj' });
  await d.run('shouli', no('z'), { action: 'accept', departmentId: 'zjj' });
  // Answered one after another: a, then b, then c (人社局), and z (住建局).
  for (const k of ['a', 'b', 'c']) {
    session.advance(HOUR);
    await d.run('rsj', no(k), { action: 'reply', result: 'resolved', answer: `关于${k}的答复。` });
  }
  await d.run('zjj', no('z'), { action: 'reply', result: 'explained', answer: '政策解释。' });
}, 120_000);

describe('the 已答复 queue', () => {
  it('holds the department’s answered cases, most recently answered first — one Query on gsi1, no case read', async () => {
    const token = await session.token('rsj');
    const { result, sent } = await observe(() => stack.request('GET', '/api/console/cases?queue=answered', { token }));
    expect(result.status).toBe(200);
    expect(result.body.items.map((i: { caseNo: string }) => i.caseNo)).toEqual([no('c'), no('b'), no('a')]);
    expect(result.body.items.every((i: { status: string; statusLabel: string }) => i.status === 'replied' && i.statusLabel === '已答复')).toBe(true);
    const queries = sent.filter((s) => s.command === 'QueryCommand' && s.input.IndexName);
    expect(queries.map((q) => `${q.input.IndexName} ${q.input.ExpressionAttributeValues[':pk']} ${q.input.ScanIndexForward}`)).toEqual(['gsi1 Q#replied#rsj false']);
    expect(sent.filter((s) => (s.command === 'GetCommand' && String(s.input.Key?.pk).startsWith('CASE#')) || s.command === 'BatchGetCommand')).toEqual([]);
    expect(sent.filter((s) => s.command === 'ScanCommand')).toEqual([]);
    // Another department's handler sees its own answers only; the open case is on no one's 已答复.
    expect(await answered('zjj')).toEqual([no('z')]);
    expect(await answered('rsj')).not.toContain(no('open'));
  });

  it('is offered to handlers, intake and supervisors (a department chosen), never to admins', async () => {
    for (const [who, has] of [['rsj', true], ['shouli', true], ['duban', true], ['admin', false]] as const) {
      const me = await stack.request('GET', '/api/console/me', { token: await session.token(who) });
      expect(me.body.queues.includes('answered'), who).toBe(has);
    }
    expect(await answered('shouli', 'rsj')).toEqual([no('c'), no('b'), no('a')]);
    expect(await answered('duban', 'zjj')).toEqual([no('z')]);
    const noDept = await stack.request('GET', '/api/console/cases?queue=answered', { token: await session.token('shouli') });
    expectApiError(noDept, 400, 'VALIDATION_FAILED');
    expect(noDept.body.error.fields).toHaveProperty('departmentId');
    expectApiError(await stack.request('GET', '/api/console/cases?queue=answered&departmentId=rsj', { token: await session.token('admin') }), 403, 'FORBIDDEN');
  });

  it('a case leaves it when rated (closed), reopened by 不满意, or closed by an official; a new answer brings it back on top', async () => {
    session.advance(HOUR);
    await rate(stack, no('a'), filed.a!.password, 'satisfied');
    expect(await answered('rsj')).toEqual([no('c'), no('b')]);

    await rate(stack, no('b'), filed.b!.password, 'unsatisfied');
    expect(await answered('rsj')).toEqual([no('c')]);
    expect(await d.inQueue('rsj', 'queue=department')).toContain(no('b'));

    session.advance(HOUR);
    await d.run('rsj', no('b'), { action: 'reply', result: 'partly_resolved', answer: '第二次答复。' });
    expect(await answered('rsj')).toEqual([no('b'), no('c')]);

    // c: the rating window passes; intake closes it.
    session.setNow(new Date(T0.getTime() + 9 * DAY));
    await d.run('shouli', no('c'), { action: 'close', reason: '已答复，群众未评价' });
    expect(await answered('rsj')).toEqual([no('b')]);
    expect(await d.inQueue('rsj', 'queue=closed')).toEqual(expect.arrayContaining([no('a'), no('c')]));
  });
});
