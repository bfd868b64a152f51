/**
 * Dead letters (DynamoDB Local + the local fake WeChat over HTTP): a notification whose delivery
 * keeps failing is retried with a growing delay, and after MAX_DELIVERY_ATTEMPTS failures moves
 * out of the outbox into the dead letters — exactly once, even when two notifiers fail it at the
 * same moment — is logged at ERROR with the NotificationsDeadLettered metric (CloudWatch EMF), and
 * is never tried again; an admin lists it and replays it, and it is then delivered once. A failure
 * that clears up before the limit is delivered as usual.
 *
 * WeChat fails as it does in life: the deps' WeChat client has the wrong app secret, so the fake
 * refuses the access_token request.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The functions' logs are silenced for tests (vitest.config.mts); this file reads them. The logger
// takes its level when it is made, so before anything imports it.
const logs = vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  return { lines: [] as string[] };
});

import { createWeChatClient } from '../../../functions/src/adapters/wechat/client';
import { deliverNotifications, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from '../../../functions/src/services/notifications/notifier';
import type { Deps } from '../../../functions/src/services/deps';
import { startFakeWeChat, type FakeWeChat } from '../../../infra/src/fake-wechat';
import { createTestStack, type TestStack } from '../../support/stack';
import { consultation, fileCase, login, show } from '../helpers';
import { HANDLER, Officials, T0, acceptAt, actAt, day } from './sla-kit';

let stack: TestStack;
let fake: FakeWeChat;
let officials: Officials;
let broken: Deps;
const c: Record<'doomed' | 'transient', { caseNo: string; password: string }> = {} as never;

/** The stack's clock, moved forward by hand: each retry waits (retryDelayMs), an hour at most. */
let clock = day(1);
function advance(ms: number) {
  clock = new Date(clock.getTime() + ms);
  officials.at(clock);
}
const PAST_ANY_DELAY = 61 * 60_000;

const sentTo = (caseNo: string, title: string) => fake.messages().filter((m) => m.data.character_string1?.value === caseNo && m.data.thing2?.value === title);
const logRecords = () => logs.lines.flatMap((l) => (l.startsWith('{') ? [JSON.parse(l) as Record<string, any>] : []));
const deadLetteredLines = () => logRecords().filter((r) => r.message === 'notification dead-lettered after repeated failures');

beforeAll(async () => {
  const capture = (chunk: unknown) => {
    for (const line of String(chunk).split('\n')) if (line.trim()) logs.lines.push(line);
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture as never);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture as never);

  fake = await startFakeWeChat();
  stack = await createTestStack();
  const wechat = createWeChatClient({ baseUrl: fake.url, appId: fake.appId, appSecret: fake.appSecret });
  Object.assign(stack.deps, { wechat, wechatTemplateId: 'tpl-progress' } satisfies Partial<Deps>);
  broken = { ...stack.deps, wechat: createWeChatClient({ baseUrl: fake.url, appId: fake.appId, appSecret: 'not-the-secret' }) };
  officials = await Officials.seed(stack);
  officials.at(T0);
  for (const k of ['doomed', 'transient'] as const) {
    c[k] = await fileCase(stack, consultation({ title: `关于${k}的咨询` }));
    await acceptAt(stack, day(0.01), c[k].caseNo);
    const token = await login(stack, c[k].caseNo, c[k].password);
    const res = await stack.request('POST', '/api/track/case/subscription', { token, body: { code: `code-${k}`, templateIds: ['tpl-progress'] } });
    expect(res.status, show(res)).toBe(200);
  }
  officials.at(clock);
  await deliverNotifications(stack.deps); // what filing and accepting caused (the "accepted" message takes the first credit)
  for (const k of ['doomed', 'transient'] as const) {
    // WeChat's one-time rule: the case page asks again, and the citizen accepts one more message.
    const token = await login(stack, c[k].caseNo, c[k].password);
    const res = await stack.request('POST', '/api/track/case/subscription', { token, body: { code: `code-${k}`, templateIds: ['tpl-progress'] } });
    expect(res.body, show(res)).toEqual({ subscribed: true, credits: 1 });
  }
});

afterAll(async () => {
  vi.restoreAllMocks();
  await fake?.stop();
});

