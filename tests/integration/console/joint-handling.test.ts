/**
 * Joint handling (主办/协办): a lead department and up to five assisting departments, each with a
 * part of its own (own due date, own 协办 queue), submitted and returned once; the lead gives the
 * one answer the citizen sees. Over HTTP, on DynamoDB Local, with the stream consumer counting.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays, toShanghaiDate } from '@minsheng/shared';
import { createTestStack, type TestStack } from '../../support/stack';
import { act, complaintBody, fileAs, reportBody, show } from '../../support/console';
import { caseNos, citizenToken, desk, expectApiError, Session, T0, track } from './console-kit';
import { deliverNotifications } from '../../../functions/src/services/notifications/notifier';
import { observe } from '../../support/wire';

let stack: TestStack;
let session: Session;
/** Every case this file filed, for the recount. */
const filedCases: string[] = [];

const tok = (u: string) => session.token(u);
const detail = async (username: string, caseNo: string, query = '') => stack.request('GET', `/api/console/cases/${caseNo}${query}`, { token: await tok(username) });
const version = async (caseNo: string) => (await stack.deps.cases.getCase(caseNo))!.version;
const actAs = async (username: string, caseNo: string, command: Record<string, unknown>) => act(stack, await tok(username), caseNo, { ...command, expectedVersion: await version(caseNo) });
const run = (username: string, caseNo: string, command: Record<string, unknown>) => desk(stack, session).run(username, caseNo, command);
const assistingQueue = (username: string) => desk(stack, session).inQueue(username, 'queue=assisting');

async function file(body: Record<string, unknown> = complaintBody()) {
  const filed = await fileAs(stack, body);
  filedCases.push(filed.caseNo);
  return filed;
}

/** The Shanghai date the case is due (as intake sees it once filed). */
async function caseDueDay(caseNo: string): Promise<string> {
  const c = (await stack.deps.cases.getCase(caseNo))!;
  return toShanghaiDate(new Date(c.schedule!.dueAt));
}

afterEach(() => vi.restoreAllMocks());

beforeAll(async () => {
  stack = await createTestStack();
  session = await Session.start(stack, T0);
});

describe('assigning assisting departments', () => {
  it('refuses a part due after the case, the lead as its own assistant, a repeat, an unknown department and more than five; nothing is written', async () => {
    const filed = await file();
    const due = await caseDueDay(filed.caseNo);
    const before = await version(filed.caseNo);
    const refused: [Record<string, unknown>[], string][] = [
      [[{ departmentId: 'zjj', dueAt: addDays(due, 1) }], 'VALIDATION_FAILED'],
      [[{ departmentId: 'rsj' }], 'VALIDATION_FAILED'],
      [[{ departmentId: 'zjj' }, { departmentId: 'zjj' }], 'VALIDATION_FAILED'],
      [[{ departmentId: 'no-such-dept' }], 'UNKNOWN_DEPARTMENT'],
      [['zjj', 'ybj', 'jyj', 'jtysj', 'sthjj', 'zrzyj'].map((departmentId) => ({ departmentId })), 'VALIDATION_FAILED'],
    ];
    for (const [assisting, code] of refused) {
      expectApiError(await actAs('shouli', filed.caseNo, { action: 'accept', departmentId: 'rsj', assisting }), 400, code);
    }
    expect(await version(filed.caseNo)).toBe(before);
    expect(await stack.deps.cases.listParts(filed.caseNo)).toEqual([]);
  });

  it('each part has its own due date (end of the chosen Shanghai day), or the case\'s own by default', async () => {
    const filed = await file();
    const due = await caseDueDay(filed.caseNo);
    const early = addDays(toShanghaiDate(T0), 4);
    const body = await run('shouli', filed.caseNo, { action: 'accept', departmentId: 'rsj', assisting: [{ departmentId: 'zjj', dueAt: early }, { departmentId: 'ybj' }] });
    expect(body.status).toBe('in_progress');
    // The lead owns the case, its SLA and its queue.
    expect(body.departmentName).toBe('人力资源和社会保障局');
    const parts = Object.fromEntries(body.parts.map((p: { departmentId: string }) => [p.departmentId, p]));
    expect(parts.zjj).toMatchObject({ departmentName: '住房和城乡建设局', status: 'pending', statusLabel: '待提交', dueAt: `${early}T23:59:59+08:00`, returnedOnce: false });
    expect(parts.ybj).toMatchObject({ status: 'pending', dueAt: body.sla.dueAt });
    expect(parts.ybj.dueAt.slice(0, 10)).toBe(due);
    // The assignment is on the audit trail, not on the citizen's timeline.
    const audit = body.timeline.find((e: { kind: string }) => e.kind === 'parts_assigned');
    expect(audit).toMatchObject({ public: false, data: { departmentIds: 'zjj,ybj', count: 2 } });
  });
});

