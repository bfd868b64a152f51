/**
 * Notifications (DynamoDB Local + the local fake WeChat over HTTP): the outbox written with each
 * change is delivered into officials' inboxes and, for citizens who subscribed, as WeChat
 * subscription messages — at least once, and never twice. Citizens who did not subscribe are not
 * messaged. The WeChat client's token is refreshed once when WeChat invalidates it.
 *
 * The stack's deps get a WeChat client pointed at the fake (the routes use the same deps object),
 * as the local stack configures it through WECHAT_API_BASE / WECHAT_APP_ID / …
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWeChatClient } from '../../../functions/src/adapters/wechat/client';
import { deliverNotifications } from '../../../functions/src/services/notifications/notifier';
import type { Deps } from '../../../functions/src/services/deps';
import { startFakeWeChat, type FakeWeChat, type SentMessage } from '../../../infra/src/fake-wechat';
import { createTestStack, type TestStack } from '../../support/stack';
import { CHINESE, consultation, fileCase, login, show } from '../helpers';
import { HANDLER, Officials, T0, acceptAt, actAt, citizenOf, day, sweepAt } from './sla-kit';

let stack: TestStack;
let fake: FakeWeChat;
let officials: Officials;
let wechat: ReturnType<typeof createWeChatClient>;

/** Cases: `sub*` subscribed in WeChat, `plain*` not. */
const c: Record<'sub' | 'plain' | 'sub2' | 'plain2' | 'unaccepted', { caseNo: string; password: string }> = {} as never;
const codes = { sub: 'any-code', sub2: 'code-of-second-citizen' } as const;

const messagesFor = (caseNo: string): SentMessage[] => fake.messages().filter((m) => m.data.character_string1?.value === caseNo);

async function subscribe(k: 'sub' | 'sub2', code: string) {
  const token = await login(stack, c[k].caseNo, c[k].password);
  return stack.request('POST', '/api/track/case/subscription', { token, body: { code, templateIds: ['tpl-progress'] } });
}

beforeAll(async () => {
  fake = await startFakeWeChat();
  stack = await createTestStack();
  wechat = createWeChatClient({ baseUrl: fake.url, appId: fake.appId, appSecret: fake.appSecret });
  // What createDeps builds from the WECHAT_* settings; the routes use this same deps object.
  Object.assign(stack.deps, { wechat, wechatTemplateId: 'tpl-progress' } satisfies Partial<Deps>);
  officials = await Officials.seed(stack);
  officials.at(T0);
  const filed = await Promise.all(
    (['sub', 'plain', 'sub2', 'plain2', 'unaccepted'] as const).map(async (k) => [k, await fileCase(stack, consultation({ title: `关于${k}的咨询` }))] as const),
  );
  for (const [k, v] of filed) c[k] = v;
  for (const k of ['sub', 'plain', 'sub2', 'plain2'] as const) await acceptAt(stack, day(0.01), c[k].caseNo);
  officials.at(day(0.02));
});

afterAll(async () => {
  await fake?.stop();
});

describe('subscribing (POST /api/track/case/subscription)', () => {
  it('exchanges the wx.login code for the openid and keeps it on the case, never showing it to officials', async () => {
    const res = await subscribe('sub', codes.sub);
    expect(res.status, show(res)).toBe(200);
    // WeChat's one-time rule: one accepted request allows one message (a credit).
    expect(res.body).toEqual({ subscribed: true, credits: 1 });
    expect((await stack.deps.cases.getCase(c.sub.caseNo))!.subscription).toMatchObject({ openid: fake.openidFor(codes.sub), templateIds: ['tpl-progress'] });
    expect((await subscribe('sub2', codes.sub2)).status).toBe(200);
    const detail = await officials.get('shouli', `/api/console/cases/${c.sub.caseNo}`);
    expect(JSON.stringify(detail)).not.toContain(fake.openidFor(codes.sub));
  });

  it('an invalid code is refused with a Chinese message, and nothing is stored', async () => {
    const token = await login(stack, c.plain.caseNo, c.plain.password);
    const res = await stack.request('POST', '/api/track/case/subscription', { token, body: { code: 'invalid', templateIds: ['tpl-progress'] } });
    expect(res.status, show(res)).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields.code).toMatch(CHINESE);
    expect((await stack.deps.cases.getCase(c.plain.caseNo))!.subscription).toBeUndefined();
  });
});

