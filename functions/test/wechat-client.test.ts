/**
 * The WeChat server-API client against the local fake WeChat, over real HTTP: access_token cached
 * and shared, refreshed exactly once when WeChat says it is no longer valid, code2Session.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '@minsheng/shared';
import { startFakeWeChat, type FakeWeChat } from '../../infra/src/fake-wechat';
import { createWeChatClient } from '../src/adapters/wechat/client';

let fake: FakeWeChat;
beforeAll(async () => {
  fake = await startFakeWeChat();
});
afterAll(async () => {
  await fake.stop();
});

const message = (openid: string, n = 1) => ({
  openid,
  templateId: 'tpl-progress',
  page: `subpackages/case/detail/index?caseNo=2026031012345${n % 10}`,
  data: { character_string1: { value: `2026031012345${n % 10}` }, thing2: { value: '办理进度' }, thing3: { value: `第 ${n} 条` } },
});

const client = (over: Partial<Parameters<typeof createWeChatClient>[0]> = {}) =>
  createWeChatClient({ baseUrl: fake.url, appId: fake.appId, appSecret: fake.appSecret, ...over });

let tokensBefore: number;
let messagesBefore: number;
beforeEach(() => {
  tokensBefore = fake.tokenRequests();
  messagesBefore = fake.messages().length;
});
const newTokens = () => fake.tokenRequests() - tokensBefore;
const newMessages = () => fake.messages().slice(messagesBefore);

describe('WeChat client: access_token', () => {
  it('fetches a token on first use and reuses it for later sends', async () => {
    const wx = client();
    for (let i = 0; i < 5; i++) await wx.sendSubscribeMessage(message('o-user-a', i));
    expect(newTokens()).toBe(1);
    expect(wx.tokenFetches()).toBe(1);
    expect(newMessages()).toHaveLength(5);
    expect(newMessages()[0]).toMatchObject({ touser: 'o-user-a', template_id: 'tpl-progress', page: 'subpackages/case/detail/index?caseNo=20260310123450' });
    expect(newMessages()[0]!.data.thing2).toEqual({ value: '办理进度' });
  });

  it('concurrent sends on a cold client share one token fetch', async () => {
    const wx = client();
    await Promise.all(Array.from({ length: 12 }, (_, i) => wx.sendSubscribeMessage(message(`o-concurrent-${i}`, i))));
    expect(newTokens()).toBe(1);
    expect(newMessages()).toHaveLength(12);
  });

  it('when WeChat invalidates the token, the next send refreshes it exactly once and succeeds', async () => {
    const wx = client();
    await wx.sendSubscribeMessage(message('o-user-b', 1));
    expect(newTokens()).toBe(1);

    fake.invalidateToken();
    await wx.sendSubscribeMessage(message('o-user-b', 2));
    expect(newTokens()).toBe(2);
    expect(newMessages().map((m) => m.data.thing3!.value)).toEqual(['第 1 条', '第 2 条']);

    // The refreshed token is cached again.
    await wx.sendSubscribeMessage(message('o-user-b', 3));
    expect(newTokens()).toBe(2);
  });

  it('concurrent sends that all meet an invalidated token share one refresh, and all are delivered', async () => {
    const wx = client();
    await wx.sendSubscribeMessage(message('o-user-c', 0));
    fake.invalidateToken();
    const before = fake.tokenRequests();
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => wx.sendSubscribeMessage(message(`o-after-invalidate-${i}`, i))));
    const rejected = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
    expect(rejected, 'sends that failed').toEqual([]);
    expect(fake.tokenRequests() - before, 'token fetches for one invalidation').toBe(1);
    expect(newMessages().filter((m) => m.touser.startsWith('o-after-invalidate-'))).toHaveLength(8);
  });

  it('a rejection of an already-replaced token that arrives late does not fetch another token', async () => {
    // Two sends meet the same invalidated token; one's 40001 answer arrives only after the other
    // has refreshed the token and succeeded. The late one should retry with the new token, not
    // fetch a third one (which, at WeChat, invalidates the token other senders are using).
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const delayed: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (typeof init?.body === 'string' && init.body.includes('"o-late"')) {
        const body = await res.text();
        if (body.includes('40001')) await gate;
        return new Response(body, { status: res.status, headers: res.headers });
      }
      return res;
    };
    const wx = client({ fetch: delayed });
    await wx.sendSubscribeMessage(message('o-warm', 0));
    fake.invalidateToken();
    const before = fake.tokenRequests();
    const late = wx.sendSubscribeMessage(message('o-late', 1));
    await wx.sendSubscribeMessage(message('o-early', 2));
    release();
    await late;
    expect(newMessages().map((m) => m.touser)).toEqual(['o-warm', 'o-early', 'o-late']);
    expect(fake.tokenRequests() - before, 'token fetches for one invalidation').toBe(1);
  });

  it('fetches a new token once the cached one is about to expire (5 minutes early)', async () => {
    let clock = 1_000_000;
    const wx = client({ now: () => clock });
    await wx.sendSubscribeMessage(message('o-user-d', 1));
    clock += (7200 - 300) * 1000 - 1; // still valid
    await wx.sendSubscribeMessage(message('o-user-d', 2));
    expect(newTokens()).toBe(1);
    clock += 2; // within the last five minutes
    await wx.sendSubscribeMessage(message('o-user-d', 3));
    expect(newTokens()).toBe(2);
  });

  it('a wrong app secret fails the send with an error (and sends nothing)', async () => {
    const wx = client({ appSecret: 'wrong' });
    await expect(wx.sendSubscribeMessage(message('o-user-e'))).rejects.toThrow(/WeChat token/);
    expect(newMessages()).toHaveLength(0);
  });

  it('errors other than an invalid token are not retried', async () => {
    const wx = client();
    await expect(wx.sendSubscribeMessage({ ...message(''), openid: '' })).rejects.toThrow(/47003/);
    expect(newTokens()).toBe(1);
  });
});

describe('WeChat client: code2Session', () => {
  it('exchanges a wx.login code for the openid the fake gives it', async () => {
    expect(await client().codeToOpenId('any-code')).toBe(fake.openidFor('any-code'));
  });

  it('an invalid code is a validation error with a Chinese message', async () => {
    const error = await client()
      .codeToOpenId('invalid')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify((error as DomainError & { fields?: unknown }).fields ?? error)).toMatch(/[\u4e00-\u9fa5]/);
  });
});
