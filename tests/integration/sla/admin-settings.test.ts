/**
 * SLA settings by the administrator, through the routes of serverless.yml on DynamoDB Local:
 * policies per case type (validated, in Chinese; applying to cases filed afterwards only), and
 * calendar overrides on the official calendar (a 2027 holiday chinese-days does not know, a
 * make-up working Saturday), used by working-day policies and removable again.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICIES } from '@minsheng/shared';
import { createTestStack, type TestStack } from '../../support/stack';
import { CHINESE, consultation, fileCase, login, show, track } from '../helpers';
import { Officials, T0, day, expectSteps, slaEvents, sweepAt, acceptAt, runRetimeJobs } from './sla-kit';

let stack: TestStack;
let officials: Officials;

const policies = (token: string) => stack.request('GET', '/api/console/admin/sla-policies', { token });
const putPolicy = (token: string, body: unknown) => stack.request('POST', '/api/console/admin/sla-policies', { token, body });
const putDay = (token: string, body: unknown) => stack.request('POST', '/api/console/admin/calendar', { token, body });
const deleteDay = (token: string, date: string) => stack.request('DELETE', `/api/console/admin/calendar/${date}`, { token });
const viewOf = async (c: { caseNo: string; password: string }) => track(stack, await login(stack, c.caseNo, c.password));

function expectFieldError(res: Awaited<ReturnType<typeof putPolicy>>, field: string, message?: string) {
  expect(res.status, show(res)).toBe(400);
  expect(res.body.error.code).toBe('VALIDATION_FAILED');
  expect(res.body.error.fields?.[field], show(res)).toMatch(CHINESE);
  if (message) expect(res.body.error.fields[field]).toBe(message);
}

beforeAll(async () => {
  stack = await createTestStack();
  officials = await Officials.seed(stack);
  officials.at(T0);
});

describe('GET/POST /api/console/admin/sla-policies', () => {
  it('the administrator reads the policy of each case type (defaults from DESIGN.md)', async () => {
    const res = await policies(await officials.token('admin'));
    expect(res.status, show(res)).toBe(200);
    expect(res.body.items).toEqual([
      { type: 'consultation', ...DEFAULT_SLA_POLICIES.consultation },
      { type: 'complaint', ...DEFAULT_SLA_POLICIES.complaint },
      { type: 'report', ...DEFAULT_SLA_POLICIES.report },
      { type: 'suggestion', ...DEFAULT_SLA_POLICIES.suggestion },
    ]);
  });

  it('handlers and intake may not read them; nobody without a token', async () => {
    for (const who of ['rsj', 'shouli'] as const) {
      const res = await policies(await officials.token(who));
      expect(res.status, `${who}: ${show(res)}`).toBe(403);
      expect(res.body.error.message).toMatch(CHINESE);
    }
    expect((await stack.request('GET', '/api/console/admin/sla-policies')).status).toBe(401);
  });

  it('only the administrator may change a policy', async () => {
    const body = { type: 'complaint', answerDays: 10, warnDays: 8, severeDays: 20, dayMode: 'natural' };
    for (const who of ['duban', 'rsj', 'shouli'] as const) {
      const res = await putPolicy(await officials.token(who), body);
      expect(res.status, `${who}: ${show(res)}`).toBe(403);
    }
    expect((await putPolicy('', body)).status).toBe(401);
    expect((await policies(await officials.token('admin'))).body.items[1]).toEqual({ type: 'complaint', ...DEFAULT_SLA_POLICIES.complaint });
  });

  it('refuses a warning at or after the answer due (400, Chinese message on warnDays) and other bad input', async () => {
    const admin = await officials.token('admin');
    const ok = { type: 'consultation', answerDays: 7, warnDays: 5, severeDays: 14, dayMode: 'natural' };
    expectFieldError(await putPolicy(admin, { ...ok, warnDays: 7 }), 'warnDays', '预警天数应少于答复期限');
    expectFieldError(await putPolicy(admin, { ...ok, warnDays: 9 }), 'warnDays', '预警天数应少于答复期限');
    expectFieldError(await putPolicy(admin, { ...ok, severeDays: 7 }), 'severeDays', '严重超期天数应多于答复期限');
    expectFieldError(await putPolicy(admin, { ...ok, answerDays: 7.5 }), 'answerDays');
    expectFieldError(await putPolicy(admin, { ...ok, warnDays: 0 }), 'warnDays');
    expectFieldError(await putPolicy(admin, { ...ok, dayMode: 'lunar' }), 'dayMode');
    expectFieldError(await putPolicy(admin, { ...ok, type: 'petition' }), 'type');
    // Nothing was stored.
    expect((await policies(admin)).body.items[0]).toEqual({ type: 'consultation', ...DEFAULT_SLA_POLICIES.consultation });
  });

  it('reads back the 回访 delay (revisitDays) that was stored, and its absence once a policy is saved without one', async () => {
    const admin = await officials.token('admin');
    const withDelay = { type: 'report', ...DEFAULT_SLA_POLICIES.report, revisitDays: 5 };
    const res = await putPolicy(admin, withDelay);
    expect(res.status, show(res)).toBe(200);
    expect(res.body).toEqual(withDelay);
    expect((await policies(admin)).body.items[2]).toEqual(withDelay);
    expectFieldError(await putPolicy(admin, { ...withDelay, revisitDays: 7 }), 'revisitDays', '回访天数应为 1 到 6');
    expect((await policies(admin)).body.items[2]).toEqual(withDelay);

    // Saved without one (as before the field existed): the default applies, and nothing is answered for it.
    expect((await putPolicy(admin, { type: 'report', ...DEFAULT_SLA_POLICIES.report })).status).toBe(200);
    expect((await policies(admin)).body.items[2]).toEqual({ type: 'report', ...DEFAULT_SLA_POLICIES.report });
  });

  it('a changed policy applies to cases filed afterwards only', async () => {
    officials.at(T0);
    const before = await fileCase(stack, consultation({ title: '改政策之前的咨询' }));
    const res = await putPolicy(await officials.token('admin'), { type: 'consultation', answerDays: 3, warnDays: 2, severeDays: 6, dayMode: 'natural' });
    expect(res.status, show(res)).toBe(200);
    expect(res.body).toEqual({ type: 'consultation', answerDays: 3, warnDays: 2, severeDays: 6, dayMode: 'natural' });
    expect((await policies(await officials.token('admin'))).body.items[0]).toEqual(res.body);

    officials.at(day(1 / 24));
    const after = await fileCase(stack, consultation({ title: '改政策之后的咨询' }));
    expect(after.dueAt).toBe('2026-03-05T23:59:59+08:00');

    const [vBefore, vAfter] = [await viewOf(before), await viewOf(after)];
    expect(vBefore.dueAt).toBe('2026-03-09T23:59:59+08:00');
    expect(vBefore.sla.rule).toBe('政策咨询自提交之日起 7 个自然日内答复');
    expect(vAfter.dueAt).toBe('2026-03-05T23:59:59+08:00');
    expect(vAfter.sla.rule).toBe('政策咨询自提交之日起 3 个自然日内答复');

    // The timers follow each case's own policy: on 03-06 the new case is overdue, the old one not even warned.
    await acceptAt(stack, day(0.1), before.caseNo);
    await acceptAt(stack, day(0.1), after.caseNo);
    const r = await sweepAt(stack, new Date('2026-03-06T09:00:00+08:00'));
    expect(r.steps).toEqual({ warning: 1, overdue: 1, severe: 0 });
    await expectSteps(stack, [after.caseNo], { warning: 1, overdue: 1, severe: 0 });
    await expectSteps(stack, [before.caseNo], { warning: 0, overdue: 0, severe: 0 });

    // Back to the default, for the tests below.
    officials.at(day(5));
    expect((await putPolicy(await officials.token('admin'), { type: 'consultation', ...DEFAULT_SLA_POLICIES.consultation })).status).toBe(200);
  });
});

describe('POST/GET/DELETE /api/console/admin/calendar with a working-day policy', () => {
  const FILED = new Date('2026-12-30T10:00:00+08:00'); // Wednesday

  beforeAll(async () => {
    officials.at(FILED);
    const res = await putPolicy(await officials.token('admin'), { type: 'consultation', answerDays: 7, warnDays: 5, severeDays: 14, dayMode: 'working' });
    expect(res.status, show(res)).toBe(200);
  });

  it('without an override, 2027 falls back to Monday–Friday: filed 2026-12-30 → due 2027-01-08', async () => {
    officials.at(FILED);
    const filed = await fileCase(stack, consultation({ title: '元旦前的咨询' }));
    expect(filed.dueAt).toBe('2027-01-08T23:59:59+08:00');
    const view = await viewOf(filed);
    expect(view.sla).toMatchObject({ dayMode: 'working', answerDays: 7, rule: '政策咨询自提交之日起 7 个工作日内答复' });
    const cal = await stack.request('GET', '/api/console/admin/calendar', { token: await officials.token('admin') });
    expect(cal.status, show(cal)).toBe(200);
    expect(cal.body.knownYears).toContain(2026);
    expect(cal.body.knownYears).not.toContain(2027);
    expect(cal.body.overrides).toEqual([]);
  });

  it('only the administrator may change the calendar; bad dates are refused in Chinese', async () => {
    for (const who of ['duban', 'rsj', 'shouli'] as const) {
      expect((await putDay(await officials.token(who), { date: '2027-01-01', work: false })).status, who).toBe(403);
      expect((await deleteDay(await officials.token(who), '2027-01-01')).status, who).toBe(403);
    }
    const admin = await officials.token('admin');
    expectFieldError(await putDay(admin, { date: '2027-02-30', work: false }), 'date', '日期不存在');
    expectFieldError(await putDay(admin, { date: '2027/01/01', work: false }), 'date');
    expectFieldError(await putDay(admin, { date: '2027-01-01' }), 'work');
  });

  it('marking 2027-01-01 as a day off: a working-day case filed afterwards is due one working day later (2027-01-11)', async () => {
    const admin = await officials.token('admin');
    const res = await putDay(admin, { date: '2027-01-01', work: false, note: '元旦' });
    expect(res.status, show(res)).toBe(200);
    expect(res.body).toMatchObject({ date: '2027-01-01', work: false, note: '元旦', retime: { status: 'queued', summary: '将 2027-01-01 设为休息（元旦）' } });
    const cal = await stack.request('GET', '/api/console/admin/calendar', { token: admin });
    expect(cal.body.overrides).toEqual([{ date: '2027-01-01', work: false, note: '元旦' }]);
    // The open case filed before (due 2027-01-08) moves to 01-11 when the job runs.
    expect(await runRetimeJobs(stack)).toEqual([expect.objectContaining({ status: 'done', rescheduled: 1 })]);

    const filed = await fileCase(stack, consultation({ title: '元旦放假后的咨询' }));
    expect(filed.dueAt).toBe('2027-01-11T23:59:59+08:00');
    expect((await viewOf(filed)).dueAt).toBe('2027-01-11T23:59:59+08:00');
    // The sweep uses the same calendar: warning from 2027-01-07 00:00 (5th working day), not 01-06.
    await acceptAt(stack, new Date('2026-12-30T11:00:00+08:00'), filed.caseNo);
    expect((await slaEvents(stack, filed.caseNo)).warning).toBe(0);
    await sweepAt(stack, new Date('2027-01-06T12:00:00+08:00'));
    expect((await slaEvents(stack, filed.caseNo)).warning).toBe(0);
    await sweepAt(stack, new Date('2027-01-07T00:00:00+08:00'));
    expect((await slaEvents(stack, filed.caseNo)).warning).toBe(1);
    await sweepAt(stack, new Date('2027-01-11T23:59:59+08:00'));
    expect((await slaEvents(stack, filed.caseNo)).overdue).toBe(0);
    await sweepAt(stack, new Date('2027-01-12T00:00:01+08:00'));
    expect((await slaEvents(stack, filed.caseNo)).overdue).toBe(1);
  });

  it('DELETE removes the override: a case filed afterwards is due 2027-01-08 again', async () => {
    officials.at(FILED);
    const admin = await officials.token('admin');
    const res = await deleteDay(admin, '2027-01-01');
    expect(res.status, show(res)).toBe(200);
    expect(res.body).toMatchObject({ date: '2027-01-01', deleted: true, retime: { status: 'queued', summary: '删除 2027-01-01 的调整' } });
    expect((await stack.request('GET', '/api/console/admin/calendar', { token: admin })).body.overrides).toEqual([]);
    // Both open working-day cases filed so far go back to the plain calendar.
    expect(await runRetimeJobs(stack)).toEqual([expect.objectContaining({ status: 'done', rescheduled: 2 })]);
    const filed = await fileCase(stack, consultation({ title: '撤销调整后的咨询' }));
    expect(filed.dueAt).toBe('2027-01-08T23:59:59+08:00');
  });

  it('a make-up working Saturday added after filing brings the timers of cases already filed forward too', async () => {
    // Filed under plain Monday–Friday 2027: warning 2027-01-06 00:00, due 01-08.
    officials.at(FILED);
    const filed = await fileCase(stack, consultation({ title: '调休公布前的咨询' }));
    await acceptAt(stack, new Date('2026-12-30T11:00:00+08:00'), filed.caseNo);
    // The 2027 schedule is published: Saturday 2027-01-02 is a working day. Now the 5th working
    // day is 01-05 and the 7th 01-07, for this case too (its display already says so).
    officials.at(new Date('2026-12-31T10:00:00+08:00'));
    expect((await putDay(await officials.token('admin'), { date: '2027-01-02', work: true, note: '调休上班' })).status).toBe(200);
    // The re-timing job the change queued runs off the request (on the table's stream).
    // Every open working-day case of this file moves: the four filed since 12-30.
    expect(await runRetimeJobs(stack)).toEqual([expect.objectContaining({ status: 'done', rescheduled: 4 })]);
    officials.at(new Date('2027-01-05T09:00:00+08:00'));
    const view = await viewOf(filed);
    expect(view.dueAt).toBe('2027-01-07T23:59:59+08:00');
    expect(view.sla.level).toBe('warning');
    // The sweep on the morning of 01-05 must warn, as the console and the citizen already show.
    const r = await sweepAt(stack, new Date('2027-01-05T09:00:00+08:00'));
    expect.soft((await slaEvents(stack, filed.caseNo)).warning, 'warning taken on 2027-01-05 (the case was not even read: its index entry still says 01-06)').toBe(1);
    expect.soft(r.itemsRead).toBeGreaterThanOrEqual(1);
    // It is not lost, only late: the old index time (01-06 00:00) still fires, and the overdue
    // step is re-timed with the new calendar when the warning is written.
    await sweepAt(stack, new Date('2027-01-06T00:00:00+08:00'));
    expect((await slaEvents(stack, filed.caseNo)).warning).toBe(1);
    await sweepAt(stack, new Date('2027-01-08T00:00:00+08:00'));
    expect(await slaEvents(stack, filed.caseNo)).toMatchObject({ warning: 1, overdue: 1, severe: 0 });
  });
});
