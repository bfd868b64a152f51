import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../support/stack';
import { complaint, consultation, fileCase, login, PASSWORD_RE, SHANGHAI_ISO, show, track } from './helpers';

let stack: TestStack;
beforeAll(async () => {
  stack = await createTestStack();
});

// 23:30 on 10 March in Shanghai is still 15:30 UTC the same day.
const LATE_EVENING = new Date('2026-03-10T23:30:00+08:00');
// 00:30 on 11 March in Shanghai is 16:30 UTC on 10 March: the date must be Shanghai's.
const AFTER_MIDNIGHT = new Date('2026-03-11T00:30:00+08:00');

beforeEach(() => stack.setNow(LATE_EVENING));

describe('POST /api/cases: what the citizen is given', () => {
  it('answers 201 with a case number, a password, the type, status submitted and the due date', async () => {
    const res = await stack.request('POST', '/api/cases', { body: complaint() });
    expect(res.status, show(res)).toBe(201);
    expect(res.body).toEqual({
      caseNo: expect.stringMatching(/^20260310\d{6}$/),
      password: expect.stringMatching(PASSWORD_RE),
      type: 'complaint',
      status: 'submitted',
      dueAt: '2026-03-25T23:59:59+08:00',
      statusKey: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
    });
  });

  it('gives a complaint 15 days and a consultation 7, to the end of the Shanghai day', async () => {
    const c = await fileCase(stack, complaint());
    const q = await fileCase(stack, consultation());
    expect(c.dueAt).toBe('2026-03-25T23:59:59+08:00');
    expect(q.dueAt).toBe('2026-03-17T23:59:59+08:00');
    expect(q.type).toBe('consultation');
    expect(c.dueAt).toMatch(SHANGHAI_ISO);
  });

  it('dates the case number and the clock by the Shanghai day, not the UTC one', async () => {
    stack.setNow(AFTER_MIDNIGHT);
    const q = await fileCase(stack, consultation());
    expect(q.caseNo).toMatch(/^20260311\d{6}$/);
    expect(q.dueAt).toBe('2026-03-18T23:59:59+08:00');
  });

  it('tells browsers and proxies not to cache the credentials', async () => {
    const res = await stack.request('POST', '/api/cases', { body: complaint(), headers: { Origin: 'https://h5.minsheng.example' } });
    expect(res.status, show(res)).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('issues a different case number and password for each filing', async () => {
    const a = await fileCase(stack);
    const b = await fileCase(stack);
    expect(a.caseNo).not.toBe(b.caseNo);
    expect(a.password).not.toBe(b.password);
  });

  it('accepts an anonymous report', async () => {
    const filed = await fileCase(stack, { type: 'report', categoryId: 'luan-shoufei', title: '违规收取资料费', content: '每人 180 元，没有收据。', anonymous: true });
    expect(filed.type).toBe('report');
    expect(filed.status).toBe('submitted');
  });

  it('accepts optional contact, location and consent to publish', async () => {
    const filed = await fileCase(
      stack,
      consultation({
        contact: { name: '王师傅', phone: '13800138000' },
        location: { text: '县城南安置小区', lat: 41.8, lng: 123.4 },
        publishConsent: true,
      }),
    );
    expect(filed.status).toBe('submitted');
    const stored = await stack.deps.cases.getCase(filed.caseNo);
    expect(stored).toMatchObject({ contact: { name: '王师傅', phone: '13800138000' }, publishConsent: true });
  });
});

describe('POST /api/cases: only a slow hash of the password is kept', () => {
  it('stores an scrypt hash that does not contain the password', async () => {
    const filed = await fileCase(stack);
    const hash = await stack.deps.credentials.getPasswordHash(filed.caseNo);
    expect(hash).toMatch(/^scrypt\$/);
    expect(hash).not.toContain(filed.password);
    expect(hash!.toUpperCase()).not.toContain(filed.password);
  });

  it('keeps the password out of the case record and its timeline', async () => {
    const filed = await fileCase(stack);
    const record = await stack.deps.cases.getCase(filed.caseNo);
    const events = await stack.deps.cases.listEvents(filed.caseNo);
    expect(JSON.stringify(record)).not.toContain(filed.password);
    expect(JSON.stringify(events)).not.toContain(filed.password);
  });

  it('lets the issued credentials log in', async () => {
    const filed = await fileCase(stack);
    expect(await login(stack, filed.caseNo, filed.password)).toEqual(expect.any(String));
  });
});

describe('POST /api/cases: text comes back exactly as typed', () => {
  const title = '欠薪😡👨‍👩‍👧‍👦 𠀀𪚥 مرحبا Привет Crème brûlée 🇨🇳';
  const content = [
    '第一行：工地欠薪 3 个月 💰',
    '第二行：生僻字 𠀀𪚥𰻞 与组合字符 é (e\u0301)',
    'العربية: نريد رواتبنا',
    'Русский: зарплату не платят',
    '\tTabbed line, then a CRLF\r\nand an empty line:',
    '',
    '<script>alert(1)</script> & "quotes" \'single\' \\ backslash',
  ].join('\n');

  it('returns emoji, rare CJK, mixed scripts and line breaks byte for byte', async () => {
    const filed = await fileCase(stack, complaint({ title, content }));
    const token = await login(stack, filed.caseNo, filed.password);
    const view = await track(stack, token);
    expect(view.title).toBe(title);
    expect(view.content).toBe(content);
    expect(Buffer.from(view.title, 'utf8').equals(Buffer.from(title, 'utf8'))).toBe(true);
    expect(Buffer.from(view.content, 'utf8').equals(Buffer.from(content, 'utf8'))).toBe(true);
  });

  it('counts length in characters: a title of 100 rare CJK characters (200 UTF-16 units) is accepted', async () => {
    const longTitle = '𠀀'.repeat(100);
    const longContent = '𪚥'.repeat(4000);
    const filed = await fileCase(stack, complaint({ title: longTitle, content: longContent }));
    const view = await track(stack, await login(stack, filed.caseNo, filed.password));
    expect(view.title).toBe(longTitle);
    expect(view.content).toBe(longContent);
  });
});
