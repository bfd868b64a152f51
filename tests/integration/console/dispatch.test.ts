/**
 * Moving a case in the jurisdiction tree (issue #15), through HTTP against DynamoDB Local: the place
 * picker's tree (GET /api/units), the 派单目录 and its admin routes, the accept form's prefill, 交办意见,
 * 上报 township → county → city, 退单 with its reason codes back to the dispatching unit and its limit,
 * 派单异议 and its decision — with the SLA clock never reset, and every move in the timeline and audit.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_UNITS } from '../../../infra/src/demo-data';
import { createDocumentClient } from '../../../functions/src/adapters/dynamo/client';
import { createTestStack, type TestStack } from '../../support/stack';
import { act, complaintBody, fileAs, show } from '../../support/console';
import { citizenToken, DAY, desk, expectApiError, HOUR, Session, snapshot, T0, track } from './console-kit';

let stack: TestStack;
let session: Session;

const tok = (u: string) => session.token(u);
const run = (username: string, caseNo: string, command: Record<string, unknown>) => desk(stack, session).run(username, caseNo, command);
async function tryAct(username: string, caseNo: string, command: Record<string, unknown>) {
  const version = (await stack.deps.cases.getCase(caseNo))!.version;
  return act(stack, await tok(username), caseNo, { ...command, expectedVersion: version });
}
const detail = async (username: string, caseNo: string) => {
  const res = await stack.request('GET', `/api/console/cases/${caseNo}`, { token: await tok(username) });
  expect(res.status, show(res)).toBe(200);
  return res.body;
};
const audit = async (caseNo: string) => {
  const res = await stack.request('GET', `/api/console/audit?caseNo=${caseNo}`, { token: await tok('shouli') });
  expect(res.status, show(res)).toBe(200);
  return res.body.items as { kind: string; actorId: string; data: Record<string, unknown>; text: string; fromStatus?: string; toStatus: string }[];
};
const stored = async (caseNo: string) => (await stack.deps.cases.getCase(caseNo))!;
const dueAt = async (caseNo: string) => (await stored(caseNo)).schedule?.dueAt;

/** 社会保险 (shebao): usually the city's 人社局 (rsj). */
const shebao = (unitId?: string) => complaintBody({ categoryId: 'shebao', title: '养老保险待遇未发放', location: { text: '镇政府东侧', ...(unitId ? { unitId } : {}) } });

/** The filing lands at the intake of the place's unit (a 社区/村 goes to its 街道/乡镇; no place: the city). */
async function expectWaitingAt(caseNo: string, unitId: string): Promise<void> {
  expect((await stored(caseNo)).unitId ?? 'root').toBe(unitId);
}

/**
 * A case whose place lies below the desk that holds it (as after a 上报): put at `unitId`'s intake
 * directly, the way a move stores it (unitId and unitPath), so a test can start from there.
 */
async function placeAt(caseNo: string, unitId: string): Promise<void> {
  const path = DEMO_UNITS.find((u) => u.id === unitId)!.path;
  const client = createDocumentClient({ region: 'local', endpoint: inject('dynamoEndpoint') });
  await client.send(
    new UpdateCommand({ TableName: stack.tableName, Key: { pk: `CASE#${caseNo}`, sk: 'CASE' }, UpdateExpression: 'SET unitId = :u, unitPath = :p', ExpressionAttributeValues: { ':u': unitId, ':p': path } }),
  );
}

async function filedAt(unitId: string, placeUnitId = unitId, body = shebao(placeUnitId)) {
  const filed = await fileAs(stack, body);
  const place = DEMO_UNITS.find((u) => u.id === placeUnitId);
  const desk = place && place.level === 4 ? place.parentId : placeUnitId;
  if (desk === unitId) await expectWaitingAt(filed.caseNo, unitId);
  else await placeAt(filed.caseNo, unitId);
  return filed;
}

beforeAll(async () => {
  stack = await createTestStack();
  session = await Session.start(stack, T0);
});

