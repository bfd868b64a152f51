/**
 * 找回 by the phone given at filing (DynamoDB Local + the local fake Tencent SMS over HTTP):
 * POST /api/recovery/sms-code texts a 6-digit code (5 minutes, 3 tries) only to a phone that has
 * cases, and answers — status, body, throttling — exactly the same for a phone without any;
 * POST /api/recovery/verify turns the right code into a "me" session via the phone.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../../functions/src/adapters/dynamo/client';
import { identityOf } from '../../../functions/src/services/citizen/identity';
import type { Deps } from '../../../functions/src/services/deps';
import { createTestStack, type ApiResponse, type TestStack } from '../../support/stack';
import { consultation, fileCase, freshIp, show } from '../helpers';
import { withFakes, type Fakes } from './sms-kit';

let stack: TestStack;
let fakes: Fakes;
let t = new Date('2026-04-01T10:00:00+08:00');
let phoneSeq = 0;

/** A fresh phone number (each test its own, so throttles of one never touch another). */
const newPhone = () => `139${String(10_000_000 + ++phoneSeq).slice(-8)}`;
const tel = (phone: string) => identityOf(stack.deps.identityKey, 'phone', phone);

/** A phone that has a case (the filing's link, as filing writes it with a phone). */
async function phoneWithCase(): Promise<{ phone: string; caseNo: string }> {
  const phone = newPhone();
  const c = await fileCase(stack, consultation({ contact: { name: '李女士', phone } }));
  await stack.deps.links.link({ identity: tel(phone), caseNo: c.caseNo, via: 'phone', linkedAt: t.toISOString() });
  return { phone, caseNo: c.caseNo };
}

const askCode = (phone: string, ip = freshIp()) => stack.request('POST', '/api/recovery/sms-code', { body: { phone }, ip });
const verify = (phone: string, code: string, ip = freshIp()) => stack.request('POST', '/api/recovery/verify', { body: { phone, code }, ip });
const codesTo = (phone: string) => fakes.sms.messagesTo(phone).filter((m) => m.templateId === fakes.sms.templates.code);
const lastCode = (phone: string) => codesTo(phone).at(-1)!.params[0]!;
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
/** What a client can observe of an answer. */
const observable = (res: ApiResponse) => ({ status: res.status, body: res.body, retryAfter: res.headers['retry-after'] });
const advance = (ms: number) => {
  t = new Date(t.getTime() + ms);
  stack.setNow(t);
};

const ANSWER = { expiresInSeconds: 300, resendAfterSeconds: 60 };
const CODE_INVALID = { error: { code: 'CODE_INVALID', message: '验证码错误或已过期' } };

beforeAll(async () => {
  stack = await createTestStack();
  fakes = await withFakes(stack);
  stack.setNow(t);
  // Answers wait out a floor (800 ms) so a phone with cases is not told by its timing; one test
  // below checks it, the others need not wait.
  stack.deps.recoveryAnswerFloorMs = 0;
});

afterAll(async () => {
  await fakes?.stop();
});

