/**
 * Bad input to the console: every refusal is a clear 4xx `{ error: { code, message } }` with a
 * Chinese message, and nothing changed — the case keeps its version and its audit trail its
 * length after every refused request.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type ApiResponse, type TestStack } from '../../support/stack';
import { act, complaintBody, fileAs, reportBody, show } from '../../support/console';
import { expectApiError, Session, snapshot, T0 } from './console-kit';

let stack: TestStack;
let session: Session;
/** Submitted, never touched. */
let submitted: string;
/** Accepted to 人社局 (rsj), in progress. */
let inProgress: string;
let inProgressVersion: number;
/** Accepted to rsj, then the handler asked the citizen a question. */
let awaiting: string;
let awaitingVersion: number;

const tok = (u: string) => session.token(u);

beforeAll(async () => {
  stack = await createTestStack();
  session = await Session.start(stack, T0);
  await session.officials();
  const [a, b, c] = await Promise.all([fileAs(stack, complaintBody()), fileAs(stack, complaintBody()), fileAs(stack, complaintBody())]);
  submitted = a.caseNo;
  inProgress = b.caseNo;
  awaiting = c.caseNo;
  const accepted = await act(stack, await tok('shouli'), inProgress, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
  inProgressVersion = accepted.body.version;
  const accepted2 = await act(stack, await tok('shouli'), awaiting, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
  const asked = await act(stack, await tok('rsj'), awaiting, { action: 'request_info', expectedVersion: accepted2.body.version, question: '请提供合同' });
  expect(asked.status, show(asked)).toBe(200);
  awaitingVersion = asked.body.version;
});

/** Send a refused request and check that the cases it could touch did not change. */
async function refused(request: () => Promise<ApiResponse>, status: number, code: string, field?: string): Promise<ApiResponse> {
  const cases = [submitted, inProgress, awaiting];
  const before = await Promise.all(cases.map((c) => snapshot(stack, c)));
  const res = await request();
  expectApiError(res, status, code);
  if (field) {
    expect(res.body.error.fields, show(res)).toHaveProperty([field]);
    expect(res.body.error.fields[field], show(res)).toMatch(/[\u4e00-\u9fa5]/);
  }
  expect(await Promise.all(cases.map((c) => snapshot(stack, c))), 'a refused request changed a case').toEqual(before);
  return res;
}

const actOn = (username: string, caseNo: string, body: unknown) => async () => stack.request('POST', `/api/console/cases/${caseNo}/actions`, { token: await tok(username), body });
const rawOn = (username: string, caseNo: string, rawBody: string | undefined, contentType = 'application/json') => async () =>
  stack.request('POST', `/api/console/cases/${caseNo}/actions`, { token: await tok(username), ...(rawBody !== undefined ? { rawBody } : {}), headers: { 'Content-Type': contentType } });
const getAs = (username: string, path: string) => async () => stack.request('GET', path, { token: await tok(username) });

describe('case actions: malformed bodies → 400, nothing changed', () => {
  it('an unknown action', async () => {
    await refused(actOn('shouli', submitted, { action: 'approve', expectedVersion: 1 }), 400, 'VALIDATION_FAILED', 'action');
    await refused(actOn('shouli', submitted, { action: 'supplement', expectedVersion: 1, content: '官员不能代群众补充' }), 400, 'VALIDATION_FAILED', 'action');
    await refused(actOn('shouli', submitted, { action: 'rate', expectedVersion: 1, rating: 'satisfied' }), 400, 'VALIDATION_FAILED', 'action');
    await refused(actOn('shouli', submitted, { expectedVersion: 1, departmentId: 'rsj' }), 400, 'VALIDATION_FAILED', 'action');
  });

  const withoutReason: [string, string, () => string, () => number, Record<string, unknown>][] = [
    ['reject', 'shouli', () => submitted, () => 1, {}],
    ['transfer', 'shouli', () => inProgress, () => inProgressVersion, { departmentId: 'zjj' }],
    // 退单 for "其他" needs its reason written out (the other codes speak for themselves).
    ['send_back', 'rsj', () => inProgress, () => inProgressVersion, { reasonCode: 'other' }],
    ['dispute', 'rsj', () => inProgress, () => inProgressVersion, {}],
    ['escalate_up', 'shouli', () => submitted, () => 1, {}],
    ['deny_extension', 'duban', () => inProgress, () => inProgressVersion, {}],
  ];
  it.each(withoutReason)('%s without a reason (missing, empty, blank)', async (action, who, caseNo, version, extra) => {
    await refused(actOn(who, caseNo(), { action, expectedVersion: version(), ...extra }), 400, 'VALIDATION_FAILED', 'reason');
    await refused(actOn(who, caseNo(), { action, expectedVersion: version(), ...extra, reason: '' }), 400, 'VALIDATION_FAILED', 'reason');
    await refused(actOn(who, caseNo(), { action, expectedVersion: version(), ...extra, reason: '   ' }), 400, 'VALIDATION_FAILED', 'reason');
  });

  it('wrong types', async () => {
    await refused(actOn('shouli', submitted, { action: 'accept', expectedVersion: '1', departmentId: 'rsj' }), 400, 'VALIDATION_FAILED', 'expectedVersion');
    await refused(actOn('shouli', submitted, { action: 'accept', expectedVersion: 1.5, departmentId: 'rsj' }), 400, 'VALIDATION_FAILED', 'expectedVersion');
    await refused(actOn('shouli', submitted, { action: 'accept', expectedVersion: 0, departmentId: 'rsj' }), 400, 'VALIDATION_FAILED', 'expectedVersion');
    await refused(actOn('shouli', submitted, { action: 'accept', expectedVersion: 1, departmentId: 42 }), 400, 'VALIDATION_FAILED', 'departmentId');
    await refused(actOn('shouli', submitted, { action: 'reject', expectedVersion: 1, reason: ['不予受理'] }), 400, 'VALIDATION_FAILED', 'reason');
    await refused(actOn('rsj', inProgress, { action: 'request_extension', expectedVersion: inProgressVersion, days: '5', reason: '需核查' }), 400, 'VALIDATION_FAILED', 'days');
    await refused(actOn('rsj', inProgress, { action: 'request_extension', expectedVersion: inProgressVersion, days: 31, reason: '需核查' }), 400, 'VALIDATION_FAILED', 'days');
    await refused(actOn('rsj', inProgress, { action: 'request_extension', expectedVersion: inProgressVersion, days: 0, reason: '需核查' }), 400, 'VALIDATION_FAILED', 'days');
    await refused(actOn('rsj', inProgress, { action: 'reply', result: 'resolved', expectedVersion: inProgressVersion, answer: { text: '答复' } }), 400, 'VALIDATION_FAILED', 'answer');
    await refused(actOn('shouli', inProgress, { action: 'merge', expectedVersion: inProgressVersion, intoCaseNo: 'ABC' }), 400, 'VALIDATION_FAILED', 'intoCaseNo');
  });

  it('fields an action does not take, and bodies that are not an action', async () => {
    await refused(actOn('shouli', submitted, { action: 'accept', expectedVersion: 1, departmentId: 'rsj', status: 'closed' }), 400, 'VALIDATION_FAILED', 'status');
    await refused(actOn('shouli', submitted, [{ action: 'accept', expectedVersion: 1, departmentId: 'rsj' }]), 400, 'VALIDATION_FAILED');
    await refused(rawOn('shouli', submitted, '{"action":"accept",'), 400, 'INVALID_JSON');
    await refused(rawOn('shouli', submitted, ''), 400, 'VALIDATION_FAILED');
    await refused(rawOn('shouli', submitted, 'action=accept', 'application/x-www-form-urlencoded'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('a reply without its 答复结果, with an unknown one, or with a bad amount recovered: 400 naming the field, nothing changed', async () => {
    const reply = (extra: Record<string, unknown>) => actOn('rsj', inProgress, { action: 'reply', expectedVersion: inProgressVersion, answer: '已责令用人单位支付工资。', ...extra });
    const missing = await refused(reply({}), 400, 'VALIDATION_FAILED', 'result');
    expect(missing.body.error.fields.result).toBe('请选择答复结果：解决、部分解决、未解决或解释说明');
    for (const result of ['solved', '', 'RESOLVED', 1, null]) await refused(reply({ result }), 400, 'VALIDATION_FAILED', 'result');
    for (const amountRecovered of [-0.01, 12.345, '100', 1e10 + 1, null]) {
      const res = await refused(reply({ result: 'resolved', amountRecovered }), 400, 'VALIDATION_FAILED', 'amountRecovered');
      if (typeof amountRecovered === 'number') expect(res.body.error.fields.amountRecovered).toContain('两位小数');
    }
    // Nothing was counted either: no reply event reached the statistics.
    await stack.settle();
    const stats = await stack.request('GET', '/api/console/stats', { token: await tok('duban') });
    expect(stats.body.totals).not.toHaveProperty('resolved');
    expect(stats.body.totals).not.toHaveProperty('answered');
  });

  it('expectedVersion missing', async () => {
    await refused(actOn('shouli', submitted, { action: 'accept', departmentId: 'rsj' }), 400, 'VALIDATION_FAILED', 'expectedVersion');
    await refused(actOn('rsj', inProgress, { action: 'reply', result: 'resolved', answer: '已处理' }), 400, 'VALIDATION_FAILED', 'expectedVersion');
  });
});

describe('case actions: well-formed but wrong → clear 4xx, nothing changed', () => {
  it('accept to a department that does not exist → 400 UNKNOWN_DEPARTMENT', async () => {
    await refused(actOn('shouli', submitted, { action: 'accept', expectedVersion: 1, departmentId: 'no-such-dept' }), 400, 'UNKNOWN_DEPARTMENT', 'departmentId');
    await refused(actOn('duban', inProgress, { action: 'transfer', expectedVersion: inProgressVersion, departmentId: 'no-such-dept', reason: '转办' }), 400, 'UNKNOWN_DEPARTMENT', 'departmentId');
  });

  it('accept or transfer to a department an admin has deactivated → 400 UNKNOWN_DEPARTMENT', async () => {
    const put = await stack.request('POST', '/api/console/admin/departments', { token: await tok('admin'), body: { id: 'old-dept', name: '已撤销的部门', active: false } });
    expect(put.status, show(put)).toBe(200);
    await refused(actOn('shouli', submitted, { action: 'accept', expectedVersion: 1, departmentId: 'old-dept' }), 400, 'UNKNOWN_DEPARTMENT', 'departmentId');
    await refused(actOn('duban', inProgress, { action: 'transfer', expectedVersion: inProgressVersion, departmentId: 'old-dept', reason: '转办' }), 400, 'UNKNOWN_DEPARTMENT', 'departmentId');
  });

  it('transfer to the department that already has it → 400', async () => {
    await refused(actOn('duban', inProgress, { action: 'transfer', expectedVersion: inProgressVersion, departmentId: 'rsj', reason: '转办' }), 400, 'VALIDATION_FAILED', 'departmentId');
  });

  it("a foreign case: the 住建局 handler acting on a 人社局 case → 404, as if it did not exist", async () => {
    const res = await refused(actOn('zjj', inProgress, { action: 'reply', result: 'resolved', expectedVersion: inProgressVersion, answer: '越权答复' }), 404, 'CASE_NOT_FOUND');
    expect(JSON.stringify(res.body)).not.toContain(inProgress);
    await refused(actOn('zjj', inProgress, { action: 'send_back', expectedVersion: inProgressVersion, reasonCode: 'not_our_duty', reason: '不是我们的' }), 404, 'CASE_NOT_FOUND');
    await refused(getAs('zjj', `/api/console/cases/${inProgress}`), 404, 'CASE_NOT_FOUND');
    await refused(getAs('zjj', `/api/console/audit?caseNo=${inProgress}`), 404, 'CASE_NOT_FOUND');
  });

  it('a case that does not exist → 404 for every role that may act', async () => {
    const ghost = '20300401999999';
    await refused(actOn('shouli', ghost, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' }), 404, 'CASE_NOT_FOUND');
    await refused(actOn('rsj', ghost, { action: 'reply', result: 'resolved', expectedVersion: 1, answer: '答复' }), 404, 'CASE_NOT_FOUND');
    await refused(actOn('duban', ghost, { action: 'urge', expectedVersion: 1, note: '督办' }), 404, 'CASE_NOT_FOUND');
    await refused(actOn('shouli', 'not-a-case-number', { action: 'accept', expectedVersion: 1, departmentId: 'rsj' }), 404, 'CASE_NOT_FOUND');
    await refused(getAs('shouli', `/api/console/cases/${ghost}`), 404, 'CASE_NOT_FOUND');
    await refused(getAs('duban', `/api/console/audit?caseNo=${ghost}`), 404, 'CASE_NOT_FOUND');
  });

  it('merge into a case that does not exist, into itself, or into a rejected case → 400', async () => {
    await refused(actOn('shouli', submitted, { action: 'merge', expectedVersion: 1, intoCaseNo: '20300401999999' }), 400, 'VALIDATION_FAILED', 'intoCaseNo');
    await refused(actOn('shouli', submitted, { action: 'merge', expectedVersion: 1, intoCaseNo: submitted }), 400, 'VALIDATION_FAILED', 'intoCaseNo');
    const rejected = await fileAs(stack, complaintBody());
    const r = await act(stack, await tok('shouli'), rejected.caseNo, { action: 'reject', expectedVersion: 1, reason: '重复' });
    expect(r.status, show(r)).toBe(200);
    await refused(actOn('shouli', submitted, { action: 'merge', expectedVersion: 1, intoCaseNo: rejected.caseNo }), 400, 'VALIDATION_FAILED', 'intoCaseNo');
  });

  it('a stale expectedVersion → 409 VERSION_CONFLICT', async () => {
    await refused(actOn('rsj', inProgress, { action: 'reply', result: 'resolved', expectedVersion: inProgressVersion - 1, answer: '按旧版本答复' }), 409, 'VERSION_CONFLICT');
    await refused(actOn('rsj', inProgress, { action: 'reply', result: 'resolved', expectedVersion: inProgressVersion + 1, answer: '按未来版本答复' }), 409, 'VERSION_CONFLICT');
  });

  it('a transition the state machine does not allow → 409 INVALID_TRANSITION', async () => {
    // A handler may reply only while the case is in progress, not while awaiting the citizen.
    await refused(actOn('rsj', awaiting, { action: 'reply', result: 'resolved', expectedVersion: awaitingVersion, answer: '答复' }), 409, 'INVALID_TRANSITION');
    await refused(actOn('rsj', awaiting, { action: 'request_info', expectedVersion: awaitingVersion, question: '再补充' }), 409, 'INVALID_TRANSITION');
    // Accepting, rejecting or closing a case that is already in progress.
    await refused(actOn('shouli', inProgress, { action: 'accept', expectedVersion: inProgressVersion, departmentId: 'zjj' }), 409, 'INVALID_TRANSITION');
    await refused(actOn('shouli', inProgress, { action: 'reject', expectedVersion: inProgressVersion, reason: '不予受理' }), 409, 'INVALID_TRANSITION');
    await refused(actOn('duban', inProgress, { action: 'close', expectedVersion: inProgressVersion }), 409, 'INVALID_TRANSITION');
    // Deciding an extension nobody asked for.
    await refused(actOn('duban', inProgress, { action: 'approve_extension', expectedVersion: inProgressVersion }), 409, 'INVALID_TRANSITION');
    await refused(actOn('duban', inProgress, { action: 'deny_extension', expectedVersion: inProgressVersion, reason: '不同意' }), 409, 'INVALID_TRANSITION');
    // A supervisor urging a case that is not open.
    const r = await fileAs(stack, complaintBody());
    expect((await act(stack, await tok('shouli'), r.caseNo, { action: 'reject', expectedVersion: 1, reason: '重复' })).status).toBe(200);
    const before = await snapshot(stack, r.caseNo);
    expectApiError(await actOn('duban', r.caseNo, { action: 'urge', expectedVersion: 2, note: '督办' })(), 409, 'INVALID_TRANSITION');
    expect(await snapshot(stack, r.caseNo)).toEqual(before);
  });

  it('reply on a submitted case: a handler cannot see it (404); intake may not reply (403)', async () => {
    await refused(actOn('rsj', submitted, { action: 'reply', result: 'resolved', expectedVersion: 1, answer: '答复' }), 404, 'CASE_NOT_FOUND');
    await refused(actOn('shouli', submitted, { action: 'reply', result: 'resolved', expectedVersion: 1, answer: '答复' }), 403, 'FORBIDDEN');
  });

  it('a second extension request while one is pending → 409 EXTENSION_NOT_ALLOWED', async () => {
    const c = await fileAs(stack, complaintBody());
    const a = await act(stack, await tok('shouli'), c.caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
    const first = await act(stack, await tok('rsj'), c.caseNo, { action: 'request_extension', expectedVersion: a.body.version, days: 5, reason: '需核查' });
    expect(first.status, show(first)).toBe(200);
    const before = await snapshot(stack, c.caseNo);
    expectApiError(await actOn('rsj', c.caseNo, { action: 'request_extension', expectedVersion: first.body.version, days: 3, reason: '再延' })(), 409, 'EXTENSION_NOT_ALLOWED');
    expect(await snapshot(stack, c.caseNo)).toEqual(before);
  });
});

describe('queues and reads: bad query strings → 400', () => {
  it('a queue name that does not exist, or none', async () => {
    await refused(getAs('shouli', '/api/console/cases?queue=urgent'), 400, 'VALIDATION_FAILED', 'queue');
    await refused(getAs('shouli', '/api/console/cases'), 400, 'VALIDATION_FAILED', 'queue');
    await refused(getAs('shouli', '/api/console/cases?queue=intake&colour=red'), 400, 'VALIDATION_FAILED', 'colour');
  });

  it('a cursor that is garbage, or that belongs to another list', async () => {
    await refused(getAs('shouli', '/api/console/cases?queue=intake&cursor=not-a-cursor!!'), 400, 'VALIDATION_FAILED', 'cursor');
    await refused(getAs('shouli', `/api/console/cases?queue=intake&cursor=${Buffer.from('[1,2]').toString('base64url')}`), 400, 'VALIDATION_FAILED', 'cursor');
    // A well-formed cursor for the 住建局 queue, handed to the intake queue.
    const foreign = Buffer.from(JSON.stringify({ pk: `CASE#${inProgress}`, sk: 'CASE', gsi1pk: 'Q#dept#zjj', gsi1sk: 'x' })).toString('base64url');
    await refused(getAs('shouli', `/api/console/cases?queue=intake&cursor=${foreign}`), 400, 'VALIDATION_FAILED', 'cursor');
    // A handler cannot page into another department's queue with a forged cursor.
    const intoRsj = Buffer.from(JSON.stringify({ pk: 'CASE#0', sk: 'CASE', gsi1pk: 'Q#dept#rsj', gsi1sk: '0' })).toString('base64url');
    await refused(getAs('zjj', `/api/console/cases?queue=department&cursor=${intoRsj}`), 400, 'VALIDATION_FAILED', 'cursor');
  });

  it('a page size out of range, an unknown department, a bad type', async () => {
    await refused(getAs('shouli', '/api/console/cases?queue=intake&limit=0'), 400, 'VALIDATION_FAILED', 'limit');
    await refused(getAs('shouli', '/api/console/cases?queue=intake&limit=101'), 400, 'VALIDATION_FAILED', 'limit');
    await refused(getAs('shouli', '/api/console/cases?queue=intake&limit=ten'), 400, 'VALIDATION_FAILED', 'limit');
    await refused(getAs('shouli', '/api/console/cases?queue=department'), 400, 'VALIDATION_FAILED', 'departmentId');
    await refused(getAs('shouli', '/api/console/cases?queue=department&departmentId=no-such-dept'), 400, 'UNKNOWN_DEPARTMENT', 'departmentId');
    await refused(getAs('shouli', '/api/console/cases?queue=intake&type=petition'), 400, 'VALIDATION_FAILED', 'type');
  });

  it('detail, audit and stats with malformed parameters', async () => {
    await refused(getAs('shouli', `/api/console/cases/${inProgress}?reveal=yes`), 400, 'VALIDATION_FAILED', 'reveal');
    await refused(getAs('shouli', '/api/console/audit'), 400, 'VALIDATION_FAILED', 'caseNo');
    await refused(getAs('shouli', '/api/console/audit?caseNo=123'), 400, 'VALIDATION_FAILED', 'caseNo');
    await refused(getAs('duban', '/api/console/stats?period=2030-13'), 400, 'VALIDATION_FAILED', 'period');
    await refused(getAs('duban', '/api/console/stats?months=0'), 400, 'VALIDATION_FAILED', 'months');
  });

  it('a revealing look that is refused leaves no audit event', async () => {
    // The lead's handler may call a complainant back, never a reporter (举报).
    const report = await fileAs(stack, reportBody());
    const accepted = await act(stack, await tok('shouli'), report.caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
    expect(accepted.status, show(accepted)).toBe(200);
    const before = await snapshot(stack, report.caseNo);
    await refused(getAs('rsj', `/api/console/cases/${report.caseNo}?reveal=1`), 403, 'FORBIDDEN');
    expect(await snapshot(stack, report.caseNo)).toEqual(before);
  });
});

describe('admin: bad input → 4xx, no account created', () => {
  const create = (body: Record<string, unknown>) => async () => stack.request('POST', '/api/console/admin/officials', { token: await tok('admin'), body });
  const listed = async () => ((await stack.request('GET', '/api/console/admin/officials', { token: await tok('admin') })).body.items as { username: string }[]).map((o) => o.username);

  it('a handler without a department, or another role with one → 400', async () => {
    await refused(create({ username: 'no-dept', displayName: '无部门', role: 'handler', password: 'long-enough-1' }), 400, 'VALIDATION_FAILED', 'departmentId');
    await refused(create({ username: 'intake-dept', displayName: '受理员', role: 'intake', departmentId: 'rsj', password: 'long-enough-1' }), 400, 'VALIDATION_FAILED', 'departmentId');
    await refused(create({ username: 'ghost-dept', displayName: '某部门', role: 'handler', departmentId: 'no-such-dept', password: 'long-enough-1' }), 400, 'UNKNOWN_DEPARTMENT', 'departmentId');
    const names = await listed();
    for (const u of ['no-dept', 'intake-dept', 'ghost-dept']) expect(names).not.toContain(u);
  });

  it('malformed accounts → 400 naming the field', async () => {
    await refused(create({ username: 'Bad Name', displayName: '某人', role: 'intake', password: 'long-enough-1' }), 400, 'VALIDATION_FAILED', 'username');
    await refused(create({ username: 'short-pw', displayName: '某人', role: 'intake', password: 'short' }), 400, 'VALIDATION_FAILED', 'password');
    await refused(create({ username: 'bad-role', displayName: '某人', role: 'mayor', password: 'long-enough-1' }), 400, 'VALIDATION_FAILED', 'role');
    await refused(create({ username: 'no-name', role: 'intake', password: 'long-enough-1' }), 400, 'VALIDATION_FAILED', 'displayName');
  });

  it('a username that is taken → 409 ALREADY_EXISTS, and the existing account keeps its password', async () => {
    await refused(create({ username: 'shouli', displayName: '冒名者', role: 'admin', password: 'impostor-pass-1' }), 409, 'ALREADY_EXISTS', 'username');
    const login = await stack.request('POST', '/api/console/login', { body: { username: 'shouli', password: 'impostor-pass-1' }, ip: '198.51.100.77' });
    expectApiError(login, 401, 'INVALID_CREDENTIALS');
    const me = await stack.request('GET', '/api/console/me', { token: await tok('shouli') });
    expect(me.body.official).toMatchObject({ role: 'intake', displayName: '张敏（市受理员）' });
  });

  it('departments and categories with bad ids or unknown departments → 400', async () => {
    const admin = await tok('admin');
    await refused(async () => stack.request('POST', '/api/console/admin/departments', { token: admin, body: { id: 'Bad Id', name: '部门' } }), 400, 'VALIDATION_FAILED', 'id');
    await refused(async () => stack.request('POST', '/api/console/admin/categories', { token: admin, body: { id: 'new-cat', name: '类别', types: [] } }), 400, 'VALIDATION_FAILED', 'types');
    await refused(
      async () => stack.request('POST', '/api/console/admin/categories', { token: admin, body: { id: 'new-cat', name: '类别', types: ['complaint'], defaultDepartmentId: 'no-such-dept' } }),
      400,
      'UNKNOWN_DEPARTMENT',
      'defaultDepartmentId',
    );
    const cats = await stack.request('GET', '/api/console/admin/categories', { token: admin });
    expect(cats.body.items.map((c: { id: string }) => c.id)).not.toContain('new-cat');
  });

  it('login with bad input → 4xx', async () => {
    expectApiError(await stack.request('POST', '/api/console/login', { body: { username: 'shouli' }, ip: '198.51.100.78' }), 400, 'VALIDATION_FAILED');
    expectApiError(await stack.request('POST', '/api/console/login', { body: { username: 'nobody', password: 'whatever-1' }, ip: '198.51.100.79' }), 401, 'INVALID_CREDENTIALS');
  });
});