describe('GET /api/units (the place picker)', () => {
  it('lists the active tree, root first, each unit with its level and parent, to anyone, cacheable', async () => {
    const res = await stack.request('GET', '/api/units');
    expect(res.status, show(res)).toBe(200);
    expect(res.headers['Cache-Control'] ?? res.headers['cache-control']).toMatch(/public, max-age=\d+/);
    const items = res.body.items as { id: string; name: string; level: number; parentId?: string }[];
    expect(items[0]).toEqual({ id: 'root', name: '兴辽市', level: 1 });
    expect(items).toContainEqual({ id: 'qs-chengnan', name: '城南镇', level: 3, parentId: 'qingshan' });
    expect(items).toContainEqual({ id: 'qs-shuangmiao-liujia', name: '刘家村', level: 4, parentId: 'qs-shuangmiao' });
    expect(items.map((u) => u.level)).toEqual([...items.map((u) => u.level)].sort());
    expect(Object.keys(items[1]!).sort()).toEqual(['id', 'level', 'name', 'parentId']);
  });

  it('leaves out a disabled unit and everything below it', async () => {
    await stack.deps.reference.putUnit({ id: 'beihu-xiyuan', name: '西苑街道', level: 3, parentId: 'beihu', path: 'root/beihu/beihu-xiyuan', sortOrder: 50, active: false });
    await stack.deps.reference.putUnit({ id: 'beihu-xiyuan-a', name: '西苑一社区', level: 4, parentId: 'beihu-xiyuan', path: 'root/beihu/beihu-xiyuan/beihu-xiyuan-a', sortOrder: 51, active: true });
    const ids = ((await stack.request('GET', '/api/units')).body.items as { id: string }[]).map((u) => u.id);
    expect(ids).toContain('beihu');
    expect(ids).not.toContain('beihu-xiyuan');
    expect(ids).not.toContain('beihu-xiyuan-a');
  });
});

describe('the 派单目录 (admin)', () => {
  const path = '/api/console/admin/dispatch-rules';

  it('an admin sets, lists and deletes lines; each answers with the names it refers to', async () => {
    const admin = await tok('admin');
    const put = await stack.request('POST', path, { token: admin, body: { categoryId: 'shebao', unitId: 'qs-chengnan', departmentId: 'qs-chengnan-sbs' } });
    expect(put.status, show(put)).toBe(200);
    expect(put.body).toEqual({
      categoryId: 'shebao',
      categoryName: '社会保险',
      unitId: 'qs-chengnan',
      unitName: '兴辽市 / 青山县 / 城南镇',
      departmentId: 'qs-chengnan-sbs',
      departmentName: '城南镇社会保障所',
    });
    expect((await stack.request('POST', path, { token: admin, body: { categoryId: 'shebao', unitId: 'qingshan', departmentId: 'qs-rsj' } })).status).toBe(200);
    expect((await stack.request('POST', path, { token: admin, body: { categoryId: 'shebao', unitId: 'hexi', departmentId: 'hexi-rsj' } })).status).toBe(200);
    // Set again at the same place: replaced, not added.
    expect((await stack.request('POST', path, { token: admin, body: { categoryId: 'yibao', unitId: 'beihu', departmentId: 'ybj' } })).status).toBe(200);
    expect((await stack.request('POST', path, { token: admin, body: { categoryId: 'yibao', unitId: 'beihu', departmentId: 'beihu-scjgj' } })).status).toBe(200);

    const list = await stack.request('GET', path, { token: admin });
    expect(list.status, show(list)).toBe(200);
    const lines = (list.body.items as { categoryId: string; unitId: string; departmentId: string }[]).map((r) => `${r.categoryId}@${r.unitId}→${r.departmentId}`);
    expect(lines).toEqual(expect.arrayContaining(['shebao@qingshan→qs-rsj', 'shebao@qs-chengnan→qs-chengnan-sbs', 'shebao@hexi→hexi-rsj', 'yibao@beihu→beihu-scjgj']));
    expect(lines.filter((l) => l.startsWith('yibao@beihu'))).toHaveLength(1);

    const del = await stack.request('DELETE', `${path}?categoryId=yibao&unitId=beihu`, { token: admin });
    expect(del.status, show(del)).toBe(200);
    expect(((await stack.request('GET', path, { token: admin })).body.items as { categoryId: string }[]).some((r) => r.categoryId === 'yibao')).toBe(false);
    expectApiError(await stack.request('DELETE', `${path}?categoryId=yibao&unitId=beihu`, { token: admin }), 404, 'NOT_FOUND');
  });

  it('refuses bad lines with a Chinese message naming the field, and stores nothing', async () => {
    const admin = await tok('admin');
    const before = (await stack.deps.reference.listDispatchRules()).length;
    const refused = async (body: unknown, field: string) => {
      const res = await stack.request('POST', path, { token: admin, body });
      expectApiError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.error.fields, show(res)).toHaveProperty(field);
    };
    await refused({ categoryId: 'no-such-cat', unitId: 'qingshan', departmentId: 'qs-rsj' }, 'categoryId');
    await refused({ categoryId: 'shebao', unitId: 'nowhere', departmentId: 'qs-rsj' }, 'unitId');
    await refused({ categoryId: 'shebao', unitId: 'Qing Shan', departmentId: 'qs-rsj' }, 'unitId');
    await refused({ categoryId: 'shebao', unitId: 'qingshan', departmentId: 'no-such-dept' }, 'departmentId');
    // Another township's office cannot take a township's cases; nor a county's bureau the city's.
    await refused({ categoryId: 'shebao', unitId: 'qs-chengnan', departmentId: 'qs-shuangmiao-nyb' }, 'departmentId');
    await refused({ categoryId: 'shebao', unitId: 'root', departmentId: 'qs-rsj' }, 'departmentId');
    await refused({ categoryId: 'shebao', unitId: 'qingshan' }, 'departmentId');
    const extra = await stack.request('POST', path, { token: admin, body: { categoryId: 'shebao', unitId: 'qingshan', departmentId: 'qs-rsj', priority: 1 } });
    expectApiError(extra, 400, 'VALIDATION_FAILED');
    expectApiError(await stack.request('DELETE', `${path}?categoryId=shebao`, { token: admin }), 400, 'VALIDATION_FAILED');
    expect((await stack.deps.reference.listDispatchRules()).length).toBe(before);
  });

  it('is for admins only: intake, supervisors and handlers get 403, no token 401', async () => {
    for (const username of ['shouli', 'duban', 'rsj', 'qs-shouli']) {
      const token = await tok(username);
      expectApiError(await stack.request('GET', path, { token }), 403, 'FORBIDDEN');
      expectApiError(await stack.request('POST', path, { token, body: { categoryId: 'shebao', unitId: 'qingshan', departmentId: 'qs-nyncj' } }), 403, 'FORBIDDEN');
      expectApiError(await stack.request('DELETE', `${path}?categoryId=shebao&unitId=qingshan`, { token }), 403, 'FORBIDDEN');
    }
    expectApiError(await stack.request('GET', path), 401, 'UNAUTHENTICATED');
    expect((await stack.deps.reference.listDispatchRules()).find((r) => r.categoryId === 'shebao' && r.unitId === 'qingshan')?.departmentId).toBe('qs-rsj');
  });
});