describe('asking for a code', () => {
  it('a phone with cases: 202 with the expiry and resend delay, and the phone receives a 6-digit code at once', async () => {
    const { phone } = await phoneWithCase();
    const res = await askCode(phone);
    expect(res.status, show(res)).toBe(202);
    expect(res.body).toEqual(ANSWER);
    const [m] = codesTo(phone);
    expect(m!.params[0]).toMatch(/^\d{6}$/);
    expect(m!.text).toBe(`【民声】您的验证码为${m!.params[0]}，5分钟内有效，用于找回民声诉求的查询。如非本人操作，请忽略本短信。`);
  });

  it('a phone without cases gets exactly the same answer — and no SMS', async () => {
    const known = await phoneWithCase();
    const unknown = newPhone();
    const [a, b] = [await askCode(known.phone), await askCode(unknown)];
    expect(observable(b)).toEqual(observable(a));
    expect(codesTo(known.phone)).toHaveLength(1);
    expect(fakes.sms.messagesTo(unknown)).toEqual([]);
    // Asking again at once: the same 429 for both (the throttle counts unknown phones the same).
    const [a2, b2] = [await askCode(known.phone), await askCode(unknown)];
    expect(a2.status).toBe(429);
    expect(observable(b2)).toEqual(observable(a2));
  });

  it('per phone: one a minute (429 with Retry-After), five a Shanghai day', async () => {
    const { phone } = await phoneWithCase();
    expect((await askCode(phone)).status).toBe(202);
    const again = await askCode(phone);
    expect(again.status, show(again)).toBe(429);
    expect(again.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(again.headers['retry-after'])).toBeLessThanOrEqual(60);
    // The wait it says is the one it means.
    expect(again.body.error.message).toBe(`验证码已发送，请 ${again.headers['retry-after']} 秒后再重新获取`);
    for (let i = 2; i <= 5; i++) {
      advance(61_000);
      expect((await askCode(phone)).status, `request ${i}`).toBe(202);
    }
    advance(61_000);
    const sixth = await askCode(phone);
    expect(sixth.status, show(sixth)).toBe(429);
    expect(sixth.body.error.message).toContain('今日');
    expect(codesTo(phone)).toHaveLength(5);
  });

  it('per client: ten an hour, whatever the phones — an eleventh is 429', async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++) expect((await askCode(newPhone(), ip)).status, `request ${i + 1}`).toBe(202);
    const res = await askCode(newPhone(), ip);
    expect(res.status, show(res)).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a malformed phone is a field error; SMS not configured is 503 for every phone alike; Tencent failing changes nothing the caller sees', async () => {
    const bad = await askCode('12345');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.phone).toBe('请填写 11 位手机号');
    const saved = { sms: stack.deps.sms, smsTemplates: stack.deps.smsTemplates };
    try {
      delete (stack.deps as Partial<Deps>).sms;
      delete (stack.deps as Partial<Deps>).smsTemplates;
      const known = await phoneWithCase();
      const [a, b] = [await askCode(known.phone), await askCode(newPhone())];
      expect(a.status).toBe(503);
      expect(observable(b)).toEqual(observable(a));
    } finally {
      Object.assign(stack.deps, saved);
    }
    // Tencent failing: the phone with cases is answered as any other phone (a 503 would tell that
    // it has cases); no code arrives, and asking again after a minute works once Tencent is back.
    const known2 = await phoneWithCase();
    fakes.sms.setFailing(true);
    try {
      const [a, b] = [await askCode(known2.phone), await askCode(newPhone())];
      expect(a.status, show(a)).toBe(202);
      expect(observable(a)).toEqual(observable(b));
      expect(codesTo(known2.phone)).toEqual([]);
    } finally {
      fakes.sms.setFailing(false);
    }
    advance(61_000);
    expect((await askCode(known2.phone)).status).toBe(202);
    expect(codesTo(known2.phone)).toHaveLength(1);
  });

  it('never answers sooner for a phone without cases than for one with them: both wait out the same floor', async () => {
    const floor = 400;
    stack.deps.recoveryAnswerFloorMs = floor;
    try {
      const known = await phoneWithCase();
      for (const phone of [known.phone, newPhone()]) {
        const started = performance.now();
        expect((await askCode(phone)).status).toBe(202);
        expect(performance.now() - started, phone === known.phone ? 'with cases' : 'without').toBeGreaterThanOrEqual(floor - 5);
      }
      expect(codesTo(known.phone)).toHaveLength(1);
    } finally {
      stack.deps.recoveryAnswerFloorMs = 0;
    }
  });

  it('the code is stored only as a keyed hash: neither the code nor the phone appears in the table', async () => {
    const { phone } = await phoneWithCase();
    await askCode(phone);
    const code = lastCode(phone);
    const client = createDocumentClient({ region: 'local', endpoint: inject('dynamoEndpoint') });
    const { Items = [] } = await client.send(new ScanCommand({ TableName: stack.tableName }));
    const recovery = Items.filter((i) => String(i.pk).startsWith('RECOVERY#'));
    expect(recovery.length).toBeGreaterThan(0);
    const dump = JSON.stringify(recovery) + JSON.stringify(Items.filter((i) => String(i.pk).startsWith('THROTTLE#')));
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(phone);
  });
});

