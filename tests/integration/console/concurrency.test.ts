/**
 * Conflicting actions sent at once, all at the version the officials saw: exactly one wins, every
 * other gets 409, and the case's timeline records exactly one event for the change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DEPARTMENTS } from '../../../infra/src/demo-data';
import { createTestStack, type ApiResponse, type TestStack } from '../../support/stack';
import { act, complaintBody, fileAs, show } from '../../support/console';
import { Session, T0 } from './console-kit';

let stack: TestStack;
let session: Session;

beforeAll(async () => {
  stack = await createTestStack();
  session = await Session.start(stack, T0);
  await session.officials();
});

function tally(results: ApiResponse[]) {
  const ok = results.filter((r) => r.status === 200);
  const conflicts = results.filter((r) => r.status === 409 && ['VERSION_CONFLICT', 'INVALID_TRANSITION'].includes(r.body?.error?.code));
  const other = results.filter((r) => !ok.includes(r) && !conflicts.includes(r)).map(show);
  return { ok, conflicts, other };
}

async function kinds(caseNo: string): Promise<string[]> {
  const res = await stack.request('GET', `/api/console/audit?caseNo=${caseNo}`, { token: await session.token('duban') });
  expect(res.status, show(res)).toBe(200);
  return res.body.items.map((e: { kind: string }) => e.kind);
}

describe('20 conflicting actions on one case at once', () => {
  it('10 accepts to different departments and 10 rejects: exactly one 200, nineteen 409, one event', async () => {
    const { caseNo } = await fileAs(stack, complaintBody());
    const intake = await session.token('shouli');
    const departments = DEMO_DEPARTMENTS.map((d) => d.id).slice(0, 10);
    expect(departments).toHaveLength(10);
    const bodies = [
      ...departments.map((departmentId) => ({ action: 'accept', expectedVersion: 1, departmentId })),
      ...departments.map((_, i) => ({ action: 'reject', expectedVersion: 1, reason: `重复提交（${i + 1}）` })),
    ];
    const results = await Promise.all(bodies.map((body) => act(stack, intake, caseNo, body)));

    const { ok, conflicts, other } = tally(results);
    expect(other, 'answers that are neither the winner nor a 409').toEqual([]);
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    for (const c of conflicts) expect(c.body.error.message).toMatch(/[\u4e00-\u9fa5]/);

    const winner = ok[0]!.body;
    const stored = await stack.deps.cases.getCase(caseNo);
    expect(stored?.version).toBe(2);
    expect(stored?.status).toBe(winner.status);
    expect(winner.version).toBe(2);
    if (winner.status === 'in_progress') expect(stored?.departmentId).toBe(winner.departmentId);
    else expect(winner.status).toBe('rejected');

    const timeline = await kinds(caseNo);
    expect(timeline.filter((k) => k === 'accepted' || k === 'rejected')).toHaveLength(1);
    expect(timeline).toEqual(['submitted', winner.status === 'rejected' ? 'rejected' : 'accepted']);

    // The counters moved once, too.
    await stack.settle();
    const stats = await stack.request('GET', '/api/console/stats', { token: intake });
    const moved = (stats.body.totals.dispatched ?? 0) + (stats.body.totals.rejected ?? 0);
    expect(moved).toBe(1);
  });

  it('the handler and supervisors racing on a case in progress (reply, request_info, transfer, urge × 5): one change wins, the rest 409, one event', async () => {
    const { caseNo } = await fileAs(stack, complaintBody({ title: '并发：办理中的案件' }));
    const accepted = await act(stack, await session.token('shouli'), caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
    expect(accepted.status, show(accepted)).toBe(200);
    const v = accepted.body.version as number;
    const [handler, supervisor] = await Promise.all([session.token('rsj'), session.token('duban')]);
    const attempts: [string, Record<string, unknown>][] = [];
    for (let i = 0; i < 5; i++) {
      attempts.push([handler, { action: 'reply', result: 'resolved', expectedVersion: v, answer: `答复第 ${i + 1} 稿` }]);
      attempts.push([handler, { action: 'request_info', expectedVersion: v, question: `请补充材料 ${i + 1}` }]);
      attempts.push([supervisor, { action: 'transfer', expectedVersion: v, departmentId: 'zjj', reason: `转办 ${i + 1}` }]);
      attempts.push([supervisor, { action: 'urge', expectedVersion: v, note: `请加快办理 ${i + 1}` }]);
    }
    expect(attempts).toHaveLength(20);
    const valid = attempts;
    const results = await Promise.all(valid.map(([token, body]) => act(stack, token, caseNo, body)));
    const { ok, conflicts, other } = tally(results);
    expect(other).toEqual([]);
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(valid.length - 1);

    const timeline = await kinds(caseNo);
    expect(timeline.slice(0, 2)).toEqual(['submitted', 'accepted']);
    expect(timeline.slice(2)).toHaveLength(1);
    expect((await stack.deps.cases.getCase(caseNo))?.version).toBe(v + 1);
  });

  it('12 accepts of 12 different cases at once all succeed: the shared statistics counters do not make them fail', async () => {
    const filed = await Promise.all(Array.from({ length: 12 }, (_, i) => fileAs(stack, complaintBody({ title: `并发受理 ${i + 1}` }))));
    const intake = await session.token('shouli');
    await stack.settle();
    const before = (await stack.request('GET', '/api/console/stats', { token: intake })).body.totals.dispatched ?? 0;
    const results = await Promise.all(filed.map(({ caseNo }, i) => act(stack, intake, caseNo, { action: 'accept', expectedVersion: 1, departmentId: i % 2 ? 'rsj' : 'zjj' })));
    expect(results.filter((r) => r.status !== 200).map(show)).toEqual([]);
    await stack.settle();
    const totals = (await stack.request('GET', '/api/console/stats', { token: intake })).body.totals;
    expect(totals.dispatched).toBe(before + 12);
  });
});