describe('the accept form is prefilled (派单目录, then the category)', () => {
  // Rules from the admin test above: shebao@qs-chengnan → 城南镇社会保障所, shebao@qingshan → 青山县人社局, shebao@hexi → 河西区人社局.
  it('a place in a township with a rule of its own: the township’s line (found from the community below it)', async () => {
    const c = await filedAt('qs-chengnan', 'qs-chengnan-xingfu');
    const seen = await detail('cn-shouli', c.caseNo);
    expect(seen.dispatchSuggestion).toEqual({ departmentId: 'qs-chengnan-sbs', departmentName: '城南镇社会保障所', source: 'catalogue' });
    expect(seen.placeUnitName).toBe('兴辽市 / 青山县 / 城南镇 / 幸福社区');
    expect(seen.unitName).toBe('兴辽市 / 青山县 / 城南镇');
  });

  it('a place in a township without one: the county’s line', async () => {
    const c = await filedAt('qingshan', 'qs-shuangmiao-liujia');
    expect((await detail('qs-shouli', c.caseNo)).dispatchSuggestion).toEqual({ departmentId: 'qs-rsj', departmentName: '青山县人力资源和社会保障局', source: 'catalogue' });
    // The city's intake may dispatch anywhere below it: the same line.
    expect((await detail('shouli', c.caseNo)).dispatchSuggestion).toMatchObject({ departmentId: 'qs-rsj', source: 'catalogue' });
  });

  it('no line on the way up: the category’s usual department — but only one the intake may dispatch to', async () => {
    const city = await filedAt('root', 'beihu-dongfeng');
    expect((await detail('shouli', city.caseNo)).dispatchSuggestion).toEqual({ departmentId: 'rsj', departmentName: '人力资源和社会保障局', source: 'category' });
    // 北湖区's intake cannot dispatch to the city's 人社局: nothing suggested rather than a department it may not use.
    const beihu = await filedAt('beihu', 'beihu-dongfeng');
    expect((await detail('beihu-shouli', beihu.caseNo)).dispatchSuggestion).toBeUndefined();
    // 河西区 has its own line.
    const hexi = await filedAt('hexi', 'hexi-xinhua');
    expect((await detail('hexi-shouli', hexi.caseNo)).dispatchSuggestion).toMatchObject({ departmentId: 'hexi-rsj', source: 'catalogue' });
  });

  it('a case without a picked place: the city line or the category; only intake, only while 待受理', async () => {
    const c = await fileAs(stack, complaintBody({ categoryId: 'shebao' }));
    expect((await detail('shouli', c.caseNo)).dispatchSuggestion).toMatchObject({ departmentId: 'rsj', source: 'category' });
    expect((await detail('shouli', c.caseNo)).placeUnitName).toBeUndefined();
    expect((await detail('duban', c.caseNo)).dispatchSuggestion).toBeUndefined();
    await run('shouli', c.caseNo, { action: 'accept', departmentId: 'rsj' });
    expect((await detail('shouli', c.caseNo)).dispatchSuggestion).toBeUndefined();
    expect((await detail('rsj', c.caseNo)).dispatchSuggestion).toBeUndefined();
  });
});