describe('the 协办 queue and what an assisting department may do', () => {
  it('lists the case for each assisting department, in ONE Query on gsi1 reading no case; not for the lead or anyone else', async () => {
    const filed = await file();
    await run('shouli', filed.caseNo, { action: 'accept', departmentId: 'rsj', assisting: [{ departmentId: 'zjj' }] });
    const token = await tok('zjj');
    const { result: res, sent } = await observe(() => stack.request('GET', '/api/console/cases?queue=assisting&limit=50', { token }));
    expect(res.status, show(res)).toBe(200);
    expect(caseNos(res)).toContain(filed.caseNo);
    const queries = sent.filter((s) => s.command === 'QueryCommand');
    expect(queries.filter((q) => q.input.IndexName).map((q) => [q.input.IndexName, q.input.ExpressionAttributeValues[':pk']])).toEqual([['gsi1', 'Q#part#zjj']]);
    expect(sent.filter((s) => s.command === 'GetCommand' || s.command === 'BatchGetCommand').filter((s) => JSON.stringify(s.input).includes(`CASE#${filed.caseNo}`))).toEqual([]);
    // The row is the lead's case: its department is the lead.
    const row = res.body.items.find((i: { caseNo: string }) => i.caseNo === filed.caseNo);
    expect(row).toMatchObject({ status: 'in_progress', departmentName: '人力资源和社会保障局' });

    expect(await assistingQueue('rsj')).not.toContain(filed.caseNo);
    expect(await assistingQueue('ybj')).not.toContain(filed.caseNo);
    // Intake and supervisors have no 协办 queue.
    expectApiError(await stack.request('GET', '/api/console/cases?queue=assisting', { token: await tok('shouli') }), 403, 'FORBIDDEN');
  });

  it('an assisting handler opens the case and sees only their own part; they may submit it but take none of the lead\'s actions; an unrelated handler gets not-found', async () => {
    const filed = await file();
    await run('shouli', filed.caseNo, { action: 'accept', departmentId: 'rsj', assisting: [{ departmentId: 'zjj' }, { departmentId: 'ybj' }] });
    const res = await detail('zjj', filed.caseNo);
    expect(res.status, show(res)).toBe(200);
    expect(res.body.assistingViewer).toBe(true);
    expect(res.body.allowedActions).toEqual(['submit_part']);
    expect(res.body.parts.map((p: { departmentId: string }) => p.departmentId)).toEqual(['zjj']);
    // The lead sees both parts and has its own actions, not submit_part.
    const lead = (await detail('rsj', filed.caseNo)).body;
    expect(lead.assistingViewer).toBe(false);
    expect(lead.parts).toHaveLength(2);
    expect(lead.allowedActions).toContain('reply');
    expect(lead.allowedActions).not.toContain('submit_part');

    const before = await version(filed.caseNo);
    for (const command of [{ action: 'reply', result: 'resolved', answer: '协办部门不能答复' }, { action: 'request_extension', days: 3, reason: '需要时间' }, { action: 'send_back', reasonCode: 'not_our_duty', reason: '不归我们管' }]) {
      expectApiError(await actAs('zjj', filed.caseNo, command), 403, 'NOT_YOUR_DEPARTMENT');
    }
    expectApiError(await actAs('zjj', filed.caseNo, { action: 'return_part', departmentId: 'ybj', reason: '不行' }), 403, 'FORBIDDEN');
    expectApiError(await actAs('rsj', filed.caseNo, { action: 'submit_part', text: '主办不能提交协办意见' }), 403, 'FORBIDDEN');
    expect(await version(filed.caseNo)).toBe(before);
    expectApiError(await detail('jyj', filed.caseNo), 404, 'CASE_NOT_FOUND');
    expectApiError(await actAs('jyj', filed.caseNo, { action: 'submit_part', text: '无关部门' }), 404, 'CASE_NOT_FOUND');
  });

  it('submit leaves the queue; the lead returns a part once (back on the queue), then not again', async () => {
    const filed = await file();
    await run('shouli', filed.caseNo, { action: 'accept', departmentId: 'rsj', assisting: [{ departmentId: 'zjj' }] });
    const submitted = await run('zjj', filed.caseNo, { action: 'submit_part', text: '经核查，该工地施工许可手续齐全，已约谈建设单位。' });
    expect(submitted.parts[0]).toMatchObject({ status: 'submitted', statusLabel: '已提交', text: '经核查，该工地施工许可手续齐全，已约谈建设单位。', submittedBy: 'zjj', onTime: true });
    expect(submitted.allowedActions).toEqual([]);
    expect(await assistingQueue('zjj')).not.toContain(filed.caseNo);
    expectApiError(await actAs('zjj', filed.caseNo, { action: 'submit_part', text: '再交一次' }), 409, 'INVALID_TRANSITION');

    const lead = (await detail('rsj', filed.caseNo)).body;
    expect(lead.allowedActions).toContain('return_part');
    const returned = await run('rsj', filed.caseNo, { action: 'return_part', departmentId: 'zjj', reason: '请补充约谈记录' });
    expect(returned.parts[0]).toMatchObject({ status: 'returned', statusLabel: '已退回', returnedOnce: true, returnReason: '请补充约谈记录' });
    expect(returned.allowedActions).not.toContain('return_part');
    expect(await assistingQueue('zjj')).toContain(filed.caseNo);

    await run('zjj', filed.caseNo, { action: 'submit_part', text: '已补充约谈记录，建设单位承诺月底前结清。' });
    expectApiError(await actAs('rsj', filed.caseNo, { action: 'return_part', departmentId: 'zjj', reason: '再退一次' }), 409, 'INVALID_TRANSITION');
    expectApiError(await actAs('rsj', filed.caseNo, { action: 'return_part', departmentId: 'ybj', reason: '不是协办部门' }), 400, 'VALIDATION_FAILED');

    const kinds = (await stack.deps.cases.listEvents(filed.caseNo)).filter((e) => e.kind.startsWith('part'));
    expect(kinds.map((e) => [e.kind, e.public])).toEqual([
      ['parts_assigned', false],
      ['part_submitted', false],
      ['part_returned', false],
      ['part_submitted', false],
    ]);
  });
});

