import { SignJWT } from 'jose';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../support/stack';
import {
  accept,
  act,
  addDaysMs,
  addMinutes,
  complaint,
  consultation,
  expectError,
  fileAndLogin,
  fileCase,
  login,
  SHANGHAI_ISO,
  show,
  track,
} from './helpers';

let stack: TestStack;
beforeAll(async () => {
  stack = await createTestStack();
});

const FILED_AT = new Date('2026-03-10T10:00:00+08:00');
beforeEach(() => stack.setNow(FILED_AT));

const get = (token?: string, path = '/api/track/case', headers?: Record<string, string>) =>
  stack.request('GET', path, { ...(token ? { token } : {}), ...(headers ? { headers } : {}) });

describe('GET /api/track/case: who may read', () => {
  it('answers 401 UNAUTHENTICATED without a token', async () => {
    expectError(await get(), 401, 'UNAUTHENTICATED');
  });

  it('answers 401 for a non-Bearer Authorization header', async () => {
    expectError(await get(undefined, '/api/track/case', { Authorization: 'Basic dXNlcjpwYXNz' }), 401, 'UNAUTHENTICATED');
  });

  it('answers 401 for a garbage token', async () => {
    expectError(await get('not-a-token'), 401, 'UNAUTHENTICATED');
    expectError(await get('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'), 401, 'UNAUTHENTICATED');
  });

  it('answers 401 for a token whose case number was edited', async () => {
    const a = await fileAndLogin(stack);
    const b = await fileCase(stack);
    const [header, payload, signature] = a.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const forged = [header, Buffer.from(JSON.stringify({ ...claims, sub: b.caseNo })).toString('base64url'), signature].join('.');
    expectError(await get(forged), 401, 'UNAUTHENTICATED');
  });

  it('answers 401 for a token signed with another key', async () => {
    const filed = await fileCase(stack);
    const now = Math.floor(FILED_AT.getTime() / 1000);
    const forged = await new SignJWT({ scope: 'citizen' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('minsheng')
      .setAudience('citizen')
      .setSubject(filed.caseNo)
      .setIssuedAt(now)
      .setExpirationTime(now + 1800)
      .sign(new TextEncoder().encode('some-other-secret-0123456789abcdef'));
    expectError(await get(forged), 401, 'UNAUTHENTICATED');
  });

  it('accepts the token until it expires, then answers 401 TOKEN_EXPIRED', async () => {
    const filed = await fileAndLogin(stack);
    stack.setNow(addMinutes(FILED_AT, 29));
    expect((await get(filed.token)).status).toBe(200);
    stack.setNow(addMinutes(FILED_AT, 31));
    expectError(await get(filed.token), 401, 'TOKEN_EXPIRED');
  });

  it('opens only the token\'s own case: asking for another case number still returns it', async () => {
    const a = await fileAndLogin(stack, complaint({ title: '甲案标题', content: '甲案内容' }));
    const b = await fileCase(stack, complaint({ title: '乙案的秘密标题', content: '乙案的秘密内容' }));
    for (const path of ['/api/track/case', `/api/track/case?caseNo=${b.caseNo}`]) {
      const res = await get(a.token, path, { 'X-Case-No': b.caseNo });
      expect(res.status, show(res)).toBe(200);
      expect(res.body.caseNo).toBe(a.caseNo);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain('乙案的秘密标题');
      expect(text).not.toContain('乙案的秘密内容');
      expect(text).not.toContain(b.caseNo);
    }
  });
});

describe('GET /api/track/case: what the citizen sees', () => {
  it('shows a new complaint as submitted, with its SLA promise and a first timeline entry', async () => {
    const filed = await fileAndLogin(stack);
    const view = await track(stack, filed.token);
    expect(view).toMatchObject({
      caseNo: filed.caseNo,
      type: 'complaint',
      categoryId: 'tuoqian-gongzi',
      categoryName: '拖欠农民工工资',
      title: complaint().title,
      content: complaint().content,
      status: 'submitted',
      statusLabel: '待受理',
      createdAt: '2026-03-10T10:00:00+08:00',
      dueAt: '2026-03-25T23:59:59+08:00',
      canRate: false,
      canSupplement: false,
      supplements: [],
    });
    expect(view.dueAt).toBe(filed.dueAt);
    expect(view.sla).toMatchObject({ level: 'normal', paused: false, daysLeft: 15, answerDays: 15 });
    expect(view.sla.rule).toContain('15');
    expect(view.timeline).toHaveLength(1);
    expect(view.timeline[0]).toEqual({ at: '2026-03-10T10:00:00+08:00', kind: 'submitted', text: expect.stringContaining('诉求已提交') });
    expect(view.answer).toBeUndefined();
    expect(view.rating).toBeUndefined();
  });

  it('states a 7-day rule for a consultation', async () => {
    const filed = await fileAndLogin(stack, consultation());
    const view = await track(stack, filed.token);
    expect(view.sla.rule).toContain('7');
    expect(view.sla.daysLeft).toBe(7);
    expect(view.dueAt).toBe('2026-03-17T23:59:59+08:00');
  });

  it("tells a consultation's citizen whether they agreed to publication; other types say nothing of it", async () => {
    expect((await track(stack, (await fileAndLogin(stack, consultation({ publishConsent: true }))).token)).publishConsent).toBe(true);
    expect((await track(stack, (await fileAndLogin(stack, consultation())).token)).publishConsent).toBe(false);
    expect(await track(stack, (await fileAndLogin(stack)).token)).not.toHaveProperty('publishConsent');
  });

  it('shows the SLA level move to warning and then overdue as days pass', async () => {
    const filed = await fileCase(stack);
    stack.setNow(addDaysMs(FILED_AT, 13));
    const warning = await track(stack, await login(stack, filed.caseNo, filed.password));
    expect(warning.sla).toMatchObject({ level: 'warning', daysLeft: 2 });

    stack.setNow(addDaysMs(FILED_AT, 16));
    const overdue = await track(stack, await login(stack, filed.caseNo, filed.password));
    expect(overdue.sla).toMatchObject({ level: 'overdue', daysLeft: -1 });
    expect(overdue.dueAt).toBe('2026-03-25T23:59:59+08:00');
  });

  it('shows acceptance with the department\'s Chinese name', async () => {
    const filed = await fileAndLogin(stack);
    await accept(stack, filed.caseNo);
    const view = await track(stack, filed.token);
    expect(view).toMatchObject({ status: 'in_progress', statusLabel: '办理中', departmentName: '人力资源和社会保障局' });
    expect(view.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'accepted']);
    expect(view.timeline[1].text).toContain('人力资源和社会保障局');
  });

  it('never shows the password, its hash, or who handled it from where', async () => {
    const filed = await fileAndLogin(stack);
    await accept(stack, filed.caseNo);
    const hash = await stack.deps.credentials.getPasswordHash(filed.caseNo);
    const text = JSON.stringify(await track(stack, filed.token));
    expect(text).not.toContain(filed.password);
    expect(text).not.toContain(hash!);
    expect(text).not.toContain('scrypt');
    expect(text).not.toMatch(/passwordHash|version|ownerId|actorId/);
    expect(text).not.toContain('intake-1');
    expect(text).not.toContain('198.51.100.1');
  });

  it('keeps internal events off the timeline: a pending extension request is not shown', async () => {
    const filed = await fileAndLogin(stack);
    await accept(stack, filed.caseNo);
    await act(stack, filed.caseNo, { action: 'request_extension', days: 10, reason: '需要现场勘查的内部理由' });
    const events = await stack.deps.cases.listEvents(filed.caseNo);
    expect(events.map((e) => e.kind)).toContain('extension_requested');

    const view = await track(stack, filed.token);
    expect(view.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submitted', 'accepted']);
    expect(JSON.stringify(view)).not.toContain('需要现场勘查的内部理由');
    expect(view.sla.extension).toBeUndefined();
    expect(view.dueAt).toBe('2026-03-25T23:59:59+08:00');
  });

  it('shows an approved extension with its reason and the later due date', async () => {
    const filed = await fileAndLogin(stack);
    await accept(stack, filed.caseNo);
    await act(stack, filed.caseNo, { action: 'request_extension', days: 10, reason: '涉及多个部门，需要联合调查' });
    await act(stack, filed.caseNo, { action: 'approve_extension' }, { role: 'supervisor', id: 's-1' });
    const view = await track(stack, filed.token);
    expect(view.dueAt).toBe('2026-04-04T23:59:59+08:00');
    expect(view.sla.extension).toEqual({ days: 10, reason: '涉及多个部门，需要联合调查' });
    expect(view.timeline.at(-1)).toMatchObject({ kind: 'extension_approved', text: expect.stringContaining('10') });
  });

  it('shows a rejection with its reason', async () => {
    const filed = await fileAndLogin(stack);
    await act(stack, filed.caseNo, { action: 'reject', reason: '不属于本平台受理范围' }, { role: 'intake', id: 'intake-1' });
    const view = await track(stack, filed.token);
    expect(view).toMatchObject({ status: 'rejected', statusLabel: '不予受理', canRate: false, canSupplement: false });
    expect(view.timeline.at(-1).text).toContain('不属于本平台受理范围');
  });

  it('gives every timeline entry a Shanghai time, a kind and a text, and nothing else', async () => {
    const filed = await fileAndLogin(stack);
    await accept(stack, filed.caseNo);
    const view = await track(stack, filed.token);
    for (const entry of view.timeline) {
      expect(Object.keys(entry).sort()).toEqual(['at', 'kind', 'text']);
      expect(entry.at).toMatch(SHANGHAI_ISO);
    }
  });
});