describe('citizens are messaged in WeChat only if they subscribed', () => {
  it('an info request reaches the subscribed citizen (touser = their openid), not the one who did not subscribe', async () => {
    await deliverNotifications(stack.deps); // what filing and dispatch caused (the "accepted" message takes each subscriber's credit)
    // The case page asks again (one-time rule): one more message allowed.
    expect((await subscribe('sub', codes.sub)).body).toEqual({ subscribed: true, credits: 1 });
    const before = fake.messages().length;
    await actAt(stack, day(1), c.sub.caseNo, { action: 'request_info', question: '请补充劳动合同和工资条的复印件，以便核实欠薪金额' }, HANDLER);
    await actAt(stack, day(1), c.plain.caseNo, { action: 'request_info', question: '请补充身份证明' }, HANDLER);
    const result = await deliverNotifications(stack.deps);
    expect(result).toMatchObject({ wechat: 1, notSubscribed: 1, failed: 0 });
    expect(fake.messages().length - before).toBe(1);
    const [accepted, m] = messagesFor(c.sub.caseNo);
    expect(accepted!.data.thing2!.value, 'the acceptance went first, on the first credit').toBe('您的诉求已受理');
    expect(m).toMatchObject({ touser: fake.openidFor(codes.sub), template_id: 'tpl-progress', page: `subpackages/case/detail/index?caseNo=${c.sub.caseNo}` });
    expect(m!.data.thing2!.value).toBe('需要您补充材料');
    expect(Array.from(m!.data.thing3!.value).length).toBeLessThanOrEqual(20);
    expect(m!.data.thing3!.value).toBe(Array.from('请补充劳动合同和工资条的复印件，以便核实欠薪金额').slice(0, 20).join(''));
    expect(messagesFor(c.plain.caseNo)).toEqual([]);
  });

  it('a reply reaches the subscribed citizen', async () => {
    await actAt(stack, day(1.5), c.sub.caseNo, { action: 'supplement', content: '已上传劳动合同' }, citizenOf(c.sub.caseNo));
    await subscribe('sub', codes.sub);
    await actAt(stack, day(2), c.sub.caseNo, { action: 'reply', result: 'resolved', answer: '可向县劳动人事争议仲裁院申请仲裁。' }, HANDLER);
    const result = await deliverNotifications(stack.deps);
    expect(result.wechat).toBe(1);
    expect(messagesFor(c.sub.caseNo).map((m) => m.data.thing2!.value)).toEqual(['您的诉求已受理', '需要您补充材料', '您的诉求已答复']);
  });

  it('each message sent took one credit: none is left until the citizen accepts again', async () => {
    expect(await stack.deps.notifications.getWeChatCredits(c.sub.caseNo)).toBe(0);
  });

  it('with WeChat not configured, citizens are simply not messaged (and officials still are)', async () => {
    await actAt(stack, day(2.5), c.sub2.caseNo, { action: 'urge', note: '请尽快办理' }, { role: 'supervisor', id: 'duban' });
    const { wechat: _w, wechatTemplateId: _t, ...withoutWeChat } = stack.deps;
    const result = await deliverNotifications(withoutWeChat as Deps);
    expect(result).toMatchObject({ wechat: 0, failed: 0 });
    expect(result.inbox).toBeGreaterThanOrEqual(1);
  });
});

