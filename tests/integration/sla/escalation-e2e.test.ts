/**
 * End to end on the local stack (DynamoDB Local, the routes of serverless.yml, the scheduled
 * sweep's own handler invoked with an explicit `now`): file a consultation, move `now` 5 and 8
 * days ahead, and see warning then overdue in the console queues, the officials' inboxes and the
 * citizen's view; then severe (day 15) reaching the supervising authority; and an approved
 * extension with its reason, moving the escalation.
 *
 * Filed at T0 = Monday 2026-03-02 09:00 Beijing: warning from 03-07 00:00, due 03-09 23:59:59,
 * severe after 03-16 23:59:59.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createSweepHandler } from '../../../functions/src/jobs/sla-sweep';
import { createTestStack, type TestStack } from '../../support/stack';
import { consultation, fileCase, login, track } from '../helpers';
import { Officials, T0, day, slaEvents } from './sla-kit';

let stack: TestStack;
let officials: Officials;
let sweep: ReturnType<typeof createSweepHandler>;
let a: { caseNo: string; password: string };
let ext: { caseNo: string; password: string };

const citizenView = async (c: { caseNo: string; password: string }) => track(stack, await login(stack, c.caseNo, c.password));
const run = (at: Date) => {
  officials.at(at);
  return sweep({ now: at.toISOString() });
};
const EXT_REASON = '需现场核查用人单位工资台账';

beforeAll(async () => {
  stack = await createTestStack();
  officials = await Officials.seed(stack);
  sweep = createSweepHandler(() => stack.deps);
  officials.at(T0);
  a = await fileCase(stack, consultation({ title: '欠薪可以向哪里申请仲裁？' }));
  ext = await fileCase(stack, consultation({ title: '社保断缴可以补缴吗？' }));
  officials.at(day(0.05));
  await officials.act('shouli', a.caseNo, { action: 'accept', departmentId: 'rsj' });
  await officials.act('shouli', ext.caseNo, { action: 'accept', departmentId: 'rsj' });
  // The extension: asked by the handler on day 1, approved by the supervisor the same day.
  officials.at(day(1));
  await officials.act('rsj', ext.caseNo, { action: 'request_extension', days: 5, reason: EXT_REASON });
  await officials.act('duban', ext.caseNo, { action: 'approve_extension', note: '同意延期' });
});

describe('day 0: filed and dispatched', () => {
  it('the citizen sees the due date, 7 days left, the rule; the handling department got the new case in its inbox', async () => {
    const at = day(0.1);
    const result = await run(at);
    expect(result.steps).toEqual({ warning: 0, overdue: 0, severe: 0 });
    const view = await citizenView(a);
    expect(view.dueAt).toBe('2026-03-09T23:59:59+08:00');
    expect(view.sla).toMatchObject({ level: 'normal', paused: false, daysLeft: 7, answerDays: 7, dayMode: 'natural', rule: '政策咨询自提交之日起 7 个自然日内答复' });
    const inbox = await officials.inbox('rsj');
    expect(inbox.filter((i) => i.caseNo === a.caseNo).map((i) => i.kind)).toEqual(['accepted']);
  });
});

describe('day 5: warning', () => {
  it('the sweep (scheduled handler, explicit now) warns once and delivers the notifications it caused', async () => {
    const result = await run(day(5));
    expect(result.now).toBe(day(5).toISOString());
    expect(result.steps).toEqual({ warning: 1, overdue: 0, severe: 0 });
    expect(result.itemsRead).toBe(1);
    expect(result.delivery.inbox).toBeGreaterThanOrEqual(1);
    expect(result.delivery.failed).toBe(0);
  });

  it('the handling department (人社局) has the warning in its inbox; 住建局 does not; supervisors are not told yet', async () => {
    const rsj = await officials.inbox('rsj');
    const warning = rsj.filter((i) => i.caseNo === a.caseNo && i.kind === 'sla_warning');
    expect(warning).toHaveLength(1);
    expect(warning[0]).toMatchObject({ title: '案件即将超期' });
    expect(warning[0]!.body).toContain(a.caseNo);
    expect((await officials.inbox('zjj')).filter((i) => i.caseNo === a.caseNo)).toEqual([]);
    expect((await officials.inbox('duban')).filter((i) => i.caseNo === a.caseNo)).toEqual([]);
  });

  it('the console shows the case as warning, due soon, not escalated', async () => {
    const soon = await officials.queue('rsj', 'queue=due_soon');
    expect(soon.find((i) => i.caseNo === a.caseNo)).toMatchObject({ slaLevel: 'warning', daysLeft: 2 });
    const detail = await officials.get('rsj', `/api/console/cases/${a.caseNo}`);
    expect(detail.sla).toMatchObject({ level: 'warning', reached: 'warning', dueAt: '2026-03-09T23:59:59+08:00' });
    expect((await officials.queue('duban', 'queue=escalated')).map((i) => i.caseNo)).not.toContain(a.caseNo);
  });

  it('the citizen sees level warning, 2 days left; the internal warning is not on their timeline', async () => {
    const view = await citizenView(a);
    expect(view.sla).toMatchObject({ level: 'warning', daysLeft: 2 });
    expect(view.timeline.map((e: { kind: string }) => e.kind)).not.toContain('sla_warning');
  });
});

describe('day 8: overdue', () => {
  it('the sweep takes the overdue step once (the extended case is not overdue)', async () => {
    const result = await run(day(8));
    expect(result.steps).toEqual({ warning: 0, overdue: 1, severe: 0 });
    expect(await slaEvents(stack, ext.caseNo)).toMatchObject({ warning: 0, overdue: 0, severe: 0 });
    // Running it again changes nothing.
    const again = await run(day(8));
    expect(again.steps).toEqual({ warning: 0, overdue: 0, severe: 0 });
    expect(await slaEvents(stack, a.caseNo)).toMatchObject({ warning: 1, overdue: 1, severe: 0 });
  });

  it('the case is on the supervisors’ escalated queue and the handler’s overdue queue', async () => {
    const escalated = await officials.queue('duban', 'queue=escalated');
    expect(escalated.map((i) => i.caseNo)).toContain(a.caseNo);
    expect(escalated.map((i) => i.caseNo)).not.toContain(ext.caseNo);
    expect(escalated.find((i) => i.caseNo === a.caseNo)).toMatchObject({ slaLevel: 'overdue', daysLeft: -1 });
    const overdue = await officials.queue('rsj', 'queue=overdue');
    expect(overdue.map((i) => i.caseNo)).toContain(a.caseNo);
    expect(overdue.map((i) => i.caseNo)).not.toContain(ext.caseNo);
  });

  it('supervisors have the overdue notice in their inbox, once; the department is not told again', async () => {
    const duban = (await officials.inbox('duban')).filter((i) => i.caseNo === a.caseNo);
    expect(duban.map((i) => i.kind)).toEqual(['sla_overdue']);
    expect(duban[0]).toMatchObject({ title: '案件已超期' });
    expect((await officials.inbox('rsj')).filter((i) => i.caseNo === a.caseNo && i.kind === 'sla_overdue')).toEqual([]);
    expect((await officials.inbox('zjj')).filter((i) => i.caseNo === a.caseNo)).toEqual([]);
  });

  it('the citizen sees overdue, the timeline entry 已超过答复期限，已提请督办, and still the due date, days left and the rule', async () => {
    const view = await citizenView(a);
    expect(view.dueAt).toBe('2026-03-09T23:59:59+08:00');
    expect(view.sla).toMatchObject({ level: 'overdue', daysLeft: -1, answerDays: 7, dayMode: 'natural', rule: '政策咨询自提交之日起 7 个自然日内答复' });
    const entry = view.timeline.filter((e: { kind: string }) => e.kind === 'sla_overdue');
    expect(entry).toHaveLength(1);
    expect(entry[0].text).toBe('已超过答复期限，已提请督办');
    expect(entry[0].at).toMatch(/^2026-03-10T09:00:00\+08:00$/);
  });

  it('the extended case: the citizen sees the extension with its reason, the later due date and no escalation', async () => {
    const view = await citizenView(ext);
    expect(view.dueAt).toBe('2026-03-14T23:59:59+08:00');
    expect(view.sla).toMatchObject({ level: 'normal', daysLeft: 4, extension: { days: 5, reason: EXT_REASON } });
    expect(view.timeline.map((e: { text: string }) => e.text)).toContain(`办理期限延长 5 天。理由：${EXT_REASON}`);
  });
});

describe('days 13 and 15: the extended case overdue, the first severe', () => {
  it('day 13: the extended case goes overdue at its new due date, still showing its extension', async () => {
    expect((await run(day(12))).steps).toEqual({ warning: 1, overdue: 0, severe: 0 }); // ext warns from 03-12 00:00
    const result = await run(day(13));
    expect(result.steps).toEqual({ warning: 0, overdue: 1, severe: 0 });
    const view = await citizenView(ext);
    expect(view.sla).toMatchObject({ level: 'overdue', daysLeft: -1, extension: { days: 5, reason: EXT_REASON } });
    expect(view.dueAt).toBe('2026-03-14T23:59:59+08:00');
    expect((await officials.queue('duban', 'queue=escalated')).map((i) => i.caseNo)).toEqual(expect.arrayContaining([a.caseNo, ext.caseNo]));
  });

  it('day 15: severe for the first case reaches the supervising authority (supervisor and admin inboxes), not the department', async () => {
    const result = await run(day(15));
    expect(result.steps).toEqual({ warning: 0, overdue: 0, severe: 1 });
    for (const who of ['duban', 'admin'] as const) {
      const severe = (await officials.inbox(who)).filter((i) => i.caseNo === a.caseNo && i.kind === 'sla_severe');
      expect(severe, who).toHaveLength(1);
      expect(severe[0]!.title).toBe('案件严重超期');
    }
    expect((await officials.inbox('rsj')).filter((i) => i.kind === 'sla_severe')).toEqual([]);
    expect((await officials.inbox('zjj')).filter((i) => i.kind === 'sla_severe')).toEqual([]);
    const view = await citizenView(a);
    expect(view.sla.level).toBe('severe');
    expect(view.timeline.filter((e: { kind: string }) => e.kind === 'sla_severe').map((e: { text: string }) => e.text)).toEqual(['严重超期，已报上级监督部门督办']);
    // Still escalated, still counted once as late.
    expect((await officials.queue('duban', 'queue=escalated')).find((i) => i.caseNo === a.caseNo)).toMatchObject({ slaLevel: 'severe' });
    await stack.settle();
    expect((await stack.deps.stats.getStats('ALL')).ALL?.overdue).toBe(2);
  });

  it('answering an overdue case takes it off the escalated queue; it stays counted as late', async () => {
    officials.at(day(15.1));
    await officials.act('rsj', a.caseNo, { action: 'reply', result: 'resolved', answer: '可向县劳动人事争议仲裁院申请仲裁，需携带劳动合同。' });
    expect((await officials.queue('duban', 'queue=escalated')).map((i) => i.caseNo)).not.toContain(a.caseNo);
    const c = await stack.deps.cases.getCase(a.caseNo);
    expect(c!.firstAnswer?.onTime).toBe(false);
    await stack.settle();
    expect((await stack.deps.stats.getStats('ALL')).ALL?.overdue).toBe(2);
    expect((await run(day(60))).steps).toEqual({ warning: 0, overdue: 0, severe: 1 }); // only the extended case remains
    expect(await slaEvents(stack, a.caseNo)).toMatchObject({ warning: 1, overdue: 1, severe: 1 });
  });
});