describe('交办意见 (instructions with a dispatch)', () => {
  it('go with the accept: the handler reads them on the case page and in the timeline; the citizen never sees them', async () => {
    const c = await filedAt('qingshan', 'qs-shuangmiao');
    await run('qs-shouli', c.caseNo, { action: 'accept', departmentId: 'qs-rsj', instructions: '请三日内联系群众核实欠发月份' });
    const seen = await detail('qs-rsj', c.caseNo);
    expect(seen.dispatch).toMatchObject({ unitId: 'qingshan', unitName: '兴辽市 / 青山县', by: 'qs-shouli', byName: '李娜（青山县受理员）', instructions: '请三日内联系群众核实欠发月份', sendBacks: 0, sendBackLimit: 2 });
    expect(seen.timeline.find((e: { kind: string }) => e.kind === 'accepted').data.instructions).toBe('请三日内联系群众核实欠发月份');
    const citizen = await track(stack, await citizenToken(stack, c.caseNo, c.password));
    expect(JSON.stringify(citizen)).not.toContain('核实欠发月份');
    // The place the citizen picked, by its full name, on their case page and the officials'.
    expect(citizen.placeUnitName).toBe('兴辽市 / 青山县 / 双庙乡');
    expect(seen.placeUnitName).toBe('兴辽市 / 青山县 / 双庙乡');

    // A transfer carries new ones.
    await run('qs-shouli', c.caseNo, { action: 'transfer', departmentId: 'qs-nyncj', reason: '涉及土地流转补贴', instructions: '请与乡农业服务中心联办' });
    expect((await detail('qs-nyncj', c.caseNo)).dispatch).toMatchObject({ instructions: '请与乡农业服务中心联办', by: 'qs-shouli' });
  });

  it('at most 500 characters', async () => {
    const c = await filedAt('qingshan');
    const res = await tryAct('qs-shouli', c.caseNo, { action: 'accept', departmentId: 'qs-rsj', instructions: '核'.repeat(501) });
    expectApiError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.fields).toHaveProperty('instructions');
    expect((await stored(c.caseNo)).status).toBe('submitted');
  });
});

