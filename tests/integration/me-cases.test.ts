/**
 * "My cases" (issue 13, the identity side) on DynamoDB Local and the local fake WeChat over HTTP:
 * a WeChat session from a wx.login code, binding a case the citizen logged into, the list with its
 * status and unread mark, opening a case without its password, unbinding, a phone's cases (linked at
 * filing), a new password for a case, the saved cases' status batch, progressAt and merged cases.
 *
 * The stack's deps get a WeChat client pointed at the fake, as the local stack configures it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatShanghaiIso } from '@minsheng/shared';
import { createWeChatClient } from '../../functions/src/adapters/wechat/client';
import { identityOf } from '../../functions/src/services/citizen/identity';
import type { Deps } from '../../functions/src/services/deps';
import { startFakeWeChat, type FakeWeChat } from '../../infra/src/fake-wechat';
import { createTestStack, type ApiResponse, type TestStack } from '../support/stack';
import { CHINESE, complaint, consultation, countItems, expectError, expectFieldError, fileCase, freshIp, login, show, track, type FiledCase } from './helpers';
import { HANDLER, INTAKE, T0, acceptAt, actAt, day, slaEvents, sweepAt } from './sla/sla-kit';

let stack: TestStack;
let fake: FakeWeChat;

const at = (d: Date) => stack.setNow(d);

async function wechatSession(code: string): Promise<string> {
  const res = await stack.request('POST', '/api/wechat/session', { body: { code } });
  expect(res.status, show(res)).toBe(200);
  return res.body.token as string;
}

async function phoneSession(phone: string): Promise<string> {
  // What POST /api/recovery/verify gives once the SMS code is right (the SMS side's route).
  return (await stack.deps.tokens.issueMeToken({ via: 'phone', identity: identityOf(stack.deps.identityKey, 'phone', phone) }, stack.deps.now())).token;
}

const myCases = async (me: string) => {
  const res = await stack.request('GET', '/api/me/cases', { token: me });
  expect(res.status, show(res)).toBe(200);
  return res.body.items as { caseNo: string; status: string; unread: boolean; via: string; title: string; progressAt: string; dueAt?: string; filedAt: string; type: string }[];
};
const mine = async (me: string, caseNo: string) => (await myCases(me)).find((c) => c.caseNo === caseNo);
const bind = (me: string, caseToken: string) => stack.request('POST', '/api/me/cases', { token: me, body: { caseToken } });
const open = (me: string, caseNo: string) => stack.request('POST', `/api/me/cases/${caseNo}/open`, { token: me });
const unbind = (me: string, caseNo: string) => stack.request('DELETE', `/api/me/cases/${caseNo}`, { token: me });
const resetPassword = (me: string, caseNo: string) => stack.request('POST', `/api/me/cases/${caseNo}/password`, { token: me });
const loginRes = (caseNo: string, password: string) => stack.request('POST', '/api/track/login', { body: { caseNo, password }, ip: freshIp() });
/** The case page as its citizen sees it at `when` (a token issued then: login tokens last 30 minutes). */
async function page(caseNo: string, when: Date) {
  at(when);
  return track(stack, (await stack.deps.tokens.issueCitizenToken(caseNo, when)).token);
}
const statuses = (cases: { caseNo: string; statusKey: string }[]) => stack.request('POST', '/api/track/status', { body: { cases } });

async function fileAndLoginAt(when: Date, body: Record<string, unknown> = complaint()): Promise<FiledCase & { token: string }> {
  at(when);
  const filed = (await fileCase(stack, body));
  const token = await login(stack, filed.caseNo, filed.password);
  return { ...filed, token };
}

beforeAll(async () => {
  fake = await startFakeWeChat();
  stack = await createTestStack();
});

afterAll(async () => {
  await fake?.stop();
});

describe('POST /api/wechat/session', () => {
  it('answers 503 when WeChat is not configured, with a Chinese message', async () => {
    const res = await stack.request('POST', '/api/wechat/session', { body: { code: 'any-code' } });
    expectError(res, 503, 'SERVICE_UNAVAILABLE');
  });

  it('a code WeChat refuses is 401; a good one gives a session that lists (no) cases and carries no openid', async () => {
    Object.assign(stack.deps, { wechat: createWeChatClient({ baseUrl: fake.url, appId: fake.appId, appSecret: fake.appSecret }) } satisfies Partial<Deps>);
    expectError(await stack.request('POST', '/api/wechat/session', { body: { code: 'invalid' } }), 401, 'UNAUTHENTICATED');
    expectFieldError(await stack.request('POST', '/api/wechat/session', { body: {} }), 'code');

    at(T0);
    const res = await stack.request('POST', '/api/wechat/session', { body: { code: 'code-of-first-user' } });
    expect(res.status, show(res)).toBe(200);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(T0.getTime());
    const payload = Buffer.from(String(res.body.token).split('.')[1]!, 'base64url').toString();
    expect(payload).not.toContain(fake.openidFor('code-of-first-user'));
    expect(await myCases(res.body.token)).toEqual([]);
  });
});

