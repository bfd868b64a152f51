/**
 * Privacy in the console. For a `report` the department may be the one reported: no response a
 * department handler can get — queues, detail, the answers to their actions, the audit trail,
 * errors — carries the reporter's name, phone (not even masked) or ID number. Intake sees masked
 * contact details by default; the unmasked view is theirs and supervisors' only, and every look is
 * itself an audit event. Handlers never see where requests came from (IP, user agent).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type ApiResponse, type TestStack } from '../../support/stack';
import { act, complaintBody, fileAs, reportBody, show } from '../../support/console';
import { deliverNotifications } from '../../../functions/src/services/notifications/notifier';
import { after, caseNos, citizenToken, DAY, expectApiError, HOUR, rate, Session, T0 } from './console-kit';

const NAME = '李秀兰';
const PHONE = '13700001111';
const ID_NUMBER = '110101199003071234';
/** Anything that would identify the reporter, in any form a response could carry it. */
const IDENTITY_FRAGMENTS = [NAME, '李*', PHONE, '137****1111', '****1111', ID_NUMBER, '19900307'];

let stack: TestStack;
let session: Session;
let report: { caseNo: string; password: string };
/** Every response the rsj handler got, in order, with what was asked. */
const handlerSaw: { what: string; res: ApiResponse }[] = [];

