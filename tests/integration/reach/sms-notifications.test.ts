/**
 * Progress messages that arrive (DynamoDB Local, the local fake Tencent SMS and fake WeChat over
 * HTTP): a citizen who gave a phone is texted the case number at filing (never the password) and
 * each step a citizen must hear of; a citizen who subscribed in WeChat gets the same steps there,
 * one message per accepted subscription. Each channel is sent once however many notifiers run,
 * a WeChat failure is retried without texting twice, a phone gets at most the daily cap, an
 * opted-out phone gets nothing, and a merged case's citizen hears of the kept case's answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWeChatClient } from '../../../functions/src/adapters/wechat/client';
import { deliverNotifications } from '../../../functions/src/services/notifications/notifier';
import type { Deps } from '../../../functions/src/services/deps';
import { createTestStack, type TestStack } from '../../support/stack';
import { complaint, consultation, fileCase, login, show } from '../helpers';
import { HANDLER, INTAKE, Officials, T0, acceptAt, actAt, citizenOf, day, sweepAt } from '../sla/sla-kit';
import { setSmsOptIn, withFakes, type Fakes } from './sms-kit';

let stack: TestStack;
let fakes: Fakes;

const PHONES = { main: '13800000001', retry: '13800000002', capped: '13800000003', optedOut: '13800000004', merged: '13800000005', race: '13800000006' } as const;

const smsTo = (phone: string) => fakes.sms.messagesTo(phone).map((m) => m.text);
const wechatFor = (caseNo: string) => fakes.wechat.messages().filter((m) => m.data.character_string1?.value === caseNo).map((m) => m.data.thing2!.value);

/** A consultation (due at the end of day 7) by a citizen who gave their phone. */
async function file(phone: string, title = '欠薪可以向哪里申请仲裁？') {
  return fileCase(stack, consultation({ title, contact: { name: '王先生', phone } }));
}

/** The citizen accepts one WeChat message (wx.requestSubscribeMessage), as the case page asks. */
async function subscribe(c: { caseNo: string; password: string }) {
  const token = await login(stack, c.caseNo, c.password);
  const res = await stack.request('POST', '/api/track/case/subscription', { token, body: { code: `code-${c.caseNo}`, templateIds: ['tpl-progress'] } });
  expect(res.status, show(res)).toBe(200);
  return res.body as { subscribed: boolean; credits: number };
}

/** What one notifier run sent, by channel, as the citizen sees it. */
async function delivered(phone: string, caseNo: string, deps: Deps = stack.deps) {
  const [sms, wx] = [smsTo(phone).length, wechatFor(caseNo).length];
  const result = await deliverNotifications(deps);
  return { result, sms: smsTo(phone).slice(sms), wechat: wechatFor(caseNo).slice(wx) };
}

beforeAll(async () => {
  stack = await createTestStack();
  fakes = await withFakes(stack);
  const officials = await Officials.seed(stack);
  officials.at(T0);
});

afterAll(async () => {
  await fakes?.stop();
});

