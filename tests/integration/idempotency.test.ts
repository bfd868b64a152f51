import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../support/stack';
import { complaint, countCases, countItems, expectError, login, show } from './helpers';

let stack: TestStack;
beforeAll(async () => {
  stack = await createTestStack();
});

const file = (body: unknown, key: string) => stack.request('POST', '/api/cases', { body, headers: { 'Idempotency-Key': key } });

async function submittedEvents(caseNo: string) {
  return (await stack.deps.cases.listEvents(caseNo)).filter((e) => e.kind === 'submitted');
}

describe('POST /api/cases with Idempotency-Key', () => {
  it('answers a retry with the same case number and password, and files only one case', async () => {
    const key = randomUUID();
    const before = await countCases(stack);
    const first = await file(complaint(), key);
    const second = await file(complaint(), key);

    expect(first.status, show(first)).toBe(201);
    expect(second.status, show(second)).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.headers['idempotent-replayed']).toBe('true');
    // A browser (H5) may read the header.
    expect(second.headers['access-control-expose-headers']).toContain('Idempotent-Replayed');

    expect(await countCases(stack)).toBe(before + 1);
    expect(await stack.deps.cases.getCase(first.body.caseNo)).toMatchObject({ caseNo: first.body.caseNo, status: 'submitted' });
    expect(await submittedEvents(first.body.caseNo)).toHaveLength(1);
  });

  it('lets the password of a replayed answer log in', async () => {
    const key = randomUUID();
    await file(complaint(), key);
    const replay = await file(complaint(), key);
    expect(await login(stack, replay.body.caseNo, replay.body.password)).toEqual(expect.any(String));
  });

  it('treats the same body with its fields in another order as the same request', async () => {
    const key = randomUUID();
    const body = complaint();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const first = await file(body, key);
    const second = await file(reordered, key);
    expect(second.status, show(second)).toBe(201);
    expect(second.body.caseNo).toBe(first.body.caseNo);
    expect(second.headers['idempotent-replayed']).toBe('true');
  });

  it('files exactly one case when the same request arrives 5 times at once', async () => {
    const key = randomUUID();
    const before = await countCases(stack);
    const responses = await Promise.all(Array.from({ length: 5 }, () => file(complaint({ title: '并发重复提交' }), key)));

    for (const res of responses) expect(res.status, show(res)).toBe(201);
    const caseNos = new Set(responses.map((r) => r.body.caseNo));
    const passwords = new Set(responses.map((r) => r.body.password));
    expect(caseNos.size).toBe(1);
    expect(passwords.size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);

    const [caseNo] = [...caseNos];
    expect(await countCases(stack)).toBe(before + 1);
    expect(await stack.deps.cases.getCase(caseNo!)).toBeDefined();
    expect(await submittedEvents(caseNo!)).toHaveLength(1);
  });

  it('refuses the same key with a different body (409) and files no second case', async () => {
    const key = randomUUID();
    const first = await file(complaint(), key);
    expect(first.status, show(first)).toBe(201);
    const before = await countCases(stack);

    const other = await file(complaint({ title: '另一件事' }), key);
    expectError(other, 409, 'IDEMPOTENCY_KEY_REUSED');
    expect(JSON.stringify(other.body)).not.toContain(first.body.password);
    expect(JSON.stringify(other.body)).not.toContain(first.body.caseNo);
    expect(await countCases(stack)).toBe(before);
  });

  it.each([
    ['too short', 'short'],
    ['containing spaces', 'has spaces in it'],
    ['non-ASCII', '请求标识-1234567'],
    ['longer than 128 characters', 'k'.repeat(129)],
  ])('refuses a key %s (400 IDEMPOTENCY_KEY_INVALID) and files nothing', async (_, key) => {
    const beforeCases = await countCases(stack);
    const beforeIdem = await countItems(stack, 'IDEM#');
    const res = await file(complaint(), key);
    expectError(res, 400, 'IDEMPOTENCY_KEY_INVALID');
    expect(await countCases(stack)).toBe(beforeCases);
    expect(await countItems(stack, 'IDEM#')).toBe(beforeIdem);
  });

  it('files separate cases for separate keys, even with the same body', async () => {
    const a = await file(complaint(), randomUUID());
    const b = await file(complaint(), randomUUID());
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.caseNo).not.toBe(b.body.caseNo);
    expect(a.body.password).not.toBe(b.body.password);
  });
});