describe('the 协办 messages in the inbox', () => {
  const messages = async (username: string, caseNo: string) => {
    await deliverNotifications(stack.deps);
    const res = await stack.request('GET', '/api/console/inbox', { token: await tok(username) });
    expect(res.status, show(res)).toBe(200);
    return (res.body.items as { caseNo: string; title: string; body: string }[]).filter((m) => m.caseNo === caseNo).map((m) => `${m.title}｜${m.body}`);
  };

  it('the assistant is told of its part and its due date; the lead, when a part comes in; the assistant, when it is returned — the citizen never', async () => {
    const filed = await file(complaintBody({ title: '工地夜间施工噪音扰民 13912345678' }));
    const due = addDays(await caseDueDay(filed.caseNo), -3);
    await run('shouli', filed.caseNo, { action: 'accept', departmentId: 'rsj', assisting: [{ departmentId: 'zjj', dueAt: due }] });
    const toAssistant = await messages('zjj', filed.caseNo);
    expect(toAssistant).toEqual([`新协办任务｜案件 ${filed.caseNo}「工地夜间施工噪音扰民 139****5678」由本部门协办，请于 ${due} 前提交协办意见`]);
    // The lead hears of the dispatch, not of a part of its own.
    expect(await messages('rsj', filed.caseNo)).toEqual([expect.stringMatching(/^新交办案件｜/)]);

    await run('zjj', filed.caseNo, { action: 'submit_part', text: '已现场核查，施工单位夜间违规施工属实。' });
    expect(await messages('rsj', filed.caseNo)).toContain(`协办意见已提交｜案件 ${filed.caseNo}「工地夜间施工噪音扰民 139****5678」：住房和城乡建设局已提交协办意见`);
    await run('rsj', filed.caseNo, { action: 'return_part', departmentId: 'zjj', reason: '请附处罚决定书编号' });
    expect(await messages('zjj', filed.caseNo)).toEqual([
      expect.stringMatching(/^协办意见被退回｜.*请补充后于 \d{4}-\d{2}-\d{2} 前重新提交$/),
      expect.stringMatching(/^新协办任务｜/),
    ]);
    // Another department hears nothing of it.
    expect(await messages('ybj', filed.caseNo)).toEqual([]);
    // No part ever reaches the citizen's timeline.
    const seen = await track(stack, await citizenToken(stack, filed.caseNo, filed.password));
    expect(JSON.stringify(seen)).not.toMatch(/协办/);
  });
});