describe('one citizen, every step: the SMS and the WeChat message each arrive once, with the right words', () => {
  let c: { caseNo: string; password: string };

  it('filed: the SMS carries the case number and says the phone recovers the password — never the password; nothing by WeChat', async () => {
    stack.setNow(T0);
    c = await file(PHONES.main);
    const { result, sms, wechat } = await delivered(PHONES.main, c.caseNo);
    expect(sms).toEqual([`【民声】您的诉求已提交，案件编号${c.caseNo}。请妥善保管查询密码；凭本手机号可找回查询密码。`]);
    expect(sms[0]).not.toContain(c.password);
    expect(wechat).toEqual([]);
    expect(result).toMatchObject({ sms: 1, wechat: 0, failed: 0 });
  });

  it('subscribing once allows one WeChat message (credits: 1); each accepted request adds one', async () => {
    expect(await subscribe(c)).toEqual({ subscribed: true, credits: 1 });
  });

  const steps: { name: string; act: () => Promise<unknown>; phrase: string; title: string }[] = [
    { name: 'accepted', act: () => acceptAt(stack, day(0.01), c.caseNo), phrase: '已受理', title: '您的诉求已受理' },
    { name: 'information requested', act: () => actAt(stack, day(1), c.caseNo, { action: 'request_info', question: '请补充工资条' }, HANDLER), phrase: '需补充材料', title: '需要您补充材料' },
    {
      name: 'overdue (told it is being urged)',
      act: async () => {
        await actAt(stack, day(1.2), c.caseNo, { action: 'supplement', content: '已上传工资条' }, citizenOf(c.caseNo));
        await sweepAt(stack, day(9));
      },
      phrase: '已提请督办',
      title: '办理已超期，已提请督办',
    },
    { name: 'replied', act: () => actAt(stack, day(9.5), c.caseNo, { action: 'reply', result: 'resolved', answer: '已责令用人单位限期支付。' }, HANDLER), phrase: '已答复', title: '您的诉求已答复' },
    { name: 'closed', act: () => actAt(stack, day(17), c.caseNo, { action: 'close', reason: '群众未评价' }, INTAKE), phrase: '已办结', title: '您的诉求已办结' },
  ];
  for (const step of steps) {
    it(`${step.name}: one SMS 「…案件编号…${step.phrase}…」 and one WeChat message 「${step.title}」`, async () => {
      if (step.name !== 'accepted') await subscribe(c); // the case page asks again after each message
      await step.act();
      const { result, sms, wechat } = await delivered(PHONES.main, c.caseNo);
      expect(sms).toEqual([`【民声】您的诉求（案件编号${c.caseNo}）${step.phrase}，请在“民声”小程序查询进度查看详情。`]);
      expect(wechat).toEqual([step.title]);
      expect(result).toMatchObject({ failed: 0, capped: 0 });
      // Delivering again sends nothing by either channel.
      const again = await delivered(PHONES.main, c.caseNo);
      expect([again.sms, again.wechat]).toEqual([[], []]);
    });
  }

  it('the SMS never carries the password, and the phone numbers are all E.164 to the one phone', () => {
    const all = fakes.sms.messagesTo(PHONES.main);
    expect(all).toHaveLength(1 + steps.length);
    for (const m of all) expect(m.text).not.toContain(c.password);
  });

  it('with no WeChat credit left, the message goes by SMS only (notSubscribed), and WeChat is not tried', async () => {
    const d = await file(PHONES.main, '噪音扰民');
    await subscribe(d);
    await deliverNotifications(stack.deps);
    await acceptAt(stack, day(17.1), d.caseNo); // takes the credit
    await deliverNotifications(stack.deps);
    await actAt(stack, day(17.2), d.caseNo, { action: 'request_info', question: '请补充噪音时段' }, HANDLER);
    const { result, sms, wechat } = await delivered(PHONES.main, d.caseNo);
    expect(wechat).toEqual([]);
    expect(sms).toHaveLength(1);
    expect(result).toMatchObject({ notSubscribed: 1, sms: 1, failed: 0 });
  });
});