describe('binding a case in WeChat, and my cases', () => {
  let me: string;
  let other: string;
  let filed: Awaited<ReturnType<typeof fileAndLoginAt>>;
  /** Both users open the mini-program again at `when` (a session lasts two hours; the openid stays). */
  async function sessionsAt(when: Date) {
    at(when);
    me = await wechatSession('code-of-binding-user');
    other = await wechatSession('code-of-someone-else');
  }

  beforeAll(async () => {
    filed = await fileAndLoginAt(T0, complaint({ title: '工地欠薪，联系电话13800138000' }));
    await sessionsAt(T0);
  });

  it('binds the case the citizen logged into: my cases lists it with its status, masked title, due date, nothing unread', async () => {
    const res = await bind(me, filed.token);
    expect(res.status, show(res)).toBe(200);
    expect(res.body.item).toMatchObject({ caseNo: filed.caseNo, status: 'submitted', type: 'complaint', via: 'wechat', unread: false, dueAt: filed.dueAt });
    const listed = await mine(me, filed.caseNo);
    expect(listed).toEqual(res.body.item);
    expect(listed!.title).not.toContain('13800138000');
    // Binding again changes nothing.
    expect((await bind(me, filed.token)).status).toBe(200);
    expect((await myCases(me)).filter((c) => c.caseNo === filed.caseNo)).toHaveLength(1);
  });

  it('after an official accepts and replies, the case shows 已答复 status and unread; opening it gives its page and clears the mark', async () => {
    await acceptAt(stack, day(0.1), filed.caseNo);
    await sessionsAt(day(0.1));
    expect(await mine(me, filed.caseNo)).toMatchObject({ status: 'in_progress', unread: true });
    await actAt(stack, day(1), filed.caseNo, { action: 'reply', result: 'resolved', answer: '已责令施工方在十日内支付拖欠工资。' }, HANDLER);
    await sessionsAt(day(1));
    const listed = await mine(me, filed.caseNo);
    expect(listed).toMatchObject({ status: 'replied', unread: true });
    expect(listed!.dueAt).toBeUndefined();

    at(day(1.05));
    const opened = await open(me, filed.caseNo);
    expect(opened.status, show(opened)).toBe(200);
    const page = await track(stack, opened.body.token);
    expect(page.caseNo).toBe(filed.caseNo);
    expect(page.answer.text).toBe('已责令施工方在十日内支付拖欠工资。');
    expect(page.progressAt).toBe(listed!.progressAt);
    expect(await mine(me, filed.caseNo)).toMatchObject({ status: 'replied', unread: false });
  });

  it("another WeChat user does not see it and cannot open, reset or unbind it: 404, the same answer as a case that does not exist", async () => {
    await sessionsAt(day(1.1));
    expect(await mine(other, filed.caseNo)).toBeUndefined();
    const answers: ApiResponse[] = [await open(other, filed.caseNo), await resetPassword(other, filed.caseNo), await unbind(other, filed.caseNo)];
    const unknown = [await open(me, '20300401000000'), await open(me, 'not-a-case-number'), await resetPassword(me, '20300401000000'), await unbind(me, '20300401000000')];
    for (const res of [...answers, ...unknown]) expectError(res, 404, 'NOT_FOUND');
    expect(new Set([...answers, ...unknown].map((r) => JSON.stringify(r.body))).size).toBe(1);
    // The owner's password still works: nothing was reset.
    expect((await loginRes(filed.caseNo, filed.password)).status).toBe(200);
  });

  it('a bad or expired case token is a 400 on the caseToken field; a "me" token is not a case token', async () => {
    await sessionsAt(day(1.1));
    expectFieldError(await bind(me, 'not-a-token'), 'caseToken');
    expectFieldError(await bind(me, me), 'caseToken');
    await sessionsAt(day(3));
    expectFieldError(await bind(me, filed.token), 'caseToken'); // 30 minutes have long passed
  });

  it('unbinding removes it from my cases (204), after which it cannot be opened', async () => {
    await sessionsAt(day(3));
    const res = await unbind(me, filed.caseNo);
    expect(res.status, show(res)).toBe(204);
    expect(await mine(me, filed.caseNo)).toBeUndefined();
    expectError(await open(me, filed.caseNo), 404, 'NOT_FOUND');
    expectError(await unbind(me, filed.caseNo), 404, 'NOT_FOUND');
  });
});

