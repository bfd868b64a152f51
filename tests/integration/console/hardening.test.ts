/**
 * What an outside black-box suite found, as officials and citizens see it: the order of checks
 * (who before what), the 即将超期 queue agreeing with the SLA level, and a merge told to both sides.
 * (The same promises over every route at once: tests/integration/hostile-routes.test.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deadlines } from '@minsheng/shared';
import { createTestStack, type TestStack } from '../../support/stack';
import { complaintBody, fileAs } from '../../support/console';
import { after, citizenToken, DAY, desk, expectApiError, HOUR, Session, T0, track } from './console-kit';

let stack: TestStack;
let session: Session;

const tok = (u: string) => session.token(u);
const inQueue = (username: string, queue: string) => desk(stack, session).inQueue(username, `queue=${queue}`);
const run = (username: string, caseNo: string, command: Record<string, unknown>) => desk(stack, session).run(username, caseNo, command);

beforeAll(async () => {
  stack = await createTestStack();
  session = await Session.start(stack, T0);
  await session.officials();
});

describe('who before what', () => {
  it('a non-admin disabling their own account is refused for their role (403), not told the admins\' rule about themselves', async () => {
    for (const username of ['shouli', 'duban', 'rsj']) {
      expectApiError(await stack.request('POST', `/api/console/admin/officials/${username}/disable`, { token: await tok(username) }), 403, 'FORBIDDEN');
    }
    // An admin still gets the rule in words.
    const own = await stack.request('POST', '/api/console/admin/officials/admin/disable', { token: await tok('admin') });
    expectApiError(own, 400, 'VALIDATION_FAILED');
    expect(own.body.error.message).toContain('不能停用自己的账号');
  });

  it('without a valid token, a malformed or non-JSON body still gets 401 (the token is checked first)', async () => {
    const caseNo = (await fileAs(stack, complaintBody())).caseNo;
    for (const [path, headers, rawBody] of [
      [`/api/console/cases/${caseNo}/actions`, { 'Content-Type': 'application/json' }, '{"action":'],
      [`/api/console/cases/${caseNo}/actions`, { 'Content-Type': 'text/plain' }, 'hello'],
      ['/api/console/admin/departments', { 'Content-Type': 'application/json' }, '{'],
      ['/api/track/case/rating', { 'Content-Type': 'application/json' }, '{"rating":'],
    ] as const) {
      expectApiError(await stack.request('POST', path, { headers, rawBody }), 401, 'UNAUTHENTICATED');
      expectApiError(await stack.request('POST', path, { headers: { ...headers, Authorization: 'Bearer not-a-token' }, rawBody }), 401, 'UNAUTHENTICATED');
    }
  });

  it('a path value that is not a date, or far too long, is refused with 400 before it reaches a key', async () => {
    const admin = await tok('admin');
    for (const bad of ['not-a-date', '..%2F..%2Fetc%2Fpasswd', 'CASE%23CRED', 'x'.repeat(2000), '2027-02-30']) {
      const res = await stack.request('DELETE', `/api/console/admin/calendar/${bad}`, { token: admin });
      expectApiError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.fields.date).toContain('YYYY-MM-DD');
    }
    expect((await stack.request('DELETE', '/api/console/admin/calendar/2027-01-01', { token: admin })).status).toBe(200);
    expectApiError(await stack.request('GET', `/api/console/cases/${'9'.repeat(2000)}`, { token: await tok('shouli') }), 404, 'CASE_NOT_FOUND');
  });
});

describe('即将超期 agrees with the SLA level', () => {
  it('a complaint is in due_soon from the moment it is warned (day 12 of 15, about four days before its due date), for intake, supervisors and its department', async () => {
    session.setNow(T0);
    const filed = await fileAs(stack, complaintBody());
    await run('shouli', filed.caseNo, { action: 'accept', departmentId: 'rsj' });
    const c = (await stack.deps.cases.getCase(filed.caseNo))!;
    const { warnAt, dueAt } = deadlines(c.clock, T0);
    expect(dueAt.getTime() - warnAt.getTime()).toBeGreaterThan(3 * DAY);

    session.setNow(after(warnAt, -HOUR));
    for (const who of ['shouli', 'duban', 'rsj']) expect(await inQueue(who, 'due_soon'), who).not.toContain(filed.caseNo);

    session.setNow(after(warnAt, HOUR));
    for (const who of ['shouli', 'duban', 'rsj']) {
      expect(await inQueue(who, 'due_soon'), who).toContain(filed.caseNo);
      const res = await stack.request('GET', `/api/console/cases/${filed.caseNo}`, { token: await tok(who) });
      expect(res.body.sla.level, who).toBe('warning');
    }
  });

  it('a consultation is in due_soon from day 5 of 7, and not before', async () => {
    session.setNow(T0);
    const filed = await fileAs(stack, complaintBody({ type: 'consultation', categoryId: 'shebao', title: '失业保险金怎么领？', content: '想咨询申领条件。' }));
    await run('shouli', filed.caseNo, { action: 'accept', departmentId: 'rsj' });
    const { warnAt } = deadlines((await stack.deps.cases.getCase(filed.caseNo))!.clock, T0);
    session.setNow(after(warnAt, -HOUR));
    expect(await inQueue('rsj', 'due_soon')).not.toContain(filed.caseNo);
    session.setNow(after(warnAt, HOUR));
    expect(await inQueue('rsj', 'due_soon')).toContain(filed.caseNo);
  });
});

describe('a merge is told to both sides', () => {
  it("the kept case's citizen sees on their timeline that a duplicate joined their case — without the other citizen's case number", async () => {
    session.setNow(T0);
    const kept = await fileAs(stack, complaintBody());
    const duplicate = await fileAs(stack, complaintBody({ title: '又是工地拖欠工资的事' }));
    await run('shouli', kept.caseNo, { action: 'accept', departmentId: 'rsj' });
    await run('shouli', duplicate.caseNo, { action: 'merge', intoCaseNo: kept.caseNo });

    const keptView = await track(stack, await citizenToken(stack, kept.caseNo, kept.password));
    const joined = keptView.timeline.find((e: { kind: string }) => e.kind === 'merged_in');
    expect(joined?.text).toContain('已并入本案');
    expect(JSON.stringify(keptView)).not.toContain(duplicate.caseNo);

    const duplicateView = await track(stack, await citizenToken(stack, duplicate.caseNo, duplicate.password));
    expect(duplicateView.status).toBe('merged');
    expect(duplicateView.timeline.map((e: { kind: string }) => e.kind)).toContain('merged');

    // Officials see which case joined, in the kept case's audit trail.
    const audit = await stack.request('GET', `/api/console/audit?caseNo=${kept.caseNo}`, { token: await tok('shouli') });
    const entry = audit.body.items.find((e: { kind: string }) => e.kind === 'merged_in');
    expect(entry.data.fromCaseNo).toBe(duplicate.caseNo);
  });
});