describe('a notification that keeps failing', () => {
  it(`is retried with a growing delay, and after ${MAX_DELIVERY_ATTEMPTS} failures dead-lettered exactly once (two notifiers failing it at once)`, async () => {
    await actAt(stack, clock, c.doomed.caseNo, { action: 'request_info', question: '请补充劳动合同' }, HANDLER);
    officials.at(clock);
    for (let attempt = 1; attempt < MAX_DELIVERY_ATTEMPTS; attempt++) {
      const r = await deliverNotifications(broken);
      expect(r, `attempt ${attempt}`).toMatchObject({ failed: 1, deadLettered: 0, wechat: 0 });
      // Not tried again before its delay is over…
      advance(retryDelayMs(attempt) - 1000);
      expect(await deliverNotifications(broken), `right after attempt ${attempt}`).toMatchObject({ failed: 0, deferred: 1 });
      // …and tried once it is.
      advance(1000);
    }
    expect(deadLetteredLines()).toEqual([]);
    // The last attempt fails in two notifiers at once (the sweep's and the every-minute one), before
    // either claims the WeChat send: reading the case fails (DynamoDB throttling it). Both count
    // the failure and both try to move it; the transaction lets one of them.
    // Each read waits until both notifiers have read (a barrier), so both have listed the item
    // before either fails it — however the two happen to be scheduled.
    let reads = 0;
    let bothRead!: () => void;
    const barrier = new Promise<void>((resolve) => (bothRead = resolve));
    const throttled: Deps = {
      ...broken,
      cases: {
        ...stack.deps.cases,
        getCase: async () => {
          if (++reads === 2) bothRead();
          await barrier;
          throw new Error('ProvisionedThroughputExceededException (simulated)');
        },
      },
    };
    const [a, b] = await Promise.all([deliverNotifications(throttled), deliverNotifications(throttled)]);
    expect(a.failed + b.failed).toBe(2);
    expect(a.deadLettered + b.deadLettered).toBe(1);
    expect(sentTo(c.doomed.caseNo, '需要您补充材料')).toEqual([]);
  });

  it('is logged once at ERROR with the NotificationsDeadLettered metric (EMF), and no personal data', () => {
    const lines = deadLetteredLines();
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ level: 'ERROR', kind: 'info_requested', audience: 'citizen', NotificationsDeadLettered: 1, outboxId: expect.any(String) });
    expect(line!.attempts).toBeGreaterThanOrEqual(MAX_DELIVERY_ATTEMPTS);
    expect(line!.error).toContain('ProvisionedThroughputExceeded');
    expect(line!._aws.CloudWatchMetrics).toEqual([{ Namespace: 'Minsheng', Dimensions: [['service']], Metrics: [{ Name: 'NotificationsDeadLettered', Unit: 'Count' }] }]);
    const text = JSON.stringify(line);
    for (const secret of [c.doomed.caseNo, '请补充劳动合同', fake.openidFor('code-doomed')]) expect(text).not.toContain(secret);
    // The retries before it were warnings, each with its attempt number.
    const warnings = logRecords().filter((r) => r.message === 'notification not delivered; will retry' && r.outboxId === line!.outboxId);
    expect(warnings.map((w) => w.attempts)).toEqual(Array.from({ length: MAX_DELIVERY_ATTEMPTS - 1 }, (_, i) => i + 1));
    expect(warnings.every((w) => w.level === 'WARN' && String(w.error).includes('WeChat token'))).toBe(true);
  });

  it('is no longer tried: hours later, with WeChat working again, nothing is sent and nothing is left in the outbox', async () => {
    const tokens = fake.tokenRequests();
    for (let i = 0; i < 3; i++) {
      advance(PAST_ANY_DELAY);
      expect(await deliverNotifications(stack.deps)).toEqual({ inbox: 0, wechat: 0, sms: 0, capped: 0, busy: 0, notSubscribed: 0, failed: 0, deferred: 0, deadLettered: 0 });
    }
    expect(await deliverNotifications(broken)).toMatchObject({ failed: 0, deadLettered: 0 });
    expect(fake.tokenRequests()).toBe(tokens);
    expect(sentTo(c.doomed.caseNo, '需要您补充材料')).toEqual([]);
  });

  it('admins see it (GET /api/console/admin/dead-letters): what, for which case, how often and why — not the message text', async () => {
    const { items } = await officials.get('admin', '/api/console/admin/dead-letters');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'info_requested', audience: { kind: 'citizen' }, caseNo: c.doomed.caseNo, title: '需要您补充材料', lastError: expect.stringContaining('ProvisionedThroughputExceeded') });
    expect(items[0].attempts).toBeGreaterThanOrEqual(MAX_DELIVERY_ATTEMPTS);
    expect(items[0]).not.toHaveProperty('body');
    const res = await stack.request('GET', '/api/console/admin/dead-letters', { token: await officials.token('duban') });
    expect(res.status, show(res)).toBe(403);
  });

  it('an admin replays it (POST …/{id}/replay): back in the outbox, delivered once by the next run; a second replay is 404', async () => {
    const { items } = await officials.get('admin', '/api/console/admin/dead-letters');
    const id = items[0].id as string;
    const token = await officials.token('admin');
    const replayed = await stack.request('POST', `/api/console/admin/dead-letters/${id}/replay`, { token });
    expect(replayed.status, show(replayed)).toBe(200);
    expect(replayed.body).toEqual({ id, replayed: true });
    expect((await officials.get('admin', '/api/console/admin/dead-letters')).items).toEqual([]);
    expect(await deliverNotifications(stack.deps)).toMatchObject({ wechat: 1, failed: 0, deadLettered: 0 });
    expect(await deliverNotifications(stack.deps)).toMatchObject({ wechat: 0 });
    expect(sentTo(c.doomed.caseNo, '需要您补充材料')).toHaveLength(1);
    const again = await stack.request('POST', `/api/console/admin/dead-letters/${id}/replay`, { token });
    expect(again.status, show(again)).toBe(404);
    expect(again.body.error.code).toBe('NOT_FOUND');
  });
});

describe('a failure that clears up before the limit', () => {
  it(`is delivered once after ${MAX_DELIVERY_ATTEMPTS - 1} failures, and never dead-lettered`, async () => {
    await actAt(stack, clock, c.transient.caseNo, { action: 'request_info', question: '请补充工资条' }, HANDLER);
    officials.at(clock);
    const deadBefore = deadLetteredLines().length;
    for (let attempt = 1; attempt < MAX_DELIVERY_ATTEMPTS; attempt++) {
      expect(await deliverNotifications(broken), `attempt ${attempt}`).toMatchObject({ failed: 1, deadLettered: 0 });
      advance(PAST_ANY_DELAY);
    }
    expect(await deliverNotifications(stack.deps)).toMatchObject({ wechat: 1, failed: 0, deadLettered: 0 });
    advance(PAST_ANY_DELAY);
    expect(await deliverNotifications(stack.deps)).toMatchObject({ wechat: 0, failed: 0, deferred: 0 });
    expect(sentTo(c.transient.caseNo, '需要您补充材料')).toHaveLength(1);
    expect(deadLetteredLines()).toHaveLength(deadBefore);
    expect((await officials.get('admin', '/api/console/admin/dead-letters')).items).toEqual([]);
  });
});