describe('who may call the "me" routes', () => {
  it('a case token, an official token or none gets 401 on every me route; a me token gets 401 on the case routes', async () => {
    at(T0);
    const filed = await fileAndLoginAt(T0);
    const me = await wechatSession('code-of-auth-user');
    expect((await bind(me, filed.token)).status).toBe(200);
    const official = (await stack.deps.tokens.issueOfficialToken({ username: 'admin', role: 'admin', tokenVersion: 1 }, T0)).token;
    const calls = (token?: string) => [
      stack.request('GET', '/api/me/cases', { ...(token ? { token } : {}) }),
      stack.request('POST', '/api/me/cases', { ...(token ? { token } : {}), body: { caseToken: filed.token } }),
      stack.request('POST', `/api/me/cases/${filed.caseNo}/open`, { ...(token ? { token } : {}) }),
      stack.request('POST', `/api/me/cases/${filed.caseNo}/password`, { ...(token ? { token } : {}) }),
      stack.request('DELETE', `/api/me/cases/${filed.caseNo}`, { ...(token ? { token } : {}) }),
    ];
    for (const token of [undefined, filed.token, official]) for (const res of await Promise.all(calls(token))) expectError(res, 401, 'UNAUTHENTICATED');
    expectError(await stack.request('GET', '/api/track/case', { token: me }), 401, 'UNAUTHENTICATED');
    expectError(await stack.request('POST', '/api/track/case/supplements', { token: me, body: { content: '补充' } }), 401, 'UNAUTHENTICATED');
    // And the case is still bound and its password unchanged.
    expect(await mine(me, filed.caseNo)).toBeDefined();
    expect((await loginRes(filed.caseNo, filed.password)).status).toBe(200);
  });
});

describe('a phone given at filing', () => {
  const phone = '13912345678';

  it('links the case to the phone in the filing (a retried filing too, once), opted in to SMS unless the citizen said no', async () => {
    at(T0);
    const before = await countItems(stack, 'LINK#');
    const a = await fileCase(stack, complaint({ contact: { name: '王女士', phone } }), { 'Idempotency-Key': 'phone-filing-0001' });
    const again = await fileCase(stack, complaint({ contact: { name: '王女士', phone } }), { 'Idempotency-Key': 'phone-filing-0001' });
    expect(again.caseNo).toBe(a.caseNo);
    const b = await fileCase(stack, consultation({ contact: { phone }, smsOptIn: false }));
    const none = await fileCase(stack, complaint({ smsOptIn: true }));
    expect(await countItems(stack, 'LINK#')).toBe(before + 2);

    expect((await stack.deps.cases.getCase(a.caseNo))!.sms).toEqual({ optIn: true });
    expect((await stack.deps.cases.getCase(b.caseNo))!.sms).toEqual({ optIn: false });
    expect((await stack.deps.cases.getCase(none.caseNo))!.sms).toBeUndefined();

    const me = await phoneSession(phone);
    const items = await myCases(me);
    expect(items.map((c) => c.caseNo).sort()).toEqual([a.caseNo, b.caseNo].sort());
    expect(items.every((c) => c.via === 'phone' && c.status === 'submitted' && c.unread === false)).toBe(true);
    expect(await myCases(await phoneSession('13900000000'))).toEqual([]);
  });

  it('a phone session may open its cases but not bind or unbind (403): the link is the filing’s', async () => {
    const me = await phoneSession(phone);
    const [first] = await myCases(me);
    const filed = await fileAndLoginAt(T0);
    expectError(await bind(me, filed.token), 403, 'FORBIDDEN');
    expectError(await unbind(me, first!.caseNo), 403, 'FORBIDDEN');
    expect(await mine(me, first!.caseNo)).toBeDefined();
    expect((await open(me, first!.caseNo)).status).toBe(200);
  });
});