describe('上报 (escalating to the parent unit’s intake)', () => {
  it('township → county → city, the clock running on; the citizen reads a neutral line, the audit the reason', async () => {
    const c = await filedAt('qs-chengnan', 'qs-chengnan-xingfu');
    const due = await dueAt(c.caseNo);
    expect((await detail('cn-shouli', c.caseNo)).allowedActions).toContain('escalate_up');

    session.advance(2 * HOUR);
    await run('cn-shouli', c.caseNo, { action: 'escalate_up', reason: '涉及县人社局的政策解释，镇里无法答复' });
    expect(await stored(c.caseNo)).toMatchObject({ status: 'submitted', unitId: 'qingshan' });
    // The township's intake no longer holds it, nor sees it: the county is above the township's subtree.
    expectApiError(await tryAct('cn-shouli', c.caseNo, { action: 'escalate_up', reason: '再次上报' }), 404, 'CASE_NOT_FOUND');
    expect((await detail('qs-shouli', c.caseNo)).unitName).toBe('兴辽市 / 青山县');

    session.advance(DAY);
    await run('qs-shouli', c.caseNo, { action: 'escalate_up', reason: '需市人社局统一口径' });
    expect((await stored(c.caseNo)).unitId ?? 'root').toBe('root');
    expect(await dueAt(c.caseNo)).toBe(due);

    // The city has no higher unit.
    expect((await detail('shouli', c.caseNo)).allowedActions).not.toContain('escalate_up');
    const top = await tryAct('shouli', c.caseNo, { action: 'escalate_up', reason: '上报' });
    expectApiError(top, 409, 'INVALID_TRANSITION');
    expect(top.body.error.message).toContain('最高一级');

    const trail = (await audit(c.caseNo)).filter((e) => e.kind === 'escalated_up');
    expect(trail.map((e) => [e.actorId, e.data.fromUnitId, e.data.toUnitId, e.data.reason])).toEqual([
      ['cn-shouli', 'qs-chengnan', 'qingshan', '涉及县人社局的政策解释，镇里无法答复'],
      ['qs-shouli', 'qingshan', 'root', '需市人社局统一口径'],
    ]);
    const citizen = await track(stack, await citizenToken(stack, c.caseNo, c.password));
    expect(citizen.timeline.map((e: { text: string }) => e.text).filter((t: string) => t === '已转上级受理中心办理')).toHaveLength(2);
    expect(JSON.stringify(citizen)).not.toContain('统一口径');
    session.setNow(T0);
  });

  it('is an intake’s: a supervisor is refused, and nothing changes', async () => {
    const c = await filedAt('qingshan');
    const before = await snapshot(stack, c.caseNo);
    expectApiError(await tryAct('qs-duban', c.caseNo, { action: 'escalate_up', reason: '上报' }), 403, 'FORBIDDEN');
    expect(await snapshot(stack, c.caseNo)).toEqual(before);
  });
});

