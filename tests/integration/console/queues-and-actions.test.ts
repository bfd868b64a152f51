/**
 * The officials' work queues (what is in them, in what order, page by page) and what each action
 * does to a case, as officials and the citizen then see it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { statsDeltas, type CaseRecord } from '@minsheng/shared';
import { newEventId } from '../../../functions/src/services/cases/case-event';
import { createTestStack, type TestStack } from '../../support/stack';
import { act, complaintBody, fileAs, show } from '../../support/console';
import { after, caseNos, citizenToken, DAY, desk, HOUR, rate, Session, T0, track, walkQueue } from './console-kit';

let stack: TestStack;
let session: Session;

const consultationBody = (overrides: Record<string, unknown> = {}) =>
  complaintBody({ type: 'consultation', categoryId: 'shebao', title: '失业保险金怎么申领？', content: '想咨询失业保险金的申领条件和材料。', ...overrides });

const tok = (u: string) => session.token(u);
const queue = (username: string, query: string) => desk(stack, session).queue(username, query);
const inQueue = (username: string, query: string) => desk(stack, session).inQueue(username, query);
const detail = async (username: string, caseNo: string) => {
  const res = await stack.request('GET', `/api/console/cases/${caseNo}`, { token: await tok(username) });
  expect(res.status, show(res)).toBe(200);
  return res.body;
};
const run = (username: string, caseNo: string, command: Record<string, unknown>) => desk(stack, session).run(username, caseNo, command);
async function accepted(body: Record<string, unknown> = complaintBody(), departmentId = 'rsj') {
  const filed = await fileAs(stack, body);
  await run('shouli', filed.caseNo, { action: 'accept', departmentId });
  return filed;
}
/** Citizens' tokens (30 minutes), reused while the clock stays within 20 minutes of their login. */
const citizenTokens = new Map<string, { token: string; at: number }>();
async function citizenView(filed: { caseNo: string; password: string }) {
  const t = session.now.getTime();
  let cached = citizenTokens.get(filed.caseNo);
  if (!cached || t < cached.at || t - cached.at > 20 * 60 * 1000) {
    cached = { token: await citizenToken(stack, filed.caseNo, filed.password), at: t };
    citizenTokens.set(filed.caseNo, cached);
  }
  return track(stack, cached.token);
}

beforeAll(async () => {
  stack = await createTestStack();
  session = await Session.start(stack, T0);
  await session.officials();
});