describe('SLA steps: who is told', () => {
  it('a warning for a case not yet dispatched goes to intake, not to a department', async () => {
    const before = fake.messages().length;
    const r = await sweepAt(stack, day(5));
    // sub is answered, plain is paused: sub2, plain2 and unaccepted warn.
    expect(r.steps).toEqual({ warning: 3, overdue: 0, severe: 0 });
    await deliverNotifications(stack.deps);
    officials.at(day(5));
    const intake = (await officials.inbox('shouli')).filter((i) => i.kind === 'sla_warning');
    expect(intake.map((i) => i.caseNo)).toEqual([c.unaccepted.caseNo]);
    const rsj = (await officials.inbox('rsj')).filter((i) => i.kind === 'sla_warning').map((i) => i.caseNo);
    expect(rsj.sort()).toEqual([c.sub2.caseNo, c.plain2.caseNo].sort());
    expect((await officials.inbox('zjj')).filter((i) => i.kind === 'sla_warning')).toEqual([]);
    expect(fake.messages().length, 'a warning is internal: no WeChat message').toBe(before);
  });

  it('overdue: supervisors’ inbox for every case; a WeChat message for the subscribed citizen only', async () => {
    await subscribe('sub2', codes.sub2);
    const r = await sweepAt(stack, day(8));
    expect(r.steps).toEqual({ warning: 0, overdue: 3, severe: 0 });
    const result = await deliverNotifications(stack.deps);
    expect(result).toMatchObject({ wechat: 1, failed: 0 });
    expect(result.notSubscribed).toBe(2);
    officials.at(day(8));
    const duban = (await officials.inbox('duban')).filter((i) => i.kind === 'sla_overdue').map((i) => i.caseNo);
    expect(duban.sort()).toEqual([c.sub2.caseNo, c.plain2.caseNo, c.unaccepted.caseNo].sort());
    const overdueMsgs = messagesFor(c.sub2.caseNo).filter((m) => m.data.thing2!.value === '办理已超期，已提请督办');
    expect(overdueMsgs).toHaveLength(1);
    expect(overdueMsgs[0]!.touser).toBe(fake.openidFor(codes.sub2));
    expect(messagesFor(c.plain2.caseNo)).toEqual([]);
    expect(messagesFor(c.unaccepted.caseNo)).toEqual([]);
  });

  it('delivering again delivers nothing twice: no new inbox items, no new WeChat messages', async () => {
    const before = { messages: fake.messages().length, duban: (await officials.inbox('duban')).length, rsj: (await officials.inbox('rsj')).length };
    const again = await deliverNotifications(stack.deps);
    expect(again).toEqual({ inbox: 0, wechat: 0, sms: 0, capped: 0, busy: 0, notSubscribed: 0, failed: 0, deferred: 0, deadLettered: 0 });
    expect(fake.messages().length).toBe(before.messages);
    const duban = await officials.inbox('duban');
    expect(duban.length).toBe(before.duban);
    expect(new Set(duban.map((i) => i.id)).size).toBe(duban.length);
    expect((await officials.inbox('rsj')).length).toBe(before.rsj);
  });

  it('severe, with the WeChat token invalidated meanwhile: the send refreshes the token once and succeeds; authority inboxes get it', async () => {
    await subscribe('sub2', codes.sub2);
    fake.invalidateToken();
    const tokensBefore = fake.tokenRequests();
    const r = await sweepAt(stack, day(15));
    expect(r.steps).toEqual({ warning: 0, overdue: 0, severe: 3 });
    const result = await deliverNotifications(stack.deps);
    expect(result).toMatchObject({ wechat: 1, failed: 0 });
    expect(fake.tokenRequests() - tokensBefore).toBe(1);
    const severeMsgs = messagesFor(c.sub2.caseNo).filter((m) => m.data.thing2!.value === '办理严重超期，已报上级督办');
    expect(severeMsgs).toHaveLength(1);
    officials.at(day(15));
    for (const who of ['duban', 'admin'] as const) {
      const severe = (await officials.inbox(who)).filter((i) => i.kind === 'sla_severe').map((i) => i.caseNo);
      expect(severe.sort(), who).toEqual([c.sub2.caseNo, c.plain2.caseNo, c.unaccepted.caseNo].sort());
    }
    expect((await officials.inbox('rsj')).filter((i) => i.kind === 'sla_severe')).toEqual([]);
    expect((await officials.inbox('shouli')).filter((i) => i.kind === 'sla_severe')).toEqual([]);
    // Every WeChat message to the second citizen, once each: accepted, overdue, severe (urge and warning are not for citizens).
    expect(messagesFor(c.sub2.caseNo).map((m) => m.data.thing2!.value)).toEqual(['您的诉求已受理', '办理已超期，已提请督办', '办理严重超期，已报上级督办']);
  });
});

