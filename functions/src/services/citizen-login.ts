import { CASE_NO_PATTERN, DomainError, normalizeCaseNo, normalizePassword, type TrackLoginRequest, type TrackLoginResponse, formatShanghaiIso } from '@minsheng/shared';
import { DECOY_HASH_PROMISE, verifyPassword } from '../lib/secrets';
import type { Deps } from './deps';

/** Failed logins allowed per case number, and per client, in one window before it locks. */
export const LOGIN_LIMITS = { perCaseNo: 5, perClient: 20, windowMs: 15 * 60 * 1000 } as const;

function lockedError(scope: 'case' | 'client', windowEndsAt: number, now: Date): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil((windowEndsAt - now.getTime()) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const what = scope === 'case' ? '该案件编号的密码错误次数过多，已暂时锁定' : '您所在网络的登录尝试次数过多，已暂时限制';
  return new DomainError('TOO_MANY_ATTEMPTS', { message: `${what}，请 ${minutes} 分钟后再试`, retryAfterSeconds });
}

/**
 * Log a citizen in with case number + password. Each attempt is counted per case number and per
 * client, atomically and BEFORE the password is checked, so simultaneous guesses cannot slip past
 * the limit: at most `perCaseNo` passwords are ever checked for one case number in a window. A
 * successful login gives its attempt back. The answer for a wrong password and for a case that
 * does not exist is the same, and takes as long (a decoy hash is checked when there is no case).
 */
export async function loginCitizen(deps: Deps, input: TrackLoginRequest, clientId: string): Promise<TrackLoginResponse> {
  const now = deps.now();
  const caseNo = normalizeCaseNo(input.caseNo);
  const windowStart = Math.floor(now.getTime() / LOGIN_LIMITS.windowMs) * LOGIN_LIMITS.windowMs;
  const windowEndsAt = windowStart + LOGIN_LIMITS.windowMs;
  const caseKey = `case#${caseNo}`;
  const clientKey = `client#${clientId}`;

  const [caseAttempts, clientAttempts] = await Promise.all([
    deps.store.countAttempt(caseKey, windowStart, windowEndsAt, 1),
    deps.store.countAttempt(clientKey, windowStart, windowEndsAt, 1),
  ]);
  if (caseAttempts > LOGIN_LIMITS.perCaseNo) throw lockedError('case', windowEndsAt, now);
  if (clientAttempts > LOGIN_LIMITS.perClient) throw lockedError('client', windowEndsAt, now);

  const storedHash = CASE_NO_PATTERN.test(caseNo) ? await deps.store.getPasswordHash(caseNo) : undefined;
  const ok = await verifyPassword(normalizePassword(input.password), storedHash ?? (await DECOY_HASH_PROMISE));

  if (!ok || !storedHash) {
    if (caseAttempts >= LOGIN_LIMITS.perCaseNo) throw lockedError('case', windowEndsAt, now);
    if (clientAttempts >= LOGIN_LIMITS.perClient) throw lockedError('client', windowEndsAt, now);
    const left = LOGIN_LIMITS.perCaseNo - caseAttempts;
    throw new DomainError('INVALID_CREDENTIALS', { message: `案件编号或查询密码不正确，还可尝试 ${left} 次` });
  }

  // Success: the case number starts afresh, and the client gets this attempt back (a shared
  // office network where many citizens log in correctly is never locked out by them).
  await Promise.all([
    deps.store.clearAttempts(caseKey, windowStart),
    deps.store.countAttempt(clientKey, windowStart, windowEndsAt, -1),
  ]);
  const { token, expiresAt } = await deps.tokens.issueCitizenToken(caseNo, now);
  return { token, expiresAt: formatShanghaiIso(expiresAt) };
}
