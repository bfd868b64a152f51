/**
 * The citizens' and officials' logins on in-memory fakes of the two small ports they use (the
 * attempt counters and the credentials/accounts) — no DynamoDB: a use case takes only what it uses.
 * The same behaviour runs against DynamoDB Local in tests/integration/tracking-login.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CITIZEN_LOGIN_LIMITS, DomainError } from '@minsheng/shared';
import { hashPassword } from '../src/lib/secrets';
import { createTokenService } from '../src/lib/tokens';
import type { CredentialStore } from '../src/ports/cases';
import type { Official, OfficialStore } from '../src/ports/officials';
import type { ReferenceStore } from '../src/ports/reference-data';
import type { ThrottleStore } from '../src/ports/throttle';
import { loginCitizen, LOGIN_LIMITS } from '../src/services/citizen/login';
import { loginOfficial } from '../src/services/auth/officials';

function memoryThrottle(): ThrottleStore & { counts: Map<string, number> } {
  const counts = new Map<string, number>();
  return {
    counts,
    async countAttempt(key, windowStart, _endsAt, delta) {
      const k = `${key}@${windowStart}`;
      counts.set(k, (counts.get(k) ?? 0) + delta);
      return counts.get(k)!;
    },
    async clearAttempts(key, windowStart) {
      counts.delete(`${key}@${windowStart}`);
    },
  };
}

const CASE_NO = '20261201123456';
const PASSWORD = 'B68DWRME';
const NOW = new Date('2026-12-01T02:00:00Z');
const tokens = createTokenService(new Uint8Array(32).fill(7), 30, 60);
let passwordHash: string;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

function citizenDeps() {
  const credentials: CredentialStore = {
    getPasswordHash: async (caseNo) => (caseNo === CASE_NO ? passwordHash : undefined),
    getIdempotency: async () => undefined,
  };
  return { throttle: memoryThrottle(), credentials, tokens, now: () => NOW, statusKeyKey: Buffer.alloc(32, 7) };
}

async function failure(run: Promise<unknown>): Promise<DomainError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('citizen login on in-memory ports', () => {
  it('the right password gives a token for that one case, typed with spaces and in lower case', async () => {
    const deps = citizenDeps();
    const { token } = await loginCitizen(deps, { caseNo: '2026 1201 1234 56', password: 'b68d wrme' }, 'ip-1');
    expect((await tokens.verifyCitizenToken(token, NOW)).caseNo).toBe(CASE_NO);
  });

  it('a wrong password and an unknown case number get the same answer, with the tries left', async () => {
    const deps = citizenDeps();
    const wrong = await failure(loginCitizen(deps, { caseNo: CASE_NO, password: 'WRONGPWD' }, 'ip-1'));
    const unknown = await failure(loginCitizen(deps, { caseNo: '20261201999999', password: 'WRONGPWD' }, 'ip-1'));
    expect([wrong.code, unknown.code]).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS']);
    expect(wrong.message).toBe(unknown.message);
    expect(wrong.message).toContain(`还可尝试 ${LOGIN_LIMITS.perCaseNo - 1} 次`);
  });

  it('the fifth wrong password locks the case number, and then even the right one is refused until the window ends', async () => {
    const deps = citizenDeps();
    for (let i = 1; i < LOGIN_LIMITS.perCaseNo; i++) {
      expect((await failure(loginCitizen(deps, { caseNo: CASE_NO, password: 'WRONGPWD' }, `ip-${i}`))).code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await failure(loginCitizen(deps, { caseNo: CASE_NO, password: 'WRONGPWD' }, 'ip-5'));
    expect(locked.code).toBe('TOO_MANY_ATTEMPTS');
    // The minutes said are the time left in this window (never more than the window), as Retry-After says.
    expect(locked.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.retryAfterSeconds).toBeLessThanOrEqual(CITIZEN_LOGIN_LIMITS.windowMinutes * 60);
    expect(locked.message).toBe(`该案件编号的密码错误次数过多，已锁定，约 ${Math.ceil(locked.retryAfterSeconds! / 60)} 分钟后可再试`);
    expect(LOGIN_LIMITS.windowMs).toBe(CITIZEN_LOGIN_LIMITS.windowMinutes * 60_000);
    expect((await failure(loginCitizen(deps, { caseNo: CASE_NO, password: PASSWORD }, 'ip-6'))).code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('a success starts the case number afresh and gives the client its attempt back', async () => {
    const deps = citizenDeps();
    await failure(loginCitizen(deps, { caseNo: CASE_NO, password: 'WRONGPWD' }, 'office'));
    await loginCitizen(deps, { caseNo: CASE_NO, password: PASSWORD }, 'office');
    const counts = Object.fromEntries([...deps.throttle.counts].map(([k, v]) => [k.split('@')[0], v]));
    expect(counts[`case#${CASE_NO}`]).toBeUndefined();
    expect(counts['client#office']).toBe(1);
  });

  it('one client guessing across many case numbers is stopped after its own limit', async () => {
    const deps = citizenDeps();
    let last: DomainError | undefined;
    for (let i = 0; i < LOGIN_LIMITS.perClient; i++) {
      last = await failure(loginCitizen(deps, { caseNo: `202612010000${String(i).padStart(2, '0')}`, password: 'WRONGPWD' }, 'guesser'));
    }
    expect(last!.code).toBe('TOO_MANY_ATTEMPTS');
    expect(last!.message).toContain('您所在网络的登录尝试次数过多');
  });
});

describe('official login on the same throttle', () => {
  function officialDeps(account: Official) {
    const officials: OfficialStore = {
      getOfficial: async (u) => (u === account.username ? account : undefined),
      createOfficial: async () => false,
      putOfficial: async () => undefined,
      listOfficials: async () => [account],
    };
    const reference = {
      listDepartments: async () => [{ id: 'rsj', name: '人社局', sortOrder: 1, active: true, unitId: 'qingshan' }],
      listUnits: async () => [
        { id: 'root', name: '兴辽市', level: 1, path: 'root', sortOrder: 1, active: true },
        { id: 'qingshan', name: '青山县', level: 2, parentId: 'root', path: 'root/qingshan', sortOrder: 2, active: true },
      ],
    } as unknown as ReferenceStore;
    return { throttle: memoryThrottle(), officials, reference, tokens, now: () => NOW };
  }
  const account = (over: Partial<Official> = {}): Official => ({
    username: 'rsj',
    displayName: '人社局承办人',
    role: 'handler',
    departmentId: 'rsj',
    passwordHash,
    disabled: false,
    tokenVersion: 1,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    ...over,
  });

  it('logs in with the department named, case-insensitively by username', async () => {
    const result = await loginOfficial(officialDeps(account()), { username: ' RSJ ', password: PASSWORD }, 'ip');
    expect(result.official).toMatchObject({ username: 'rsj', departmentName: '人社局', unitId: 'qingshan', unitName: '青山县' });
  });

  it('a disabled account answers like a wrong password; the eleventh try in a window is refused with 429', async () => {
    const deps = officialDeps(account({ disabled: true }));
    const disabled = await failure(loginOfficial(deps, { username: 'rsj', password: PASSWORD }, 'ip'));
    const wrong = await failure(loginOfficial(deps, { username: 'rsj', password: 'nope' }, 'ip'));
    expect(disabled.message).toBe(wrong.message);
    for (let i = 2; i < 10; i++) await failure(loginOfficial(deps, { username: 'rsj', password: 'nope' }, 'ip'));
    expect((await failure(loginOfficial(deps, { username: 'rsj', password: 'nope' }, 'ip'))).code).toBe('TOO_MANY_ATTEMPTS');
  });
});
