import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../support/stack';
import { addMinutes, CHINESE, expectError, fileCase, freshIp, type FiledCase, show, track } from './helpers';

let stack: TestStack;
beforeAll(async () => {
  stack = await createTestStack();
});

// 7.5 minutes into a 15-minute throttling window (windows start on the quarter hour).
const NOW = new Date('2026-03-10T23:37:30+08:00');
beforeEach(() => stack.setNow(NOW));

const attempt = (caseNo: string, password: string, ip = '203.0.113.50') =>
  stack.request('POST', '/api/track/login', { body: { caseNo, password }, ip });

/** A wrong password that cannot be the right one by chance (it is outside the alphabet). */
const WRONG = 'OOOOOOOO';

let serial = 0;
/** A well-formed case number that no case has. */
const unknownCaseNo = () => `20260310${String(900000 + serial++).padStart(6, '0')}`;

describe('POST /api/track/login: the right credentials', () => {
  let filed: FiledCase;
  beforeAll(async () => {
    stack.setNow(NOW);
    filed = await fileCase(stack);
  });

  it('answers 200 with a token and its expiry, 30 minutes on, in Shanghai time', async () => {
    const res = await attempt(filed.caseNo, filed.password, freshIp());
    expect(res.status, show(res)).toBe(200);
    expect(res.body).toEqual({ token: expect.any(String), expiresAt: '2026-03-11T00:07:30+08:00', statusKey: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
    // The status key the filing gave (same password): the phone may keep either.
    expect(res.body.statusKey).toBe(filed.statusKey);
    const view = await track(stack, res.body.token);
    expect(view.caseNo).toBe(filed.caseNo);
  });

  it.each([
    ['in lower case', (p: string) => p.toLowerCase()],
    ['with a dash in the middle', (p: string) => `${p.slice(0, 4)}-${p.slice(4)}`],
    ['with spaces around and inside', (p: string) => ` ${p.slice(0, 4)} ${p.slice(4)} `],
    ['lower case with a dash', (p: string) => `${p.slice(0, 4)}-${p.slice(4)}`.toLowerCase()],
  ])('accepts the password typed %s', async (_, typed) => {
    const res = await attempt(filed.caseNo, typed(filed.password), freshIp());
    expect(res.status, show(res)).toBe(200);
    expect(res.body.token).toEqual(expect.any(String));
  });

  it('accepts the case number typed with spaces', async () => {
    const spaced = `${filed.caseNo.slice(0, 8)} ${filed.caseNo.slice(8)}`;
    const res = await attempt(spaced, filed.password, freshIp());
    expect(res.status, show(res)).toBe(200);
  });
});

describe('POST /api/track/login: wrong credentials', () => {
  it('answers a wrong password and a case that does not exist identically', async () => {
    const filed = await fileCase(stack);
    const wrongPassword = await attempt(filed.caseNo, WRONG, freshIp());
    const noSuchCase = await attempt(unknownCaseNo(), filed.password, freshIp());

    expectError(wrongPassword, 401, 'INVALID_CREDENTIALS');
    expectError(noSuchCase, 401, 'INVALID_CREDENTIALS');
    expect(noSuchCase.body).toEqual(wrongPassword.body);
    expect(wrongPassword.headers['retry-after']).toBeUndefined();
    expect(noSuchCase.headers['retry-after']).toBeUndefined();
  });

  it('answers a malformed case number the same way (401, not 400)', async () => {
    const res = await attempt('not-a-case-number', 'ABCDEFGH', freshIp());
    expectError(res, 401, 'INVALID_CREDENTIALS');
  });

  it('does not log in with another case\'s password', async () => {
    const a = await fileCase(stack);
    const b = await fileCase(stack);
    expectError(await attempt(a.caseNo, b.password, freshIp()), 401, 'INVALID_CREDENTIALS');
  });
});

describe('POST /api/track/login: throttling per case number', () => {
  it('locks the case number after 5 wrong passwords, even for the right password, and says for how long', async () => {
    const filed = await fileCase(stack);
    const ip = freshIp();
    for (let i = 1; i <= 4; i++) {
      const res = await attempt(filed.caseNo, WRONG, ip);
      expectError(res, 401, 'INVALID_CREDENTIALS');
    }
    // The 5th failure either reports one more wrong password or already the lock.
    const fifth = await attempt(filed.caseNo, WRONG, ip);
    expect([401, 429], show(fifth)).toContain(fifth.status);

    const locked = await attempt(filed.caseNo, filed.password, ip);
    expectError(locked, 429, 'TOO_MANY_ATTEMPTS');
    expect(locked.headers['retry-after']).toBe('450');
    expect(locked.headers['access-control-expose-headers']).toContain('Retry-After');
    expect(locked.body.error.message).toContain('分钟');
    expect(locked.body.error.message).toContain('8 分钟');
  });

  it('locks the case number for every client, not only the one that guessed', async () => {
    const filed = await fileCase(stack);
    for (let i = 0; i < 5; i++) await attempt(filed.caseNo, WRONG, freshIp());
    const res = await attempt(filed.caseNo, filed.password, freshIp());
    expectError(res, 429, 'TOO_MANY_ATTEMPTS');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('stays locked until the window ends, then lets the right password in again', async () => {
    const filed = await fileCase(stack);
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await attempt(filed.caseNo, WRONG, ip);

    stack.setNow(addMinutes(NOW, 7));
    const stillLocked = await attempt(filed.caseNo, filed.password, ip);
    expectError(stillLocked, 429, 'TOO_MANY_ATTEMPTS');
    const retryAfter = Number(stillLocked.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBe(30);

    stack.setNow(addMinutes(NOW, 15));
    const res = await attempt(filed.caseNo, filed.password, ip);
    expect(res.status, show(res)).toBe(200);
    expect(res.body.token).toEqual(expect.any(String));
  });

  it('counts the remaining attempts down and starts again after a successful login', async () => {
    const filed = await fileCase(stack);
    const ip = freshIp();
    const first = await attempt(filed.caseNo, WRONG, ip);
    const second = await attempt(filed.caseNo, WRONG, ip);
    expect(first.body.error.message).toContain('4 次');
    expect(second.body.error.message).toContain('3 次');

    expect((await attempt(filed.caseNo, filed.password, ip)).status).toBe(200);
    const afterSuccess = await attempt(filed.caseNo, WRONG, ip);
    expectError(afterSuccess, 401, 'INVALID_CREDENTIALS');
    expect(afterSuccess.body).toEqual(first.body);
  });

  it('locks a case number that does not exist in the same way as one that does', async () => {
    const caseNo = unknownCaseNo();
    for (let i = 0; i < 5; i++) await attempt(caseNo, WRONG, freshIp());
    const res = await attempt(caseNo, WRONG, freshIp());
    expectError(res, 429, 'TOO_MANY_ATTEMPTS');
    expect(res.headers['retry-after']).toBe('450');
  });
});

describe('POST /api/track/login: throttling per client', () => {
  it('stops a client after 20 failures across different case numbers, while others log in normally', async () => {
    const filed = await fileCase(stack);
    const guesser = freshIp();
    for (let i = 1; i <= 19; i++) {
      const res = await attempt(unknownCaseNo(), WRONG, guesser);
      expectError(res, 401, 'INVALID_CREDENTIALS');
    }
    const twentieth = await attempt(unknownCaseNo(), WRONG, guesser);
    expect([401, 429], show(twentieth)).toContain(twentieth.status);

    const blocked = await attempt(filed.caseNo, filed.password, guesser);
    expectError(blocked, 429, 'TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body.error.message).toMatch(CHINESE);
    expect(blocked.body.error.message).toContain('分钟');

    const neighbour = freshIp();
    expectError(await attempt(filed.caseNo, WRONG, neighbour), 401, 'INVALID_CREDENTIALS');
    const ok = await attempt(filed.caseNo, filed.password, neighbour);
    expect(ok.status, show(ok)).toBe(200);
  });
});

describe('POST /api/track/login: throttling under concurrent guessing', () => {
  it('counts simultaneous guesses against the limit: of 21 sent at once, at most 5 passwords are checked, and then even the right one is refused', async () => {
    const filed = await fileCase(stack);
    // All wrong: a right password among the checked ones would (rightly) clear the count, which
    // would make what follows depend on scheduling.
    const guesses = Array.from({ length: 21 }, () => WRONG);
    const responses = await Promise.all(guesses.map((password) => attempt(filed.caseNo, password, freshIp())));

    // Checked attempts answer 401; every other one is refused unchecked.
    const checked = responses.filter((r) => r.status === 401);
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length).toBeLessThanOrEqual(5);
    for (const r of responses.filter((r) => !checked.includes(r))) expectError(r, 429, 'TOO_MANY_ATTEMPTS');
    // And afterwards the case number stays locked, right password or not.
    expectError(await attempt(filed.caseNo, filed.password, freshIp()), 429, 'TOO_MANY_ATTEMPTS');
  });
});
