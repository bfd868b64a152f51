/**
 * 撤回诉求: a citizen withdraws their case while it waits for acceptance (POST /api/track/case/withdraw).
 * Through the real routes on DynamoDB Local: the case becomes 已撤回 (final), its timeline says so,
 * it leaves the intake queue, its timers stop, the statistics count it as withdrawn (not answered,
 * not closed); after acceptance 409 and nothing changes; a withdrawn case can be neither accepted nor rated.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../support/stack';
import { Session, desk, expectApiError, T0 } from './console/console-kit';
import { act as consoleAct } from '../support/console';
import { complaint, expectError, expectFieldError, fileAndLogin, show, track } from './helpers';

let stack: TestStack;
let session: Session;
beforeAll(async () => {
  stack = await createTestStack();
  session = await Session.start(stack, T0);
});

const withdraw = (token: string | undefined, body: unknown = {}) => stack.request('POST', '/api/track/case/withdraw', { ...(token ? { token } : {}), body });
// Statistics are counted from the table's stream: settle it first.
const stats = async () => (await stack.settle(), await stack.request('GET', '/api/console/stats', { token: await session.token('duban') })).body.totals;
const snapshot = async (caseNo: string) => ({ record: await stack.deps.cases.getCase(caseNo), events: (await stack.deps.cases.listEvents(caseNo)).length });

describe('POST /api/track/case/withdraw', () => {
  it('401 without a case token', async () => {
    expectError(await withdraw(undefined), 401, 'UNAUTHENTICATED');
  });

  it('before acceptance: 已撤回 with its reason on the timeline, off the intake queue, timers stopped, counted as withdrawn', async () => {
    const officials = desk(stack, session);
    const filed = await fileAndLogin(stack, complaint({ title: '小区门口路灯不亮' }));
    expect(await officials.inQueue('shouli', 'queue=intake')).toContain(filed.caseNo);
    expect((await track(stack, filed.token)).canWithdraw).toBe(true);
    const before = await stats();

    const res = await withdraw(filed.token, { reason: '路灯已经修好了' });
    expect(res.status, show(res)).toBe(200);
    expect(res.body).toMatchObject({ caseNo: filed.caseNo, status: 'withdrawn', statusLabel: '已撤回', canWithdraw: false, canRate: false, canSupplement: false });
    expect(res.body.timeline.at(-1)).toMatchObject({ kind: 'withdrawn', text: '您已撤回这件诉求。原因：路灯已经修好了' });
    // What the citizen sees when they come back.
    expect(await track(stack, filed.token)).toMatchObject({ status: 'withdrawn', statusLabel: '已撤回' });

    expect(await officials.inQueue('shouli', 'queue=intake')).not.toContain(filed.caseNo);
    const stored = (await stack.deps.cases.getCase(filed.caseNo))!;
    expect(stored.clock.stoppedAt).toBeDefined();
    expect(stored.schedule?.next, 'no SLA step left for the timers').toBeUndefined();
    expect(stored.withdrawReason).toBe('路灯已经修好了');

    const after = await stats();
    expect(after.withdrawn ?? 0).toBe((before.withdrawn ?? 0) + 1);
    expect(after.answered ?? 0).toBe(before.answered ?? 0);
    expect(after.closed ?? 0).toBe(before.closed ?? 0);
    expect(after.filed).toBe(before.filed);
  });

  it('the reason is optional; an over-long one (> 200 characters) is refused with a field message', async () => {
    const filed = await fileAndLogin(stack);
    expectFieldError(await withdraw(filed.token, { reason: '太'.repeat(201) }), 'reason');
    expect((await stack.deps.cases.getCase(filed.caseNo))!.status).toBe('submitted');
    const res = await withdraw(filed.token);
    expect(res.status, show(res)).toBe(200);
    expect(res.body.timeline.at(-1)).toMatchObject({ kind: 'withdrawn', text: '您已撤回这件诉求，不再办理' });
  });

  it('after acceptance: 409 INVALID_TRANSITION in plain words, and nothing changes', async () => {
    const officials = desk(stack, session);
    const filed = await fileAndLogin(stack);
    await officials.run('shouli', filed.caseNo, { action: 'accept', departmentId: 'rsj' });
    expect((await track(stack, filed.token)).canWithdraw).toBe(false);
    const before = await snapshot(filed.caseNo);
    const statsBefore = await stats();

    const res = await withdraw(filed.token, { reason: '不想等了' });
    expectError(res, 409, 'INVALID_TRANSITION');
    expect(res.body.error.message).toBe('诉求已受理，不能再撤回；如问题已解决，可在收到答复后评价');
    expect(await snapshot(filed.caseNo)).toEqual(before);
    expect(await stats()).toEqual(statsBefore);
    expect(await officials.inQueue('rsj', 'queue=department')).toContain(filed.caseNo);
  });

  it('a withdrawn case cannot be withdrawn again, accepted, or rated', async () => {
    const filed = await fileAndLogin(stack);
    expect((await withdraw(filed.token)).status).toBe(200);
    const before = await snapshot(filed.caseNo);

    const again = await withdraw(filed.token);
    expectError(again, 409, 'INVALID_TRANSITION');
    expect(again.body.error.message).toBe('这件诉求已经撤回');

    const accept = await consoleAct(stack, await session.token('shouli'), filed.caseNo, { action: 'accept', departmentId: 'rsj', expectedVersion: before.record!.version });
    expectApiError(accept, 409, 'INVALID_TRANSITION');

    expectError(await stack.request('POST', '/api/track/case/rating', { token: filed.token, body: { rating: 'satisfied' } }), 409, 'INVALID_TRANSITION');
    expect(await snapshot(filed.caseNo)).toEqual(before);
  });
});