describe('the lead gives the one answer', () => {
  it('the lead may answer while a part is pending: that part is closed as not needed; the citizen sees one answer and nothing of the parts', async () => {
    const filed = await file();
    await run('shouli', filed.caseNo, { action: 'accept', departmentId: 'rsj', assisting: [{ departmentId: 'zjj' }, { departmentId: 'ybj' }] });
    await run('zjj', filed.caseNo, { action: 'submit_part', text: '住建局内部意见：施工单位资质存疑。' });
    const replied = await run('rsj', filed.caseNo, { action: 'reply', result: 'resolved', answer: '经人社局会同住建局核查，工资已于本周结清。' });
    expect(replied.status).toBe('replied');
    const parts = Object.fromEntries(replied.parts.map((p: { departmentId: string }) => [p.departmentId, p]));
    expect(parts.zjj.status).toBe('submitted');
    expect(parts.ybj).toMatchObject({ status: 'closed', statusLabel: '无需提交' });
    expect(await assistingQueue('ybj')).not.toContain(filed.caseNo);
    expectApiError(await actAs('ybj', filed.caseNo, { action: 'submit_part', text: '来晚了' }), 409, 'INVALID_TRANSITION');

    const citizen = await track(stack, await citizenToken(stack, filed.caseNo, filed.password));
    expect(citizen.answer).toMatchObject({ text: '经人社局会同住建局核查，工资已于本周结清。', departmentName: '人力资源和社会保障局' });
    const seen = JSON.stringify(citizen);
    expect(seen).not.toContain('施工单位资质存疑');
    expect(seen).not.toMatch(/协办|住房和城乡建设局|医疗保障局/);
  });
});