describe('sent once per channel', () => {
  it('two notifier runs at once (SMS and WeChat answering slowly) send each message once', async () => {
    stack.setNow(day(18));
    const c = await file(PHONES.race);
    await subscribe(c);
    await deliverNotifications(stack.deps);
    await acceptAt(stack, day(18.01), c.caseNo);
    const slow: Deps = {
      ...stack.deps,
      sms: { send: async (m) => (await new Promise((r) => setTimeout(r, 300)), fakes.smsClient.send(m)) },
      wechat: { ...stack.deps.wechat!, sendSubscribeMessage: async (m) => (await new Promise((r) => setTimeout(r, 300)), stack.deps.wechat!.sendSubscribeMessage(m)) },
    };
    const before = { sms: smsTo(PHONES.race).length, wx: wechatFor(c.caseNo).length };
    const runs = await Promise.all([deliverNotifications(slow), deliverNotifications(slow)]);
    expect(runs.reduce((n, r) => n + r.failed, 0)).toBe(0);
    // A run that found the other's claim leaves the item; a later run finishes it without sending again.
    await deliverNotifications(stack.deps);
    expect(smsTo(PHONES.race).length - before.sms).toBe(1);
    expect(wechatFor(c.caseNo).length - before.wx).toBe(1);
  });

  it('WeChat failing: the item is retried, and the retry sends WeChat without texting the citizen a second time', async () => {
    stack.setNow(day(19));
    const c = await file(PHONES.retry);
    await subscribe(c);
    await deliverNotifications(stack.deps); // the filed SMS (WeChat has nothing to say yet: the credit stays)
    await acceptAt(stack, day(19.01), c.caseNo);
    const broken: Deps = { ...stack.deps, wechat: createWeChatClient({ baseUrl: fakes.wechat.url, appId: fakes.wechat.appId, appSecret: 'not-the-secret' }) };
    const first = await delivered(PHONES.retry, c.caseNo, broken);
    expect(first.result).toMatchObject({ failed: 1, sms: 1, wechat: 0 });
    expect(first.sms).toHaveLength(1);
    expect(first.wechat).toEqual([]);
    stack.setNow(new Date(day(19.01).getTime() + 61_000));
    const retried = await delivered(PHONES.retry, c.caseNo);
    expect(retried.result).toMatchObject({ failed: 0, wechat: 1, sms: 0 });
    expect(retried.wechat).toEqual(['您的诉求已受理']);
    expect(retried.sms, 'no second SMS').toEqual([]);
    expect(smsTo(PHONES.retry).filter((t) => t.includes('已受理'))).toHaveLength(1);
    // The failed send gave its credit back: it was used by the retry, none is left.
    expect(await stack.deps.notifications.getWeChatCredits(c.caseNo)).toBe(0);
  });

  it('SMS failing: retried later, sent once; the WeChat message already sent is not sent again', async () => {
    stack.setNow(day(20));
    const c = await file(PHONES.retry, '路灯不亮');
    await subscribe(c);
    await deliverNotifications(stack.deps);
    await acceptAt(stack, day(20.01), c.caseNo);
    fakes.sms.setFailing(true);
    try {
      const first = await delivered(PHONES.retry, c.caseNo);
      expect(first.result).toMatchObject({ failed: 1, wechat: 1, sms: 0 });
    } finally {
      fakes.sms.setFailing(false);
    }
    stack.setNow(new Date(day(20.01).getTime() + 61_000));
    const retried = await delivered(PHONES.retry, c.caseNo);
    expect(retried.result).toMatchObject({ failed: 0, wechat: 0, sms: 1 });
    expect(retried.sms).toHaveLength(1);
    expect(wechatFor(c.caseNo)).toEqual(['您的诉求已受理']);
  });
});