async function asHandler(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiResponse> {
  const res = await stack.request(method, path, { token: await session.token('rsj'), ...(body !== undefined ? { body } : {}) });
  handlerSaw.push({ what: `${method} ${path}${body ? ` ${JSON.stringify(body)}` : ''}`, res });
  return res;
}

const detailAs = async (username: string, caseNo: string, query = '') => {
  const res = await stack.request('GET', `/api/console/cases/${caseNo}${query}`, { token: await session.token(username) });
  expect(res.status, show(res)).toBe(200);
  return res.body;
};
const auditAs = async (username: string, caseNo: string) => {
  const res = await stack.request('GET', `/api/console/audit?caseNo=${caseNo}`, { token: await session.token(username) });
  expect(res.status, show(res)).toBe(200);
  return res.body.items as { kind: string; actorId: string; actorRole: string; client?: unknown }[];
};

beforeAll(async () => {
  stack = await createTestStack();
  session = await Session.start(stack, T0);
  await session.officials();
  report = await fileAs(stack, reportBody());
  const accepted = await act(stack, await session.token('shouli'), report.caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
  expect(accepted.status, show(accepted)).toBe(200);
});

describe('a report, as the department handler sees it', () => {
  it("no response the handler can get contains the reporter's name, phone (even masked) or ID number", async () => {
    const q = (queue: string) => asHandler('GET', `/api/console/cases?queue=${queue}`);

    // Day 0: queues, detail, audit, who-am-I.
    const dept = await q('department');
    expect(caseNos(dept)).toContain(report.caseNo);
    await q('due_soon');
    await q('overdue');
    await q('closed');
    const detail = await asHandler('GET', `/api/console/cases/${report.caseNo}`);
    expect(detail.status, show(detail)).toBe(200);
    expect(detail.body.reporterHidden).toBe(true);
    expect(detail.body).not.toHaveProperty('contact');
    expect(detail.body).not.toHaveProperty('anonymous');
    expect(detail.body.content).toContain('加急费');
    await asHandler('GET', `/api/console/audit?caseNo=${report.caseNo}`);
    await asHandler('GET', '/api/console/me');
    // The department's inbox, once the notifier has delivered the "new case" notice.
    await deliverNotifications(stack.deps);
    const inbox = await asHandler('GET', '/api/console/inbox');
    expect(inbox.status, show(inbox)).toBe(200);
    expect(inbox.body.items.map((i: { caseNo: string }) => i.caseNo)).toContain(report.caseNo);

    // Errors the handler can provoke on this case.
    expectApiError(await asHandler('GET', `/api/console/cases/${report.caseNo}?reveal=1`), 403, 'FORBIDDEN');
    expectApiError(await asHandler('POST', `/api/console/cases/${report.caseNo}/actions`, { action: 'reply', result: 'resolved', expectedVersion: 1, answer: '答复' }), 409, 'VERSION_CONFLICT');
    expectApiError(await asHandler('POST', `/api/console/cases/${report.caseNo}/actions`, { action: 'reply', result: 'resolved', expectedVersion: 2 }), 400, 'VALIDATION_FAILED');
    expectApiError(await asHandler('POST', `/api/console/cases/${report.caseNo}/actions`, { action: 'accept', expectedVersion: 2, departmentId: 'rsj' }), 403, 'FORBIDDEN');
    expectApiError(await asHandler('GET', `/api/console/cases?queue=escalated`), 403, 'FORBIDDEN');

    // Day 13: due within three days.
    session.setNow(after(T0, 13 * DAY));
    expect(caseNos(await q('due_soon'))).toContain(report.caseNo);
    // Day 16: overdue.
    session.setNow(after(T0, 16 * DAY));
    expect(caseNos(await q('overdue'))).toContain(report.caseNo);

    // The handler's actions, and what each answers.
    let version = detail.body.version as number;
    const asked = await asHandler('POST', `/api/console/cases/${report.caseNo}/actions`, { action: 'request_info', expectedVersion: version, question: '请说明收费的具体时间' });
    expect(asked.status, show(asked)).toBe(200);
    expect(asked.body.status).toBe('awaiting_citizen');

    const citizen = await citizenToken(stack, report.caseNo, report.password);
    const supplemented = await stack.request('POST', '/api/track/case/supplements', { token: citizen, body: { content: '收费时间是上周三上午十点左右。' } });
    expect(supplemented.status, show(supplemented)).toBe(201);

    version = (await asHandler('GET', `/api/console/cases/${report.caseNo}`)).body.version;
    const extension = await asHandler('POST', `/api/console/cases/${report.caseNo}/actions`, { action: 'request_extension', expectedVersion: version, days: 5, reason: '需调取窗口监控' });
    expect(extension.status, show(extension)).toBe(200);
    const approved = await act(stack, await session.token('duban'), report.caseNo, { action: 'approve_extension', expectedVersion: extension.body.version, note: '同意' });
    expect(approved.status, show(approved)).toBe(200);

    const replied = await asHandler('POST', `/api/console/cases/${report.caseNo}/actions`, { action: 'reply', result: 'resolved', expectedVersion: approved.body.version, answer: '经查属实，已责令退还费用并处理相关人员。' });
    expect(replied.status, show(replied)).toBe(200);
    expect(replied.body.status).toBe('replied');

    await deliverNotifications(stack.deps);
    await asHandler('GET', '/api/console/inbox');
    session.advance(HOUR);
    await rate(stack, report.caseNo, report.password, 'satisfied');
    expect(caseNos(await q('closed'))).toContain(report.caseNo);
    const closedDetail = await asHandler('GET', `/api/console/cases/${report.caseNo}`);
    expect(closedDetail.body.status).toBe('closed');
    expect(closedDetail.body.reporterHidden).toBe(true);
    const audit = await asHandler('GET', `/api/console/audit?caseNo=${report.caseNo}`);
    expect(audit.body.items.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['submitted', 'accepted', 'info_requested', 'supplemented', 'extension_requested', 'extension_approved', 'replied', 'rated']),
    );

    // The whole record of what the handler saw.
    expect(handlerSaw.length).toBeGreaterThanOrEqual(20);
    const leaks: string[] = [];
    for (const { what, res } of handlerSaw) {
      const text = JSON.stringify(res.body);
      for (const fragment of IDENTITY_FRAGMENTS) if (text.includes(fragment)) leaks.push(`${what} → ${res.status} contains ${JSON.stringify(fragment)}: ${text.slice(0, 300)}`);
      if (/"contact"\s*:/.test(text)) leaks.push(`${what} → has a contact field`);
      if (/"client"\s*:/.test(text)) leaks.push(`${what} → has a client (IP/user agent) field`);
    }
    expect(leaks).toEqual([]);
  });

  it('stays hidden after a transfer: the new department sees no reporter either', async () => {
    session.setNow(T0);
    const other = await fileAs(stack, reportBody({ title: '举报：住建局工作人员吃拿卡要' }));
    const accepted = await act(stack, await session.token('shouli'), other.caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
    const moved = await act(stack, await session.token('duban'), other.caseNo, { action: 'transfer', expectedVersion: accepted.body.version, departmentId: 'zjj', reason: '属住建局' });
    expect(moved.status, show(moved)).toBe(200);
    const seen = await stack.request('GET', `/api/console/cases/${other.caseNo}`, { token: await session.token('zjj') });
    expect(seen.status, show(seen)).toBe(200);
    expect(seen.body.reporterHidden).toBe(true);
    const text = JSON.stringify(seen.body);
    for (const fragment of [NAME, PHONE, '137****1111', ID_NUMBER]) expect(text).not.toContain(fragment);
    expect(text).not.toMatch(/"contact"|"client"/);
  });
});

describe('masking and the audited unmasked view', () => {
  it('intake sees masked contact and masked ID numbers by default, and looking is not audited', async () => {
    session.setNow(T0);
    const before = (await auditAs('shouli', report.caseNo)).length;
    const detail = await detailAs('shouli', report.caseNo);
    expect(detail.revealed).toBe(false);
    expect(detail.reporterHidden).toBe(false);
    expect(detail.contact).toEqual({ name: '李**', phone: '137****1111' });
    expect(detail.content).toContain('110101********1234');
    const text = JSON.stringify(detail);
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(NAME);
    expect((await auditAs('shouli', report.caseNo)).length).toBe(before);
  });

  it('intake with ?reveal=1 sees the real values, and an audit event contact_revealed by that intake officer appears', async () => {
    const before = await auditAs('shouli', report.caseNo);
    const detail = await detailAs('shouli', report.caseNo, '?reveal=1');
    expect(detail.revealed).toBe(true);
    expect(detail.contact).toEqual({ name: NAME, phone: PHONE });
    expect(detail.content).toContain(ID_NUMBER);

    const audit = await auditAs('shouli', report.caseNo);
    expect(audit.length).toBe(before.length + 1);
    const look = audit.at(-1)!;
    expect(look).toMatchObject({ kind: 'contact_revealed', actorId: 'shouli', actorRole: 'intake' });
    expect(look.client).toMatchObject({ ip: expect.any(String) });
  });

  it('a supervisor may reveal too (audited under their name); the handler is refused and nothing is recorded', async () => {
    const before = await auditAs('duban', report.caseNo);
    const detail = await detailAs('duban', report.caseNo, '?reveal=1');
    expect(detail.contact).toEqual({ name: NAME, phone: PHONE });
    const audit = await auditAs('duban', report.caseNo);
    expect(audit.length).toBe(before.length + 1);
    expect(audit.at(-1)).toMatchObject({ kind: 'contact_revealed', actorId: 'duban', actorRole: 'supervisor' });

    expectApiError(await stack.request('GET', `/api/console/cases/${report.caseNo}?reveal=1`, { token: await session.token('rsj') }), 403, 'FORBIDDEN');
    expectApiError(await stack.request('GET', `/api/console/cases/${report.caseNo}?reveal=true`, { token: await session.token('rsj') }), 403, 'FORBIDDEN');
    expect((await auditAs('duban', report.caseNo)).length).toBe(audit.length);
  });

  it('the lead department\'s handler may reveal a complainant, consultant or suggester to call them back (12345 practice), audited; never a reporter', async () => {
    for (const type of ['complaint', 'consultation', 'suggestion'] as const) {
      const filed = await fileAs(stack, complaintBody(type === 'complaint' ? {} : { type, categoryId: 'qita', title: '社保问题', content: '想了解社保缴费。' }));
      const accepted = await act(stack, await session.token('shouli'), filed.caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
      expect(accepted.status, show(accepted)).toBe(200);
      const masked = await detailAs('rsj', filed.caseNo);
      expect(masked.contact).toEqual({ name: '王**', phone: '138****8000' });
      const before = (await auditAs('shouli', filed.caseNo)).length;
      const detail = await detailAs('rsj', filed.caseNo, '?reveal=1');
      expect(detail.revealed, type).toBe(true);
      expect(detail.contact).toEqual({ name: '王建国', phone: '13800138000' });
      const audit = await auditAs('shouli', filed.caseNo);
      expect(audit.length).toBe(before + 1);
      expect(audit.at(-1)).toMatchObject({ kind: 'contact_revealed', actorId: 'rsj', actorRole: 'handler', public: false });
      // Another department's handler cannot even see the case.
      expectApiError(await stack.request('GET', `/api/console/cases/${filed.caseNo}?reveal=1`, { token: await session.token('zjj') }), 404, 'CASE_NOT_FOUND');
    }
    // The report (accepted to 人社局 above): refused, nothing recorded.
    const before = (await auditAs('shouli', report.caseNo)).length;
    expectApiError(await stack.request('GET', `/api/console/cases/${report.caseNo}?reveal=1`, { token: await session.token('rsj') }), 403, 'FORBIDDEN');
    expect((await auditAs('shouli', report.caseNo)).length).toBe(before);
  });

  it("the handler's audit entries carry no client (IP/user agent); intake's carry it", async () => {
    const forHandler = await auditAs('rsj', report.caseNo);
    expect(forHandler.length).toBeGreaterThan(5);
    for (const e of forHandler) expect(e).not.toHaveProperty('client');
    const forIntake = await auditAs('shouli', report.caseNo);
    const accepted = forIntake.find((e) => e.kind === 'accepted');
    expect(accepted?.client).toMatchObject({ ip: expect.any(String), userAgent: 'vitest' });
  });

  it('lists and default views mask phone and ID numbers found in titles; for a complaint the handler sees masked contact only', async () => {
    const filed = await fileAs(
      stack,
      complaintBody({ title: `欠薪 请回电13912345678 身份证${ID_NUMBER}`, contact: { name: '王建国', phone: '13800138000' } }),
    );
    const intakeQueue = await stack.request('GET', '/api/console/cases?queue=intake&limit=100', { token: await session.token('shouli') });
    expect(intakeQueue.status, show(intakeQueue)).toBe(200);
    const item = intakeQueue.body.items.find((i: { caseNo: string }) => i.caseNo === filed.caseNo);
    expect(item.title).toBe('欠薪 请回电139****5678 身份证110101********1234');
    expect(JSON.stringify(intakeQueue.body)).not.toMatch(/13912345678|110101199003071234/);

    const accepted = await act(stack, await session.token('shouli'), filed.caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
    expect(accepted.body.title).toBe('欠薪 请回电139****5678 身份证110101********1234');
    for (const token of [await session.token('rsj'), await session.token('duban')]) {
      const list = await stack.request('GET', '/api/console/cases?queue=department&departmentId=rsj&limit=100', { token });
      const row = list.body.items.find((i: { caseNo: string }) => i.caseNo === filed.caseNo);
      expect(row.title).toBe('欠薪 请回电139****5678 身份证110101********1234');
      expect(JSON.stringify(list.body)).not.toMatch(/13912345678|110101199003071234|13800138000/);
    }
    const handlerView = await detailAs('rsj', filed.caseNo);
    expect(handlerView.reporterHidden).toBe(false);
    expect(handlerView.contact).toEqual({ name: '王**', phone: '138****8000' });
    expect(handlerView.content).toContain('139****5678');
    expect(JSON.stringify(handlerView)).not.toMatch(/13912345678|110101199003071234|13800138000|王建国/);

    const revealed = await detailAs('shouli', filed.caseNo, '?reveal=1');
    expect(revealed.title).toBe(`欠薪 请回电13912345678 身份证${ID_NUMBER}`);
    expect(revealed.contact).toEqual({ name: '王建国', phone: '13800138000' });
  });

  it("phone numbers quoted in officials' and citizens' later texts (question, reply, rating comment) are masked too, unless revealed", async () => {
    session.setNow(T0);
    const filed = await fileAs(stack, complaintBody());
    const shouli = await session.token('shouli');
    const rsj = await session.token('rsj');
    let res = await act(stack, shouli, filed.caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
    expect(res.status, show(res)).toBe(200);
    res = await act(stack, rsj, filed.caseNo, { action: 'request_info', expectedVersion: res.body.version, question: '请提供工地负责人电话，或拨打13612340000联系我们' });
    expect(res.status, show(res)).toBe(200);
    expect(res.body.pendingQuestion).toContain('136****0000');
    const citizen = await citizenToken(stack, filed.caseNo, filed.password);
    const supplemented = await stack.request('POST', '/api/track/case/supplements', { token: citizen, body: { content: '负责人电话13798765432' } });
    expect(supplemented.status, show(supplemented)).toBe(201);
    const current = await detailAs('rsj', filed.caseNo);
    res = await act(stack, rsj, filed.caseNo, { action: 'reply', result: 'resolved', expectedVersion: current.version, answer: '已联系施工方（经理电话13511112222），工资本周发放。' });
    expect(res.status, show(res)).toBe(200);
    const rated = await stack.request('POST', '/api/track/case/rating', { token: citizen, body: { rating: 'unsatisfied', comment: '还没收到，请再打我电话13900001234' } });
    expect(rated.status, show(rated)).toBe(201);

    for (const who of ['rsj', 'shouli', 'duban']) {
      const view = await detailAs(who, filed.caseNo);
      expect(view.answer.text).toContain('135****2222');
      expect(view.ratings.at(-1).comment).toContain('139****1234');
      expect(view.supplements.at(-1).content).toContain('137****5432');
      expect(JSON.stringify(view)).not.toMatch(/13612340000|13798765432|13511112222|13900001234/);
    }
    const revealed = await detailAs('shouli', filed.caseNo, '?reveal=1');
    expect(revealed.answer.text).toContain('13511112222');
    expect(revealed.ratings.at(-1).comment).toContain('13900001234');
  });

  it("the handler's inbox masks phone and ID numbers in case titles, as every list does", async () => {
    session.setNow(T0);
    const filed = await fileAs(stack, complaintBody({ title: `欠薪 请回电13912345678 身份证${ID_NUMBER}` }));
    const accepted = await act(stack, await session.token('shouli'), filed.caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
    expect(accepted.status, show(accepted)).toBe(200);
    await deliverNotifications(stack.deps);
    const inbox = await stack.request('GET', '/api/console/inbox', { token: await session.token('rsj') });
    expect(inbox.status, show(inbox)).toBe(200);
    const notice = inbox.body.items.find((i: { caseNo: string }) => i.caseNo === filed.caseNo);
    expect(notice, show(inbox)).toBeDefined();
    // The same title the handler's queue shows: 欠薪 请回电139****5678 身份证110101********1234
    expect(JSON.stringify(notice)).toContain('139****5678');
    expect(JSON.stringify(notice)).not.toContain('13912345678');
    expect(JSON.stringify(notice)).not.toContain(ID_NUMBER);
  });
});