describe('a new password (POST /api/me/cases/{caseNo}/password)', () => {
  it('by phone: the new password works, the old one is refused, the old status key finds nothing, and the timeline and audit trail record it', async () => {
    const phone = '13700001111';
    const filed = (await fileCase(stack, complaint({ contact: { phone } })));
    at(day(0.5));
    const me = await phoneSession(phone);
    const res = await resetPassword(me, filed.caseNo);
    expect(res.status, show(res)).toBe(200);
    expect(res.body.caseNo).toBe(filed.caseNo);
    expect(res.body.password).not.toBe(filed.password);

    expectError(await loginRes(filed.caseNo, filed.password), 401, 'INVALID_CREDENTIALS');
    const fresh = await loginRes(filed.caseNo, res.body.password);
    expect(fresh.status, show(fresh)).toBe(200);
    expect(fresh.body.statusKey).toBe(res.body.statusKey);

    const answered = await statuses([
      { caseNo: filed.caseNo, statusKey: filed.statusKey },
      { caseNo: filed.caseNo, statusKey: res.body.statusKey },
    ]);
    expect(answered.status, show(answered)).toBe(200);
    expect(answered.body.items).toEqual([
      { caseNo: filed.caseNo, found: false },
      expect.objectContaining({ caseNo: filed.caseNo, found: true, status: 'submitted' }),
    ]);

    const page = await track(stack, fresh.body.token);
    const entry = page.timeline.find((e: { kind: string }) => e.kind === 'password_reset');
    expect(entry.text).toMatch(CHINESE);
    expect(entry.text).toContain('短信');
    // The citizen's own step is not news to them: no 有新进展 / unread for it.
    expect(page.progressAt).toBe(formatShanghaiIso(T0));
    expect(await mine(me, filed.caseNo)).toMatchObject({ unread: false });
    expect(answered.body.items[1].progressAt).toBe(formatShanghaiIso(T0));
    const audit = (await stack.deps.cases.listEvents(filed.caseNo)).filter((e) => e.kind === 'password_reset');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toEqual({ via: 'phone' });
  });

  it('in WeChat, for a bound case; the case then shows the reset as new progress elsewhere', async () => {
    const filed = await fileAndLoginAt(T0);
    const me = await wechatSession('code-of-resetting-user');
    expect((await bind(me, filed.token)).status).toBe(200);
    at(day(0.2));
    const res = await resetPassword(await wechatSession('code-of-resetting-user'), filed.caseNo);
    expect(res.status, show(res)).toBe(200);
    expectError(await loginRes(filed.caseNo, filed.password), 401, 'INVALID_CREDENTIALS');
    expect((await loginRes(filed.caseNo, res.body.password)).status).toBe(200);
    expect((await stack.deps.cases.listEvents(filed.caseNo)).find((e) => e.kind === 'password_reset')!.data).toEqual({ via: 'wechat' });
  });
});

describe('POST /api/track/status: the saved cases in one request', () => {
  it('answers in the order asked; a wrong key, an unknown case and a malformed number are found:false alike', async () => {
    at(T0);
    const a = (await fileCase(stack, complaint()));
    const b = (await fileCase(stack, consultation()));
    const c = (await fileCase(stack, complaint({ title: '第三件' })));
    await acceptAt(stack, day(0.1), b.caseNo);
    // The key from login is the key from filing (same password).
    expect((await loginRes(a.caseNo, a.password)).body.statusKey).toBe(a.statusKey);

    const res = await statuses([
      { caseNo: c.caseNo, statusKey: c.statusKey },
      { caseNo: '20300401000000', statusKey: a.statusKey },
      { caseNo: a.caseNo, statusKey: b.statusKey },
      { caseNo: b.caseNo, statusKey: b.statusKey },
      { caseNo: 'garbage', statusKey: 'x' },
      { caseNo: a.caseNo, statusKey: a.statusKey },
    ]);
    expect(res.status, show(res)).toBe(200);
    expect(res.body.items).toEqual([
      { caseNo: c.caseNo, found: true, status: 'submitted', progressAt: formatShanghaiIso(T0), dueAt: c.dueAt },
      { caseNo: '20300401000000', found: false },
      { caseNo: a.caseNo, found: false },
      { caseNo: b.caseNo, found: true, status: 'in_progress', progressAt: formatShanghaiIso(day(0.1)), dueAt: expect.any(String) },
      { caseNo: 'garbage', found: false },
      { caseNo: a.caseNo, found: true, status: 'submitted', progressAt: formatShanghaiIso(T0), dueAt: a.dueAt },
    ]);
  });

  it('takes 1 to 50 cases', async () => {
    expectFieldError(await statuses([]), 'cases');
    const many = Array.from({ length: 51 }, (_, i) => ({ caseNo: `203004010000${String(i).padStart(2, '0')}`, statusKey: 'k' }));
    expectFieldError(await statuses(many), 'cases');
    const fifty = await statuses(many.slice(0, 50));
    expect(fifty.status, show(fifty)).toBe(200);
    expect(fifty.body.items.map((i: { caseNo: string }) => i.caseNo)).toEqual(many.slice(0, 50).map((m) => m.caseNo));
  });
});