describe('退单 (send-backs): reason codes, back to the dispatching unit, the limit', () => {
  const LABELS = { not_our_duty: '非本单位职责', wrong_place: '不属本辖区', unclear: '诉求不清需核实', duplicate: '重复工单', other: '其他' } as const;

  it.each(Object.entries(LABELS))('%s (%s): back to the intake of the county that dispatched it, the clock untouched', async (code, label) => {
    const c = await filedAt('qingshan', 'qs-shuangmiao');
    await run('qs-shouli', c.caseNo, { action: 'accept', departmentId: 'qs-rsj' });
    const due = await dueAt(c.caseNo);
    session.advance(3 * HOUR);
    const res = await tryAct('qs-rsj', c.caseNo, { action: 'send_back', reasonCode: code, ...(code === 'other' ? { reason: '群众反映的是医保问题' } : {}) });
    expect(res.status, show(res)).toBe(200);
    expect(res.body).toMatchObject({ handedOver: true, status: 'submitted' });
    const after = await stored(c.caseNo);
    expect(after).toMatchObject({ status: 'submitted', unitId: 'qingshan' });
    expect(after.departmentId).toBeUndefined();
    expect(after.schedule?.dueAt).toBe(due);
    expect(after.clock.pausedSince).toBeUndefined();
    const event = (await audit(c.caseNo)).at(-1)!;
    expect(event).toMatchObject({ kind: 'sent_back', actorId: 'qs-rsj', fromStatus: 'in_progress', toStatus: 'submitted' });
    expect(event.data).toMatchObject({ reasonCode: code, reasonLabel: label, toUnitId: 'qingshan', sendBacks: 1 });
    // The county's intake sees it with the count; the handler no longer does.
    expect((await detail('qs-shouli', c.caseNo)).dispatch).toMatchObject({ sendBacks: 1, sendBackLimit: 2 });
    expectApiError(await stack.request('GET', `/api/console/cases/${c.caseNo}`, { token: await tok('qs-rsj') }), 404, 'CASE_NOT_FOUND');
    session.setNow(T0);
  });

  it('"其他" needs its reason; an unknown code is refused', async () => {
    const c = await filedAt('qingshan');
    await run('qs-shouli', c.caseNo, { action: 'accept', departmentId: 'qs-rsj' });
    const before = await snapshot(stack, c.caseNo);
    const other = await tryAct('qs-rsj', c.caseNo, { action: 'send_back', reasonCode: 'other' });
    expectApiError(other, 400, 'VALIDATION_FAILED');
    expect(other.body.error.fields).toHaveProperty('reason');
    const unknown = await tryAct('qs-rsj', c.caseNo, { action: 'send_back', reasonCode: 'too_busy', reason: '太忙' });
    expectApiError(unknown, 400, 'VALIDATION_FAILED');
    expect(unknown.body.error.fields).toHaveProperty('reasonCode');
    expectApiError(await tryAct('qs-rsj', c.caseNo, { action: 'send_back', reason: '不是我们的' }), 400, 'VALIDATION_FAILED');
    expect(await snapshot(stack, c.caseNo)).toEqual(before);
  });

  it('twice per case at most; the third is 409 with a clear message, and the handler is offered 派单异议 instead', async () => {
    const c = await filedAt('qingshan');
    const due = await dueAt(c.caseNo);
    await run('qs-shouli', c.caseNo, { action: 'accept', departmentId: 'qs-rsj' });
    session.advance(HOUR);
    await run('qs-rsj', c.caseNo, { action: 'send_back', reasonCode: 'not_our_duty', reason: '属农业农村局' });
    await run('qs-shouli', c.caseNo, { action: 'accept', departmentId: 'qs-nyncj' });
    session.advance(DAY);
    await run('qs-nyncj', c.caseNo, { action: 'send_back', reasonCode: 'not_our_duty', reason: '属人社局' });
    await run('qs-shouli', c.caseNo, { action: 'accept', departmentId: 'qs-rsj' });
    session.advance(DAY);
    const seen = await detail('qs-rsj', c.caseNo);
    expect(seen.dispatch).toMatchObject({ sendBacks: 2, sendBackLimit: 2 });
    expect(seen.allowedActions).not.toContain('send_back');
    expect(seen.allowedActions).toContain('dispute');

    const before = await snapshot(stack, c.caseNo);
    const third = await tryAct('qs-rsj', c.caseNo, { action: 'send_back', reasonCode: 'not_our_duty', reason: '还是不归我们' });
    expectApiError(third, 409, 'INVALID_TRANSITION');
    expect(third.body.error.message).toBe('退单次数已达上限（2 次），如有异议请提出派单异议');
    expect(await snapshot(stack, c.caseNo)).toEqual(before);
    // Across two send-backs and three dispatches, the due date has not moved.
    expect(await dueAt(c.caseNo)).toBe(due);
    expect((await stored(c.caseNo)).clock.startedAt).toBe((await stored(c.caseNo)).createdAt);
    session.setNow(T0);
  });
});

