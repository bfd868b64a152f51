/**
 * Bad input to POST /api/cases (and the login route) is refused with a clear Chinese message and
 * writes nothing. This file's table never receives a valid case, so after every test it must
 * hold no case, credential, event or idempotency item at all.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../support/stack';
import { CHINESE, complaint, countItems, expectError, expectFieldError, show } from './helpers';

let stack: TestStack;
beforeAll(async () => {
  stack = await createTestStack();
  await stack.deps.reference.putCategory({ id: 'retired', name: '已停用', types: ['complaint'], sortOrder: 99, active: false });
});

afterEach(async () => {
  expect(await countItems(stack, 'CASE#'), 'a case, credential or event was written').toBe(0);
  expect(await countItems(stack, 'IDEM#'), 'an idempotency record was written').toBe(0);
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  stack.request('POST', '/api/cases', { body, headers: { 'Idempotency-Key': randomUUID(), ...headers } });
const postRaw = (rawBody: string | undefined, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  stack.request('POST', '/api/cases', { ...(rawBody !== undefined ? { rawBody } : {}), headers });

describe('POST /api/cases: malformed requests', () => {
  it('answers invalid JSON with 400 INVALID_JSON', async () => {
    const res = await postRaw('{"type":"complaint","title":');
    expectError(res, 400, 'INVALID_JSON');
  });

  it('answers a non-JSON content type with 415', async () => {
    const res = await postRaw(JSON.stringify(complaint()), { 'Content-Type': 'text/plain' });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a form-encoded body with 415', async () => {
    const res = await postRaw('type=complaint&title=x', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an empty body with 400', async () => {
    const res = await postRaw('');
    expectError(res, 400, 'VALIDATION_FAILED');
  });

  it('answers a request with no body at all with 400', async () => {
    const res = await postRaw(undefined, {});
    expectError(res, 400, 'VALIDATION_FAILED');
  });

  it.each([
    ['null', 'null'],
    ['an array', JSON.stringify([complaint()])],
    ['a string', '"投诉"'],
  ])('answers a JSON body that is %s with 400', async (_, raw) => {
    const res = await postRaw(raw);
    expectError(res, 400, 'VALIDATION_FAILED');
  });

  it('answers a body over 64 KB with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await post(complaint({ content: 'a'.repeat(70_000) }));
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(res.body.error.message).toContain('64');
  });

  it('measures the limit in bytes: 22,000 Chinese characters (66 KB of UTF-8) are too large', async () => {
    const res = await post(complaint({ content: '中'.repeat(22_000) }));
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('lets a body of exactly 64 KB through to validation (content too long → 400, not 413)', async () => {
    const base = JSON.stringify(complaint({ content: '' }));
    const raw = JSON.stringify(complaint({ content: 'a'.repeat(64 * 1024 - Buffer.byteLength(base)) }));
    expect(Buffer.byteLength(raw)).toBe(64 * 1024);
    const res = await postRaw(raw);
    expectFieldError(res, 'content');
  });
});

describe('POST /api/cases: field validation', () => {
  it('names every missing required field', async () => {
    const res = await post({});
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.fields, show(res)).toEqual({
      type: '请选择诉求类型：咨询、投诉、举报或建议',
      categoryId: '此项为必填',
      title: '此项为必填',
      content: '此项为必填',
    });
  });

  it('names fields of the wrong type', async () => {
    const res = await post({ type: 'complaint', categoryId: 42, title: ['标题'], content: true });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.fields).toMatchObject({ categoryId: '应为文本', title: '应为文本', content: '应为文本' });
  });

  it('refuses an unknown case type', async () => {
    expectFieldError(await post(complaint({ type: 'petition' })), 'type');
  });

  it('refuses an unknown category', async () => {
    expectFieldError(await post(complaint({ categoryId: 'no-such-category' })), 'categoryId', 'UNKNOWN_CATEGORY');
  });

  it('refuses a category that does not take this type (consultation about 乱收费)', async () => {
    expectFieldError(await post(complaint({ type: 'consultation', categoryId: 'luan-shoufei' })), 'categoryId', 'UNKNOWN_CATEGORY');
  });

  it('refuses an inactive category', async () => {
    expectFieldError(await post(complaint({ categoryId: 'retired' })), 'categoryId', 'UNKNOWN_CATEGORY');
  });

  it.each([
    ['empty', ''],
    ['spaces only', '   '],
    ['full-width spaces and tabs only', '\u3000\u3000\t'],
  ])('refuses a title that is %s', async (_, title) => {
    const res = await post(complaint({ title }));
    expectFieldError(res, 'title');
    expect(res.body.error.fields.title).toContain('标题');
  });

  it('refuses empty content', async () => {
    expectFieldError(await post(complaint({ content: ' \n ' })), 'content');
  });

  it('refuses a title of 101 characters, counting an emoji as one', async () => {
    const res = await post(complaint({ title: '😀'.repeat(101) }));
    expectFieldError(res, 'title');
    expect(res.body.error.fields.title).toContain('100');
  });

  it('refuses content of 4001 characters', async () => {
    const res = await post(complaint({ content: '字'.repeat(4001) }));
    expectFieldError(res, 'content');
    expect(res.body.error.fields.content).toContain('4000');
  });

  it.each([
    ['a bell character', { title: '欠薪\u0007' }, 'title'],
    ['a NUL character', { content: '欠薪\u0000三个月' }, 'content'],
    ['an escape sequence', { content: '\u001b[31m红字\u001b[0m' }, 'content'],
    ['a line break in the one-line title', { title: '第一行\n第二行' }, 'title'],
    ['a right-to-left override', { title: '正常\u202E文字' }, 'title'],
    ['a lone surrogate', { content: '半个字\ud800' }, 'content'],
  ])('refuses %s', async (_, overrides, field) => {
    expectFieldError(await post(complaint(overrides)), field);
  });

  it('refuses an unknown extra field', async () => {
    const res = await post(complaint({ priority: 'urgent' }));
    expectFieldError(res, 'priority');
  });

  it('refuses __proto__ smuggled in as a field', async () => {
    const raw = JSON.stringify(complaint()).replace(/^\{/, '{"__proto__":{"anonymous":true},');
    const res = await postRaw(raw, { 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() });
    expectError(res, 400, 'VALIDATION_FAILED');
  });

  it('refuses an unknown field inside contact', async () => {
    expectFieldError(await post(complaint({ contact: { name: '王', idCard: '210102199001011234' } })), 'contact.idCard');
  });

  it('refuses anonymity for a complaint (only reports may be anonymous)', async () => {
    const res = await post(complaint({ anonymous: true }));
    expectFieldError(res, 'anonymous');
  });

  it('refuses an anonymous report that gives a name and phone', async () => {
    const res = await post({ type: 'report', categoryId: 'luan-shoufei', title: '乱收费', content: '违规收费', anonymous: true, contact: { name: '王', phone: '13800138000' } });
    expectFieldError(res, 'contact');
  });

  it('refuses a malformed phone number', async () => {
    expectFieldError(await post(complaint({ contact: { phone: '12345' } })), 'contact.phone');
  });

  it('refuses coordinates out of range', async () => {
    expectFieldError(await post(complaint({ location: { lat: 91 } })), 'location.lat');
  });

  it('answers with only the documented error shape', async () => {
    const res = await post(complaint({ title: '' }));
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(Object.keys(res.body.error).sort()).toEqual(['code', 'fields', 'message']);
    expect(res.body.error.message).toMatch(CHINESE);
  });
});

describe('POST /api/track/login: malformed requests', () => {
  it('names a missing password', async () => {
    const res = await stack.request('POST', '/api/track/login', { body: { caseNo: '20260310123456' } });
    expectFieldError(res, 'password');
  });

  it('answers a non-JSON login with 415', async () => {
    const res = await stack.request('POST', '/api/track/login', { rawBody: 'caseNo=1&password=2', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers invalid JSON with 400 INVALID_JSON', async () => {
    const res = await stack.request('POST', '/api/track/login', { rawBody: '{caseNo:', headers: { 'Content-Type': 'application/json' } });
    expectError(res, 400, 'INVALID_JSON');
  });
});