describe('at least once: an undelivered notification stays in the outbox and goes out later, once', () => {
  it('WeChat failing (bad credentials) leaves the item for a later run (a minute on), which sends it once', async () => {
    const broken: Deps = { ...stack.deps, wechat: createWeChatClient({ baseUrl: fake.url, appId: fake.appId, appSecret: 'not-the-secret' }) };
    await subscribe('sub2', codes.sub2);
    await actAt(stack, day(16), c.sub2.caseNo, { action: 'request_info', question: '请补充银行流水' }, HANDLER);
    const failed = await deliverNotifications(broken);
    expect(failed).toMatchObject({ wechat: 0, failed: 1 });
    expect(messagesFor(c.sub2.caseNo).filter((m) => m.data.thing2!.value === '需要您补充材料')).toEqual([]);
    // Not tried again at once: the first retry waits a minute.
    expect(await deliverNotifications(stack.deps)).toMatchObject({ wechat: 0, failed: 0, deferred: 1 });
    stack.setNow(new Date(day(16).getTime() + 60_000));
    const retried = await deliverNotifications(stack.deps);
    expect(retried).toMatchObject({ wechat: 1, failed: 0 });
    expect((await deliverNotifications(stack.deps)).wechat).toBe(0);
    expect(messagesFor(c.sub2.caseNo).filter((m) => m.data.thing2!.value === '需要您补充材料')).toHaveLength(1);
  });

  it('two notifiers running at once (the sweep handler delivers, and so does the every-minute notifier) send each WeChat message once', async () => {
    // The second citizen supplements and is answered: one citizen message ("replied") waits in the outbox.
    await actAt(stack, day(16.5), c.sub2.caseNo, { action: 'supplement', content: '已上传银行流水' }, citizenOf(c.sub2.caseNo));
    await subscribe('sub2', codes.sub2);
    await actAt(stack, day(17), c.sub2.caseNo, { action: 'reply', result: 'resolved', answer: '经核实，已责令用人单位补发工资。' }, HANDLER);
    await actAt(stack, day(17), c.plain2.caseNo, { action: 'urge', note: '请当日办结' }, { role: 'supervisor', id: 'duban' });
    // WeChat answering slowly (300 ms), as it does at times: the window in which both runs work on the same item.
    const slow: Deps = {
      ...stack.deps,
      wechat: {
        codeToOpenId: (code) => wechat.codeToOpenId(code),
        sendSubscribeMessage: async (m) => {
          await new Promise((r) => setTimeout(r, 300));
          return wechat.sendSubscribeMessage(m);
        },
      },
    };
    const results = await Promise.all([deliverNotifications(slow), deliverNotifications(slow)]);
    expect(results.reduce((n, r) => n + r.failed, 0)).toBe(0);
    // Officials' inbox items are keyed by the outbox id: one item however many notifiers ran.
    officials.at(day(17));
    expect((await officials.inbox('rsj')).filter((i) => i.caseNo === c.plain2.caseNo && i.kind === 'urged')).toHaveLength(1);
    expect(messagesFor(c.sub2.caseNo).filter((m) => m.data.thing2!.value === '您的诉求已答复'), 'reply messages sent').toHaveLength(1);
  });
});