describe('progressAt: the filing, then every event the citizen sees', () => {
  it('moves with accept, a reply and an SLA escalation; not with internal events (an extension request, the warning, a subscription)', async () => {
    const filed = await fileAndLoginAt(T0, consultation());
    const progress = async (when: Date) => (await page(filed.caseNo, when)).progressAt as string;
    expect(await progress(T0)).toBe(formatShanghaiIso(T0));

    await acceptAt(stack, day(0.1), filed.caseNo);
    expect(await progress(day(0.1))).toBe(formatShanghaiIso(day(0.1)));

    await actAt(stack, day(0.2), filed.caseNo, { action: 'request_extension', days: 5, reason: '需要现场核查' }, HANDLER);
    expect(await progress(day(0.2))).toBe(formatShanghaiIso(day(0.1)));

    // The warning alone (internal), then overdue (the citizen is told it is being urged).
    await sweepAt(stack, day(4.7));
    expect((await slaEvents(stack, filed.caseNo)).order).toEqual(['sla_warning']);
    expect(await progress(day(4.7))).toBe(formatShanghaiIso(day(0.1)));
    await sweepAt(stack, day(12));
    expect((await slaEvents(stack, filed.caseNo)).order).toContain('sla_overdue');
    expect(await progress(day(12))).toBe(formatShanghaiIso(day(12)));
  });

  it("a duplicate merged into a case is progress on the kept case (its citizen sees it on the timeline)", async () => {
    const kept = await fileAndLoginAt(T0);
    at(T0);
    const duplicate = await fileCase(stack, complaint({ title: '同一工地欠薪' }));
    await actAt(stack, day(0.3), duplicate.caseNo, { action: 'merge', intoCaseNo: kept.caseNo }, INTAKE);
    const keptPage = await page(kept.caseNo, day(0.3));
    expect(keptPage.progressAt).toBe(formatShanghaiIso(day(0.3)));
    expect(keptPage.timeline.map((e: { kind: string }) => e.kind)).toContain('merged_in');
  });
});

describe('a merged case shows the case it was merged into', () => {
  it('its status, and its answer once it has one', async () => {
    const kept = await fileAndLoginAt(T0);
    const duplicate = await fileAndLoginAt(T0, complaint({ title: '又是同一工地欠薪' }));
    await acceptAt(stack, day(0.1), kept.caseNo);
    await actAt(stack, day(0.2), duplicate.caseNo, { action: 'merge', intoCaseNo: kept.caseNo }, INTAKE);
    const before = await page(duplicate.caseNo, day(0.2));
    expect(before.status).toBe('merged');
    expect(before.keptCase).toEqual({ caseNo: kept.caseNo, status: 'in_progress', statusLabel: expect.stringMatching(CHINESE) });

    await actAt(stack, day(1), kept.caseNo, { action: 'reply', result: 'resolved', answer: '两件反映的欠薪已一并督促支付。' }, HANDLER);
    const afterReply = await page(duplicate.caseNo, day(1));
    expect(afterReply.keptCase).toMatchObject({ caseNo: kept.caseNo, status: 'replied', answer: { text: '两件反映的欠薪已一并督促支付。', departmentName: expect.stringMatching(CHINESE) } });
    // …and it is progress on the duplicate: its timeline says so and its progressAt moved (有新进展).
    expect(afterReply.progressAt).toBe(formatShanghaiIso(day(1)));
    expect(afterReply.timeline.map((e: { kind: string }) => e.kind)).toContain('kept_case_replied');
    const status = await stack.request('POST', '/api/track/status', { body: { cases: [{ caseNo: duplicate.caseNo, statusKey: duplicate.statusKey }] } });
    expect(status.body.items[0]).toMatchObject({ found: true, status: 'merged', progressAt: formatShanghaiIso(day(1)) });
    // The kept case's own citizen is not shown the duplicate's number.
    expect(JSON.stringify(await page(kept.caseNo, day(1)))).not.toContain(duplicate.caseNo);
  });
});