describe('privacy', () => {
  it('a report: no assisting department sees the reporter, and neither the lead nor an assistant may reveal', async () => {
    const filed = await file(reportBody());
    await run('shouli', filed.caseNo, { action: 'accept', departmentId: 'scjgj', assisting: [{ departmentId: 'rsj' }] });
    const res = await detail('rsj', filed.caseNo);
    expect(res.status, show(res)).toBe(200);
    expect(res.body.reporterHidden).toBe(true);
    expect(res.body.contact).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toMatch(/李秀兰|13700001111|110101199003071234/);
    const events = (await stack.deps.cases.listEvents(filed.caseNo)).length;
    expectApiError(await detail('rsj', filed.caseNo, '?reveal=true'), 403, 'FORBIDDEN');
    expectApiError(await detail('scjgj', filed.caseNo, '?reveal=true'), 403, 'FORBIDDEN');
    expect((await stack.deps.cases.listEvents(filed.caseNo)).length).toBe(events);
  });

  it('a complaint: the lead\'s handler may reveal the phone to call back (audited); an assisting handler may not', async () => {
    const filed = await file();
    await run('shouli', filed.caseNo, { action: 'accept', departmentId: 'rsj', assisting: [{ departmentId: 'zjj' }] });
    expectApiError(await detail('zjj', filed.caseNo, '?reveal=true'), 403, 'FORBIDDEN');
    const res = await detail('rsj', filed.caseNo, '?reveal=true');
    expect(res.status, show(res)).toBe(200);
    expect(res.body.contact).toEqual({ name: '王建国', phone: '13800138000' });
    const revealed = (await stack.deps.cases.listEvents(filed.caseNo)).filter((e) => e.kind === 'contact_revealed');
    expect(revealed.map((e) => [e.actorId, e.public])).toEqual([['rsj', false]]);
  });
});

describe('statistics', () => {
  it('per assisting department: parts assigned, submitted (first time) and on time equal a recount of the parts', async () => {
    // One part submitted late: due in four days, submitted on the sixth.
    const late = await file();
    await run('shouli', late.caseNo, { action: 'accept', departmentId: 'rsj', assisting: [{ departmentId: 'jyj', dueAt: addDays(toShanghaiDate(T0), 4) }] });
    session.advance(6 * 24 * 60 * 60 * 1000);
    const body = await run('jyj', late.caseNo, { action: 'submit_part', text: '教育局意见（逾期）' });
    expect(body.parts[0].onTime).toBe(false);
    session.setNow(T0);
    await stack.settle();

    const recount = new Map<string, { partsAssigned: number; partsSubmitted: number; partsOnTime: number }>();
    for (const caseNo of filedCases) {
      for (const p of await stack.deps.cases.listParts(caseNo)) {
        const r = recount.get(p.departmentId) ?? { partsAssigned: 0, partsSubmitted: 0, partsOnTime: 0 };
        r.partsAssigned += 1;
        if (p.submittedAt) r.partsSubmitted += 1;
        if (p.submittedAt && p.onTime) r.partsOnTime += 1;
        recount.set(p.departmentId, r);
      }
    }
    expect(recount.get('zjj')!.partsSubmitted).toBeGreaterThanOrEqual(2);
    const stats = await stack.deps.stats.getStats('ALL');
    for (const [dept, r] of recount) {
      const got = stats[`DEPT#${dept}`] ?? {};
      expect({ partsAssigned: got.partsAssigned ?? 0, partsSubmitted: got.partsSubmitted ?? 0, partsOnTime: got.partsOnTime ?? 0 }, dept).toEqual(r);
    }
    expect(stats['DEPT#jyj']).toMatchObject({ partsAssigned: 1, partsSubmitted: 1 });
    expect(stats['DEPT#jyj']?.partsOnTime ?? 0).toBe(0);

    // The console's statistics page shows them in the department table.
    const page = await stack.request('GET', '/api/console/stats?period=ALL', { token: await tok('duban') });
    expect(page.status, show(page)).toBe(200);
    const row = page.body.byDepartment.find((r: { key: string }) => r.key === 'zjj');
    expect(row).toMatchObject({ name: '住房和城乡建设局', partsAssigned: recount.get('zjj')!.partsAssigned, partsSubmitted: recount.get('zjj')!.partsSubmitted });
  });
});