describe('the per-phone daily cap (SMS_DAILY_CAP_PER_PHONE, Shanghai day)', () => {
  it('beyond the cap a progress SMS is not sent, counted as capped, and not retried; the next Shanghai day it is texted again', async () => {
    const capped: Deps = { ...stack.deps, smsDailyCap: 2 };
    // Tuesday 2026-03-24, 09:00 in Beijing: three progress messages for one phone, over two cases.
    const morning = new Date('2026-03-24T09:00:00+08:00');
    stack.setNow(morning);
    const a = await file(PHONES.capped, '小区垃圾清运不及时');
    const b = await file(PHONES.capped, '小区路面破损');
    const filed = await delivered(PHONES.capped, a.caseNo, capped);
    expect(filed.sms, 'the filed SMS does not count against the cap').toHaveLength(2);
    await acceptAt(stack, new Date(morning.getTime() + 60_000), a.caseNo);
    await acceptAt(stack, new Date(morning.getTime() + 120_000), b.caseNo);
    await actAt(stack, new Date(morning.getTime() + 180_000), a.caseNo, { action: 'request_info', question: '请补充照片' }, HANDLER);
    const run = await delivered(PHONES.capped, a.caseNo, capped);
    expect(run.sms).toHaveLength(2);
    expect(run.result).toMatchObject({ capped: 1, failed: 0 });
    // Not retried: the outbox holds nothing more for this phone.
    stack.setNow(new Date(morning.getTime() + 3 * 3600_000));
    const later = await delivered(PHONES.capped, a.caseNo, capped);
    expect(later.sms).toEqual([]);
    expect(later.result).toMatchObject({ capped: 0, sms: 0 });
    // The next Shanghai day (00:05 Beijing, still the 24th in UTC) the phone is texted again.
    stack.setNow(new Date('2026-03-25T00:05:00+08:00'));
    await actAt(stack, new Date('2026-03-25T00:05:00+08:00'), b.caseNo, { action: 'request_info', question: '请补充位置' }, HANDLER);
    const nextDay = await delivered(PHONES.capped, b.caseNo, capped);
    expect(nextDay.sms).toHaveLength(1);
    expect(nextDay.result).toMatchObject({ capped: 0 });
  });

  it('the counter is keyed by a keyed hash of the phone: the number is in no key', async () => {
    const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
    const { createDocumentClient } = await import('../../../functions/src/adapters/dynamo/client');
    const { inject } = await import('vitest');
    const client = createDocumentClient({ region: 'local', endpoint: inject('dynamoEndpoint') });
    const { Items = [] } = await client.send(new ScanCommand({ TableName: stack.tableName, ProjectionExpression: 'pk, sk' }));
    const keys = Items.map((i) => `${i.pk} ${i.sk}`).join('\n');
    expect(keys).toContain('THROTTLE#sms-day:tel:');
    for (const phone of Object.values(PHONES)) expect(keys).not.toContain(phone);
  });
});

describe('opting out, and merged cases', () => {
  it('a phone that opted out gets nothing: not the filed SMS, not progress', async () => {
    stack.setNow(day(21));
    const c = await file(PHONES.optedOut);
    await setSmsOptIn(stack, c.caseNo, false);
    await acceptAt(stack, day(21.01), c.caseNo);
    await deliverNotifications(stack.deps);
    expect(smsTo(PHONES.optedOut)).toEqual([]);
  });

  it('a case merged into another: its citizen receives the kept case’s answer and closing under their own case number, by SMS and WeChat', async () => {
    stack.setNow(day(22));
    const kept = await fileCase(stack, complaint({ title: '城南小区停水三天' }));
    const merged = await file(PHONES.merged, '城南小区停水');
    await subscribe(merged);
    await acceptAt(stack, day(22.01), kept.caseNo);
    await actAt(stack, day(22.02), merged.caseNo, { action: 'merge', intoCaseNo: kept.caseNo }, INTAKE);
    await deliverNotifications(stack.deps);
    const before = smsTo(PHONES.merged).length;
    await actAt(stack, day(23), kept.caseNo, { action: 'reply', result: 'resolved', answer: '供水管道已抢修完毕，今日恢复供水。' }, HANDLER);
    const replied = await delivered(PHONES.merged, merged.caseNo);
    expect(replied.sms).toEqual([`【民声】您的诉求（案件编号${merged.caseNo}）已答复，请在“民声”小程序查询进度查看详情。`]);
    expect(replied.wechat).toEqual(['您的诉求已答复']);
    const page = fakes.wechat.messages().filter((m) => m.data.character_string1?.value === merged.caseNo).at(-1)!;
    expect(page.page).toBe(`subpackages/case/detail/index?caseNo=${merged.caseNo}`);
    expect(smsTo(PHONES.merged).length - before).toBe(1);
    await actAt(stack, day(31), kept.caseNo, { action: 'close', reason: '群众未评价' }, INTAKE);
    const closed = await delivered(PHONES.merged, merged.caseNo);
    expect(closed.sms).toEqual([`【民声】您的诉求（案件编号${merged.caseNo}）已办结，请在“民声”小程序查询进度查看详情。`]);
  });
});