describe('queues', () => {
  it('the intake queue puts the most urgent first: a consultation (7 days) before an earlier complaint (15 days)', async () => {
    session.setNow(T0);
    const complaint = await fileAs(stack, complaintBody());
    session.setNow(after(T0, 10 * 60 * 1000));
    const consultation = await fileAs(stack, consultationBody());
    const res = await queue('shouli', 'queue=intake');
    const order = caseNos(res);
    expect(order.indexOf(consultation.caseNo)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(consultation.caseNo)).toBeLessThan(order.indexOf(complaint.caseNo));
    const dues = res.body.items.map((i: { dueAt: string }) => Date.parse(i.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    const item = res.body.items.find((i: { caseNo: string }) => i.caseNo === consultation.caseNo);
    expect(item).toMatchObject({ type: 'consultation', typeLabel: '政策咨询', status: 'submitted', statusLabel: '待受理', slaLevel: 'normal', daysLeft: 7, paused: false, version: 1 });
    // The supervisor looks at the same queue.
    expect(await inQueue('duban', 'queue=intake')).toEqual(order);
  });

  it('paging with limit=1 and nextCursor walks every item once, in the same order as one big page', async () => {
    session.setNow(T0);
    await fileAs(stack, complaintBody({ type: 'report', categoryId: 'luan-shoufei', title: '违规收费' }));
    const whole = await inQueue('shouli', 'queue=intake');
    expect(whole.length).toBeGreaterThanOrEqual(3);
    expect(await walkQueue(stack, await tok('shouli'), 'queue=intake', 1)).toEqual(whole);
    expect(await walkQueue(stack, await tok('duban'), 'queue=intake', 3)).toEqual(whole);

    // A handler's department queue pages the same way.
    await Promise.all([accepted(), accepted(consultationBody())]);
    const dept = await inQueue('rsj', 'queue=department');
    expect(dept.length).toBeGreaterThanOrEqual(2);
    expect(await walkQueue(stack, await tok('rsj'), 'queue=department', 1)).toEqual(dept);
  });

  it('due_soon lists a case in warning (from the start of day 12 of 15); overdue one past its due date; a paused case (awaiting the citizen) is in neither', async () => {
    session.setNow(T0);
    const running = await accepted();
    const paused = await accepted();
    await run('rsj', paused.caseNo, { action: 'request_info', question: '请提供劳动合同复印件' });

    // Day 10: five days left — not yet due soon.
    session.setNow(after(T0, 10 * DAY));
    expect(await inQueue('shouli', 'queue=due_soon')).not.toContain(running.caseNo);

    // Day 13: due at the end of day 15 — due soon, for intake, supervisors and the department.
    session.setNow(after(T0, 13 * DAY));
    for (const who of ['shouli', 'duban', 'rsj']) {
      const soon = await inQueue(who, 'queue=due_soon');
      expect(soon, who).toContain(running.caseNo);
      expect(soon, who).not.toContain(paused.caseNo);
      expect(await inQueue(who, 'queue=overdue'), who).not.toContain(running.caseNo);
    }
    expect(await inQueue('zjj', 'queue=due_soon')).not.toContain(running.caseNo);

    // Day 16: overdue.
    session.setNow(after(T0, 16 * DAY));
    for (const who of ['shouli', 'duban', 'rsj']) {
      const res = await queue(who, 'queue=overdue');
      expect(caseNos(res), who).toContain(running.caseNo);
      expect(caseNos(res), who).not.toContain(paused.caseNo);
      const item = res.body.items.find((i: { caseNo: string }) => i.caseNo === running.caseNo);
      expect(item.slaLevel).toBe('overdue');
      expect(item.daysLeft).toBeLessThan(0);
      expect(await inQueue(who, 'queue=due_soon'), who).not.toContain(running.caseNo);
    }
    expect(await inQueue('zjj', 'queue=overdue')).not.toContain(running.caseNo);
    // The paused case is still on the department's desk, marked paused.
    const dept = await queue('rsj', 'queue=department');
    expect(dept.body.items.find((i: { caseNo: string }) => i.caseNo === paused.caseNo)).toMatchObject({ paused: true, status: 'awaiting_citizen' });
  });

  it("the escalated queue (supervisors) lists a case the SLA timers recorded overdue, until it is answered — and that answer is not on time", async () => {
    session.setNow(T0);
    const c = await accepted();
    expect(await inQueue('duban', 'queue=escalated')).not.toContain(c.caseNo);

    // What the SLA sweep will do: record the level reached, with its event and counters, at the version read.
    const now = session.advance(16 * DAY);
    const current = (await stack.deps.cases.getCase(c.caseNo)) as CaseRecord;
    const next: CaseRecord = { ...current, slaReached: 'overdue', version: current.version + 1, updatedAt: now.toISOString() };
    const written = await stack.deps.cases.applyChange(
      next,
      current.version,
      { eventId: newEventId(now), caseNo: c.caseNo, at: now.toISOString(), kind: 'sla_overdue', actorRole: 'system', actorId: 'sla-timer', fromStatus: current.status, toStatus: current.status, public: false, data: { level: 'overdue' } },
      statsDeltas(current, next, 'sla_overdue'),
    );
    expect(written.ok).toBe(true);

    expect(await inQueue('duban', 'queue=escalated')).toContain(c.caseNo);
    expect((await detail('duban', c.caseNo)).sla.reached).toBe('overdue');

    await run('rsj', c.caseNo, { action: 'reply', result: 'resolved', answer: '已处理完毕。' });
    expect(await inQueue('duban', 'queue=escalated')).not.toContain(c.caseNo);
    expect((await stack.deps.cases.getCase(c.caseNo))!.firstAnswer?.onTime).toBe(false);
  });

  it('the closed queue shows the most recently closed first; a handler sees only their department in it', async () => {
    session.setNow(T0);
    const first = await accepted();
    const second = await accepted();
    const elsewhere = await accepted(complaintBody(), 'zjj');
    await run('rsj', first.caseNo, { action: 'reply', result: 'resolved', answer: '答复一' });
    await run('rsj', second.caseNo, { action: 'reply', result: 'resolved', answer: '答复二' });
    await run('zjj', elsewhere.caseNo, { action: 'reply', result: 'resolved', answer: '答复三' });
    session.setNow(after(T0, 2 * HOUR));
    await rate(stack, first.caseNo, first.password, 'satisfied');
    session.setNow(after(T0, 3 * HOUR));
    await rate(stack, second.caseNo, second.password, 'basically_satisfied');
    session.setNow(after(T0, 4 * HOUR));
    await rate(stack, elsewhere.caseNo, elsewhere.password, 'satisfied');

    for (const who of ['shouli', 'duban']) {
      const closed = await inQueue(who, 'queue=closed');
      expect(closed.indexOf(elsewhere.caseNo), who).toBeGreaterThanOrEqual(0);
      expect(closed.indexOf(elsewhere.caseNo), who).toBeLessThan(closed.indexOf(second.caseNo));
      expect(closed.indexOf(second.caseNo), who).toBeLessThan(closed.indexOf(first.caseNo));
    }
    const handlers = await queue('rsj', 'queue=closed');
    expect(caseNos(handlers)).toEqual(expect.arrayContaining([second.caseNo, first.caseNo]));
    expect(caseNos(handlers)).not.toContain(elsewhere.caseNo);
    for (const item of handlers.body.items) expect(item.departmentId).toBe('rsj');
    expect(caseNos(handlers).indexOf(second.caseNo)).toBeLessThan(caseNos(handlers).indexOf(first.caseNo));
  });

  it("a handler's closed queue fills its page with the department's own cases, however many other departments closed since", async () => {
    // Far from the other tests' closures: a 人社局 case closed, then two 住建局 cases closed after it.
    const base = after(T0, 100 * DAY);
    session.setNow(base);
    const [ours, theirs] = await Promise.all([Promise.all([accepted()]), Promise.all([accepted(complaintBody(), 'zjj'), accepted(complaintBody(), 'zjj')])]);
    for (const c of ours) await run('rsj', c.caseNo, { action: 'reply', result: 'resolved', answer: '已答复' });
    for (const c of theirs) await run('zjj', c.caseNo, { action: 'reply', result: 'resolved', answer: '已答复' });
    let minute = 0;
    for (const c of [...ours, ...theirs]) {
      session.setNow(after(base, HOUR + ++minute * 60 * 1000));
      await rate(stack, c.caseNo, c.password, 'satisfied');
    }
    session.setNow(after(base, 2 * HOUR));

    const page = await queue('rsj', 'queue=closed&limit=1');
    // The most recently closed case of 人社局 — not an empty page with a "next" cursor.
    expect(caseNos(page), show(page)).toEqual([ours[0]!.caseNo]);
  });

  it("'mine' lists the cases the intake officer accepted (首问负责), most recently changed first, and keeps them after transfer", async () => {
    session.setNow(T0);
    const a = await accepted();
    session.advance(60 * 1000);
    const b = await accepted();
    const mine = await inQueue('shouli', 'queue=mine');
    expect(mine.indexOf(b.caseNo)).toBeGreaterThanOrEqual(0);
    expect(mine.indexOf(b.caseNo)).toBeLessThan(mine.indexOf(a.caseNo));
    session.advance(60 * 1000);
    await run('duban', a.caseNo, { action: 'transfer', departmentId: 'zjj', reason: '属住建局职责' });
    const again = await inQueue('shouli', 'queue=mine');
    expect(again.indexOf(a.caseNo)).toBeLessThan(again.indexOf(b.caseNo));
    expect((await detail('shouli', a.caseNo)).ownerId).toBe('shouli');
  });
});

describe('actions', () => {
  it('send_back returns the case to the intake queue, out of the department, and answers the handler with success', async () => {
    session.setNow(T0);
    const c = await accepted();
    expect(await inQueue('rsj', 'queue=department')).toContain(c.caseNo);
    const version = (await stack.deps.cases.getCase(c.caseNo))!.version;
    const res = await act(stack, await tok('rsj'), c.caseNo, { action: 'send_back', expectedVersion: version, reasonCode: 'not_our_duty', reason: '不属于人社局职责，请重新分办' });
    // The handler's request succeeded (see below), so the answer must not be an error.
    expect.soft(res.status, `send_back answered ${show(res)}`).toBe(200);
    expect.soft(res.body).toMatchObject({ caseNo: c.caseNo, status: 'submitted', version: version + 1 });
    expect.soft(JSON.stringify(res.body)).not.toMatch(/"content"|"contact"|"timeline"/);

    const stored = (await stack.deps.cases.getCase(c.caseNo))!;
    expect(stored.status).toBe('submitted');
    expect(stored.departmentId).toBeUndefined();
    expect(stored.version).toBe(version + 1);
    expect(await inQueue('shouli', 'queue=intake')).toContain(c.caseNo);
    expect(await inQueue('rsj', 'queue=department')).not.toContain(c.caseNo);
    const audit = (await stack.request('GET', `/api/console/audit?caseNo=${c.caseNo}`, { token: await tok('shouli') })).body.items;
    expect(audit.at(-1)).toMatchObject({ kind: 'sent_back', actorId: 'rsj', fromStatus: 'in_progress', toStatus: 'submitted' });
    expect((await citizenView(c)).timeline.map((e: { text: string }) => e.text)).toContain('重新分办中');
    // Intake can dispatch it again.
    await run('shouli', c.caseNo, { action: 'accept', departmentId: 'zjj' });
    expect(await inQueue('zjj', 'queue=department')).toContain(c.caseNo);
  });

  it('transfer moves the case to the other department: its queue, its detail; the first department loses sight of it', async () => {
    session.setNow(T0);
    const c = await accepted();
    const moved = await run('duban', c.caseNo, { action: 'transfer', departmentId: 'zjj', reason: '属住建局职责' });
    expect(moved).toMatchObject({ status: 'in_progress', departmentId: 'zjj', departmentName: '住房和城乡建设局' });
    expect(await inQueue('zjj', 'queue=department')).toContain(c.caseNo);
    expect(await inQueue('rsj', 'queue=department')).not.toContain(c.caseNo);
    expect((await stack.request('GET', `/api/console/cases/${c.caseNo}`, { token: await tok('rsj') })).status).toBe(404);
    expect((await detail('zjj', c.caseNo)).allowedActions).toEqual(expect.arrayContaining(['reply', 'request_info', 'send_back', 'request_extension']));
    const seen = await citizenView(c);
    expect(seen.departmentName).toBe('住房和城乡建设局');
    expect(seen.timeline.map((e: { text: string }) => e.text)).toContain('已转交住房和城乡建设局办理');
  });

  it('request_extension then approve_extension moves the due date later; the citizen sees the extension and its reason', async () => {
    session.setNow(T0);
    const c = await accepted();
    const before = await detail('rsj', c.caseNo);
    const requested = await run('rsj', c.caseNo, { action: 'request_extension', days: 5, reason: '需要调取三个月的考勤记录' });
    expect(requested.sla.extension).toEqual({ status: 'pending', days: 5, reason: '需要调取三个月的考勤记录' });
    expect(requested.dueAt).toBe(before.dueAt);
    // Pending: the citizen sees nothing yet.
    expect((await citizenView(c)).sla.extension).toBeUndefined();
    expect((await detail('duban', c.caseNo)).allowedActions).toEqual(expect.arrayContaining(['approve_extension', 'deny_extension']));

    const approved = await run('duban', c.caseNo, { action: 'approve_extension', note: '同意延期' });
    expect(approved.sla.extension).toMatchObject({ status: 'approved', days: 5, decisionNote: '同意延期' });
    expect(Date.parse(approved.dueAt) - Date.parse(before.dueAt)).toBe(5 * DAY);

    const seen = await citizenView(c);
    expect(seen.sla.extension).toEqual({ days: 5, reason: '需要调取三个月的考勤记录' });
    expect(Date.parse(seen.dueAt)).toBe(Date.parse(approved.dueAt));
    expect(seen.timeline.map((e: { text: string }) => e.text)).toContain('办理期限延长 5 天。理由：需要调取三个月的考勤记录');

    // One extension per case.
    const again = await act(stack, await tok('rsj'), c.caseNo, { action: 'request_extension', expectedVersion: approved.version, days: 3, reason: '再延' });
    expect(again.status, show(again)).toBe(409);
    expect(again.body.error.code).toBe('EXTENSION_NOT_ALLOWED');
  });

  it('deny_extension keeps the due date; the citizen sees no extension; the handler may ask again', async () => {
    session.setNow(T0);
    const c = await accepted();
    const before = await detail('rsj', c.caseNo);
    await run('rsj', c.caseNo, { action: 'request_extension', days: 10, reason: '材料太多' });
    const denied = await run('duban', c.caseNo, { action: 'deny_extension', reason: '理由不充分，请按期办结' });
    expect(denied.sla.extension).toMatchObject({ status: 'denied', days: 10, decisionNote: '理由不充分，请按期办结' });
    expect(denied.dueAt).toBe(before.dueAt);
    const seen = await citizenView(c);
    expect(seen.sla.extension).toBeUndefined();
    expect(seen.dueAt).toBe(before.dueAt);
    expect(JSON.stringify(seen)).not.toContain('材料太多');
    const retry = await run('rsj', c.caseNo, { action: 'request_extension', days: 3, reason: '需现场核查' });
    expect(retry.sla.extension).toMatchObject({ status: 'pending', days: 3 });
  });

  it('urge shows on the citizen timeline as 案件已被督办 (without the internal note)', async () => {
    session.setNow(T0);
    const c = await accepted();
    const urged = await run('duban', c.caseNo, { action: 'urge', note: '内部意见：三日内必须办结' });
    expect(urged.status).toBe('in_progress');
    expect(urged.timeline.at(-1)).toMatchObject({ kind: 'urged', actorId: 'duban', actorRole: 'supervisor' });
    const seen = await citizenView(c);
    expect(seen.timeline.map((e: { text: string }) => e.text)).toContain('案件已被督办');
    expect(JSON.stringify(seen)).not.toContain('三日内必须办结');
  });

  it("merge: the merged case's citizen sees the pointer, and once the kept case is answered, its answer", async () => {
    session.setNow(T0);
    const kept = await accepted();
    const duplicate = await fileAs(stack, complaintBody({ title: '同一工地欠薪（另一名工人反映）' }));
    const merged = await run('shouli', duplicate.caseNo, { action: 'merge', intoCaseNo: kept.caseNo });
    expect(merged).toMatchObject({ status: 'merged', mergedInto: kept.caseNo });
    expect(await inQueue('shouli', 'queue=intake')).not.toContain(duplicate.caseNo);

    let seen = await citizenView(duplicate);
    expect(seen).toMatchObject({ status: 'merged', mergedInto: kept.caseNo });
    expect(seen.mergedAnswer).toBeUndefined();
    expect(seen.timeline.map((e: { text: string }) => e.text)).toContain(`与案件 ${kept.caseNo} 合并办理`);

    session.advance(DAY);
    await run('rsj', kept.caseNo, { action: 'reply', result: 'resolved', answer: '已责令施工单位三日内结清全部工资。' });
    seen = await citizenView(duplicate);
    expect(seen.mergedAnswer).toMatchObject({ caseNo: kept.caseNo, text: '已责令施工单位三日内结清全部工资。' });
    expect(seen.canRate).toBe(false);
  });

  it('close is refused (409 RATING_WINDOW_OPEN) until 7 days after the reply, and allowed after', async () => {
    session.setNow(T0);
    const c = await accepted();
    const replied = await run('rsj', c.caseNo, { action: 'reply', result: 'resolved', answer: '已答复。' });
    const repliedAt = session.now;

    for (const [when, who] of [
      [after(repliedAt, DAY), 'shouli'],
      [after(repliedAt, 7 * DAY - 60 * 1000), 'duban'],
    ] as const) {
      session.setNow(when);
      const res = await act(stack, await tok(who), c.caseNo, { action: 'close', expectedVersion: replied.version, reason: '群众未评价' });
      expect(res.status, show(res)).toBe(409);
      expect(res.body.error.code).toBe('RATING_WINDOW_OPEN');
      expect((await stack.deps.cases.getCase(c.caseNo))!.status).toBe('replied');
    }

    session.setNow(after(repliedAt, 7 * DAY + 60 * 1000));
    const closed = await act(stack, await tok('shouli'), c.caseNo, { action: 'close', expectedVersion: replied.version, reason: '群众未评价' });
    expect(closed.status, show(closed)).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(await inQueue('shouli', 'queue=closed')).toContain(c.caseNo);
    const seen = await citizenView(c);
    expect(seen).toMatchObject({ status: 'closed', canRate: false });
    expect(seen.timeline.map((e: { text: string }) => e.text)).toContain('案件已办结');
  });

  it('request_info pauses the clock, the citizen supplements, and handling resumes with the days given back', async () => {
    session.setNow(T0);
    const c = await accepted();
    const before = await detail('rsj', c.caseNo);
    const asked = await run('rsj', c.caseNo, { action: 'request_info', question: '请提供工资欠条照片' });
    expect(asked).toMatchObject({ status: 'awaiting_citizen', pendingQuestion: '请提供工资欠条照片' });
    expect(asked.sla.paused).toBe(true);
    expect((await citizenView(c)).canSupplement).toBe(true);

    session.setNow(after(T0, 2 * DAY));
    const token = await citizenToken(stack, c.caseNo, c.password);
    const sup = await stack.request('POST', '/api/track/case/supplements', { token, body: { content: '欠条照片已上传，共 23 张。' } });
    expect(sup.status, show(sup)).toBe(201);
    const resumed = await detail('rsj', c.caseNo);
    expect(resumed.status).toBe('in_progress');
    expect(resumed.sla.paused).toBe(false);
    expect(Date.parse(resumed.dueAt) - Date.parse(before.dueAt)).toBe(2 * DAY);
    expect(resumed.supplements.map((s: { content: string }) => s.content)).toEqual(['欠条照片已上传，共 23 张。']);
  });
});