describe('verifying the code', () => {
  it('the right code gives a "me" session via the phone (its tel: identity); the code works once', async () => {
    const { phone } = await phoneWithCase();
    await askCode(phone);
    const res = await verify(phone, lastCode(phone));
    expect(res.status, show(res)).toBe(200);
    expect(res.body).toEqual({ token: expect.any(String), expiresAt: expect.stringMatching(/\+08:00$/) });
    expect(await stack.deps.tokens.verifyMeToken(res.body.token, t)).toEqual({ via: 'phone', identity: tel(phone) });
    // The phone's cases are the session's: the link the filing wrote.
    expect((await stack.deps.links.listLinks(tel(phone), 10)).map((l) => l.via)).toEqual(['phone']);
    const again = await verify(phone, lastCode(phone));
    expect(observable(again)).toEqual({ status: 401, body: CODE_INVALID, retryAfter: undefined });
  });

  it('spaces, dashes or +86 in the phone are the same phone', async () => {
    const { phone } = await phoneWithCase();
    await askCode(`+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`);
    expect((await verify(phone, lastCode(phone))).status).toBe(200);
  });

  it('a wrong code: 401 验证码错误或已过期 — the same answer as a phone that never asked, or has no cases', async () => {
    const { phone } = await phoneWithCase();
    await askCode(phone);
    const wrong = await verify(phone, wrongCode(lastCode(phone)));
    expect(observable(wrong)).toEqual({ status: 401, body: CODE_INVALID, retryAfter: undefined });
    expect(observable(await verify(newPhone(), '123456'))).toEqual(observable(wrong));
    const unknown = newPhone();
    await askCode(unknown);
    expect(observable(await verify(unknown, '123456'))).toEqual(observable(wrong));
    // The right code still works after one wrong try.
    expect((await verify(phone, lastCode(phone))).status).toBe(200);
  });

  it('an expired code (after 5 minutes): 401', async () => {
    const { phone } = await phoneWithCase();
    await askCode(phone);
    advance(300_000);
    expect(observable(await verify(phone, lastCode(phone)))).toEqual({ status: 401, body: CODE_INVALID, retryAfter: undefined });
  });

  it('three wrong tries void the code: the right one is refused afterwards; a new code works', async () => {
    const { phone } = await phoneWithCase();
    await askCode(phone);
    const code = lastCode(phone);
    for (let i = 0; i < 3; i++) expect((await verify(phone, wrongCode(code))).status, `try ${i + 1}`).toBe(401);
    expect(observable(await verify(phone, code))).toEqual({ status: 401, body: CODE_INVALID, retryAfter: undefined });
    advance(61_000);
    await askCode(phone);
    expect((await verify(phone, lastCode(phone))).status).toBe(200);
  });

  it('simultaneous guesses: at most three are ever compared', async () => {
    const { phone } = await phoneWithCase();
    await askCode(phone);
    const code = lastCode(phone);
    const guesses = await Promise.all(Array.from({ length: 6 }, () => verify(phone, wrongCode(code))));
    expect(guesses.every((g) => g.status === 401)).toBe(true);
    expect((await verify(phone, code)).status).toBe(401);
  });

  it('per client: twenty tries an hour, then 429 with Retry-After', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) expect((await verify(newPhone(), '000000', ip)).status).toBe(401);
    const res = await verify(newPhone(), '000000', ip);
    expect(res.status, show(res)).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a code that is not 6 digits is a field error', async () => {
    const res = await verify(newPhone(), '12ab');
    expect(res.status).toBe(400);
    expect(res.body.error.fields.code).toBe('请填写短信中的 6 位验证码');
  });
});
