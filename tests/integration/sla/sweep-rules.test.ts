/**
 * What the SLA timers must not touch and what moves them — paused cases, approved extensions,
 * cases answered in time, a sweep far ahead — and what a sweep reads: only the cases with a step
 * due (itemsRead), never the other open cases. DynamoDB Local; a table per test or block.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../../support/stack';
import { login, track } from '../helpers';
import { HANDLER, SUPERVISOR, T0, acceptAt, actAt, citizenOf, day, expectSteps, fileConsultations, sweepAt } from './sla-kit';

const NONE = { warning: 0, overdue: 0, severe: 0 };

describe('what the timers must not touch, and what moves them', () => {
  let stack: TestStack;

  // A table per test: each test's sweeps count steps, and must not see another test's cases.
  beforeEach(async () => {
    stack = await createTestStack();
  });

  it('a sweep that jumps from filing straight to day 20 takes warning, overdue and severe in that order, once each', async () => {
    const [c] = await fileConsultations(stack, 1, day(0, new Date('2026-05-04T10:00:00+08:00')));
    await acceptAt(stack, new Date('2026-05-04T11:00:00+08:00'), c!.caseNo);
    const r = await sweepAt(stack, new Date('2026-05-24T10:00:00+08:00'));
    expect(r.steps).toEqual({ warning: 1, overdue: 1, severe: 1 });
    const events = (await stack.deps.cases.listEvents(c!.caseNo)).filter((e) => e.kind.startsWith('sla_'));
    expect(events.map((e) => e.kind)).toEqual(['sla_warning', 'sla_overdue', 'sla_severe']);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(3);
    expect([...events].sort((a, b) => a.eventId.localeCompare(b.eventId)).map((e) => e.kind)).toEqual(['sla_warning', 'sla_overdue', 'sla_severe']);
    expect((await sweepAt(stack, new Date('2026-05-24T10:00:00+08:00'))).steps).toEqual(NONE);
  });

  it('a paused case (awaiting the citizen) does not advance, and after the citizen answers the clock resumes with the pause given back', async () => {
    const base = new Date('2026-06-01T09:00:00+08:00'); // Monday
    const [c] = await fileConsultations(stack, 1, base);
    const caseNo = c!.caseNo;
    await acceptAt(stack, day(0.1, base), caseNo);
    await actAt(stack, day(2, base), caseNo, { action: 'request_info', question: '请补充劳动合同复印件' }, HANDLER);
    expect((await stack.deps.cases.getCase(caseNo))!.status).toBe('awaiting_citizen');
    expect((await stack.deps.cases.getCase(caseNo))!.schedule?.next, 'a paused case is not on the timers').toBeUndefined();

    for (const n of [5, 8, 15, 20]) {
      const r = await sweepAt(stack, day(n, base));
      expect(r.steps, `sweep on day ${n}`).toEqual(NONE);
    }
    await expectSteps(stack, [caseNo], NONE);
    const token = await login(stack, caseNo, c!.password);
    const view = await track(stack, token);
    expect(view.sla).toMatchObject({ level: 'normal', paused: true });

    // Paused from day 2 09:00 to day 20 09:00: exactly 18 days given back. Warning from the start
    // of day 5 + 18 = 2026-06-24 00:00; due at the end of day 25 = 2026-06-26.
    await actAt(stack, day(20, base), caseNo, { action: 'supplement', content: '已上传劳动合同复印件' }, citizenOf(caseNo));
    const resumed = await stack.deps.cases.getCase(caseNo);
    expect(resumed!.schedule).toEqual({ dueAt: new Date('2026-06-26T23:59:59+08:00').toISOString(), next: { level: 'warning', at: new Date('2026-06-24T00:00:00+08:00').toISOString() } });
    expect((await sweepAt(stack, new Date('2026-06-23T23:59:00+08:00'))).steps).toEqual(NONE);
    expect((await sweepAt(stack, new Date('2026-06-24T00:00:00+08:00'))).steps).toEqual({ warning: 1, overdue: 0, severe: 0 });
    expect((await sweepAt(stack, new Date('2026-06-26T23:59:59+08:00'))).steps).toEqual(NONE);
    expect((await sweepAt(stack, new Date('2026-06-27T00:00:01+08:00'))).steps).toEqual({ warning: 0, overdue: 1, severe: 0 });
    await expectSteps(stack, [caseNo], { warning: 1, overdue: 1, severe: 0 });
  });

  it('an approved extension moves the next event: no overdue at the old due date, overdue at the new one', async () => {
    const base = new Date('2026-07-06T09:00:00+08:00'); // Monday; due 07-13 end, warn 07-11 00:00
    const [c] = await fileConsultations(stack, 1, base);
    const caseNo = c!.caseNo;
    await acceptAt(stack, day(0.1, base), caseNo);
    await actAt(stack, day(1, base), caseNo, { action: 'request_extension', days: 5, reason: '需现场核查用人单位账目' }, HANDLER);
    await actAt(stack, day(1.5, base), caseNo, { action: 'approve_extension', note: '同意' }, SUPERVISOR);
    // Everything moves 5 days: warning 07-16 00:00, due 07-18 23:59:59, severe 07-25 23:59:59.
    expect((await stack.deps.cases.getCase(caseNo))!.schedule).toEqual({
      dueAt: new Date('2026-07-18T23:59:59+08:00').toISOString(),
      next: { level: 'warning', at: new Date('2026-07-16T00:00:00+08:00').toISOString() },
    });
    expect((await sweepAt(stack, new Date('2026-07-11T09:00:00+08:00'))).steps, 'old warning time').toEqual(NONE);
    expect((await sweepAt(stack, new Date('2026-07-14T09:00:00+08:00'))).steps, 'old due date passed').toEqual(NONE);
    await expectSteps(stack, [caseNo], NONE);
    expect((await sweepAt(stack, new Date('2026-07-16T09:00:00+08:00'))).steps).toEqual({ warning: 1, overdue: 0, severe: 0 });
    expect((await sweepAt(stack, new Date('2026-07-18T23:00:00+08:00'))).steps).toEqual(NONE);
    expect((await sweepAt(stack, new Date('2026-07-19T09:00:00+08:00'))).steps).toEqual({ warning: 0, overdue: 1, severe: 0 });
    await expectSteps(stack, [caseNo], { warning: 1, overdue: 1, severe: 0 });
  });

  it('an extension approved after the warning moves the overdue step', async () => {
    const base = new Date('2026-08-03T09:00:00+08:00'); // Monday; warn 08-08, due 08-10 end
    const [c] = await fileConsultations(stack, 1, base);
    const caseNo = c!.caseNo;
    await acceptAt(stack, day(0.1, base), caseNo);
    expect((await sweepAt(stack, day(5, base))).steps).toEqual({ warning: 1, overdue: 0, severe: 0 });
    await actAt(stack, day(6, base), caseNo, { action: 'request_extension', days: 3, reason: '涉及多个部门会商' }, HANDLER);
    await actAt(stack, day(6.1, base), caseNo, { action: 'approve_extension' }, SUPERVISOR);
    expect((await stack.deps.cases.getCase(caseNo))!.schedule?.next).toEqual({ level: 'overdue', at: new Date('2026-08-14T00:00:00+08:00').toISOString() });
    expect((await sweepAt(stack, day(8, base))).steps).toEqual(NONE);
    expect((await sweepAt(stack, new Date('2026-08-14T00:00:00+08:00'))).steps).toEqual({ warning: 0, overdue: 1, severe: 0 });
    await expectSteps(stack, [caseNo], { warning: 1, overdue: 1, severe: 0 });
  });

  it('a case answered in time never escalates, even long after', async () => {
    const base = new Date('2026-09-07T09:00:00+08:00');
    const filed = await fileConsultations(stack, 2, base);
    const [early, lastMinute] = filed.map((c) => c.caseNo) as [string, string];
    await acceptAt(stack, day(0.1, base), early);
    await acceptAt(stack, day(0.1, base), lastMinute);
    await actAt(stack, day(3, base), early, { action: 'reply', result: 'resolved', answer: '可向县劳动人事争议仲裁院申请仲裁。' }, HANDLER);
    expect((await sweepAt(stack, day(5, base))).steps).toEqual({ warning: 1, overdue: 0, severe: 0 }); // lastMinute only
    // Answered at 23:50 on the due date (09-14).
    await actAt(stack, new Date('2026-09-14T23:50:00+08:00'), lastMinute, { action: 'reply', result: 'resolved', answer: '请携带劳动合同到窗口咨询。' }, HANDLER);
    for (const at of [day(8, base), day(15, base), day(60, base), day(365, base)]) {
      expect((await sweepAt(stack, at)).steps).toEqual(NONE);
    }
    await expectSteps(stack, [early], NONE);
    await expectSteps(stack, [lastMinute], { warning: 1, overdue: 0, severe: 0 });
    expect((await stack.deps.cases.getCase(lastMinute))!.firstAnswer?.onTime).toBe(true);
  });
});

describe('the sweep reads only the cases due, not the open cases', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await createTestStack();
  });

  it('itemsRead equals the cases with a due step; later, paused and answered cases are not read', async () => {
    const base = T0;
    const due = (await fileConsultations(stack, 3, base)).map((c) => c.caseNo);
    const later = (await fileConsultations(stack, 4, day(3, base), '医保异地报销怎么办？')).map((c) => c.caseNo);
    const [paused, answered] = (await fileConsultations(stack, 2, base, '失业金怎么领？')).map((c) => c.caseNo) as [string, string];
    await acceptAt(stack, day(0.1, base), paused);
    await acceptAt(stack, day(0.1, base), answered);
    await actAt(stack, day(1, base), paused, { action: 'request_info', question: '请提供离职证明' }, HANDLER);
    await actAt(stack, day(1, base), answered, { action: 'reply', result: 'resolved', answer: '可在线申领。' }, HANDLER);

    // Day 5: 9 cases filed, 7 open and running, only the 3 first are due (the later ones warn from day 8).
    const r = await sweepAt(stack, day(5, base));
    expect(r.itemsRead).toBe(3);
    expect(r.steps).toEqual({ warning: 3, overdue: 0, severe: 0 });
    await expectSteps(stack, later, NONE);
    await expectSteps(stack, [paused, answered], NONE);

    // Day 8 (09:00): the 3 first are overdue, the 4 later ones are warned (their warning: day 3 + 5): 7 read.
    const r8 = await sweepAt(stack, day(8, base));
    expect(r8.itemsRead).toBe(7);
    expect(r8.steps).toEqual({ warning: 4, overdue: 3, severe: 0 });

    // With a page size of 1 the sweep still reads each due case once.
    const r9 = await sweepAt(stack, day(9, base), { pageSize: 1 });
    expect(r9.itemsRead).toBe(0);
    const r11 = await sweepAt(stack, day(11, base), { pageSize: 1 });
    expect(r11.itemsRead).toBe(4);
    expect(r11.steps).toEqual({ warning: 0, overdue: 4, severe: 0 });
    await expectSteps(stack, due, { warning: 1, overdue: 1, severe: 0 });
    await expectSteps(stack, later, { warning: 1, overdue: 1, severe: 0 });
    expect(r11.conflicts).toBe(0);
  });
});