describe('派单异议 (a handler disputes the dispatch; the dispatching intake decides)', () => {
  async function disputed() {
    const c = await filedAt('qingshan');
    await run('qs-shouli', c.caseNo, { action: 'accept', departmentId: 'qs-rsj', instructions: '请核实' });
    await run('qs-rsj', c.caseNo, { action: 'dispute', reason: '该事项属农业农村局的补贴发放，不属人社' });
    return c;
  }

  it('upheld: the department must handle it — no more send-backs or disputes by it (最终决定)', async () => {
    const c = await disputed();
    const due = await dueAt(c.caseNo);
    const pending = await detail('qs-shouli', c.caseNo);
    expect(pending.dispatch.dispute).toMatchObject({ departmentId: 'qs-rsj', departmentName: '青山县人力资源和社会保障局', reason: '该事项属农业农村局的补贴发放，不属人社', by: 'qs-rsj' });
    expect(pending.allowedActions).toContain('decide_dispute');
    expect(pending.status).toBe('in_progress');
    // One dispute at a time.
    expectApiError(await tryAct('qs-rsj', c.caseNo, { action: 'dispute', reason: '再提一次' }), 409, 'INVALID_TRANSITION');
    // Only the unit that dispatched it decides: the city's intake is refused, and nothing changes.
    const before = await snapshot(stack, c.caseNo);
    expectApiError(await tryAct('shouli', c.caseNo, { action: 'decide_dispute', uphold: true, note: '维持' }), 403, 'FORBIDDEN');
    expect((await detail('shouli', c.caseNo)).allowedActions).not.toContain('decide_dispute');
    expect(await snapshot(stack, c.caseNo)).toEqual(before);

    await run('qs-shouli', c.caseNo, { action: 'decide_dispute', uphold: true, note: '补贴资金由人社发放，请办理' });
    const after = await stored(c.caseNo);
    expect(after).toMatchObject({ status: 'in_progress', departmentId: 'qs-rsj' });
    expect(after.dispatch).toMatchObject({ finalFor: 'qs-rsj' });
    expect(after.dispatch?.dispute).toBeUndefined();
    expect(after.schedule?.dueAt).toBe(due);

    const handler = await detail('qs-rsj', c.caseNo);
    expect(handler.allowedActions).not.toContain('send_back');
    expect(handler.allowedActions).not.toContain('dispute');
    expect(handler.allowedActions).toContain('reply');
    const back = await tryAct('qs-rsj', c.caseNo, { action: 'send_back', reasonCode: 'not_our_duty', reason: '仍不同意' });
    expectApiError(back, 409, 'INVALID_TRANSITION');
    expect(back.body.error.message).toContain('最终决定');
    expectApiError(await tryAct('qs-rsj', c.caseNo, { action: 'dispute', reason: '仍不同意' }), 409, 'INVALID_TRANSITION');

    const trail = await audit(c.caseNo);
    expect(trail.map((e) => e.kind)).toEqual(expect.arrayContaining(['dispatch_disputed', 'dispute_upheld']));
    expect(trail.find((e) => e.kind === 'dispute_upheld')).toMatchObject({ actorId: 'qs-shouli', data: { departmentId: 'qs-rsj', note: '补贴资金由人社发放，请办理' } });
    // Internal: the citizen's timeline has neither.
    const citizen = await track(stack, await citizenToken(stack, c.caseNo, c.password));
    expect(citizen.timeline.map((e: { kind: string }) => e.kind)).not.toContain('dispatch_disputed');
    expect(citizen.timeline.map((e: { kind: string }) => e.kind)).not.toContain('dispute_upheld');
  });

  it('not upheld: re-dispatched to another department, which gets the case; the first loses sight of it', async () => {
    const c = await disputed();
    const due = await dueAt(c.caseNo);
    const noDept = await tryAct('qs-shouli', c.caseNo, { action: 'decide_dispute', uphold: false, note: '改派' });
    expectApiError(noDept, 400, 'VALIDATION_FAILED');
    expect(noDept.body.error.fields).toHaveProperty('departmentId');
    expectApiError(await tryAct('qs-shouli', c.caseNo, { action: 'decide_dispute', uphold: false, note: '改派', departmentId: 'no-such' }), 400, 'UNKNOWN_DEPARTMENT');

    await run('qs-shouli', c.caseNo, { action: 'decide_dispute', uphold: false, note: '同意异议，改由农业农村局办理', departmentId: 'qs-nyncj' });
    expect(await stored(c.caseNo)).toMatchObject({ status: 'in_progress', departmentId: 'qs-nyncj' });
    expect(await dueAt(c.caseNo)).toBe(due);
    expectApiError(await stack.request('GET', `/api/console/cases/${c.caseNo}`, { token: await tok('qs-rsj') }), 404, 'CASE_NOT_FOUND');
    const now = await detail('qs-nyncj', c.caseNo);
    expect(now.allowedActions).toEqual(expect.arrayContaining(['reply', 'send_back', 'dispute']));
    expect(now.dispatch.dispute).toBeUndefined();
    expect((await audit(c.caseNo)).at(-1)).toMatchObject({ kind: 'dispute_redispatched', actorId: 'qs-shouli', data: { fromDepartmentId: 'qs-rsj', departmentId: 'qs-nyncj' } });
    const citizen = await track(stack, await citizenToken(stack, c.caseNo, c.password));
    expect(citizen.departmentName).toBe('青山县农业农村局');
    expect(citizen.timeline.map((e: { text: string }) => e.text)).toContain('已改由青山县农业农村局办理');
  });

  it('with no dispute pending there is nothing to decide (409)', async () => {
    const c = await filedAt('qingshan');
    await run('qs-shouli', c.caseNo, { action: 'accept', departmentId: 'qs-rsj' });
    expect((await detail('qs-shouli', c.caseNo)).allowedActions).not.toContain('decide_dispute');
    expectApiError(await tryAct('qs-shouli', c.caseNo, { action: 'decide_dispute', uphold: true, note: '维持' }), 409, 'INVALID_TRANSITION');
  });
});
