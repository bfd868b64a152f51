import { CASE_NO_PATTERN, DomainError, normalizeCaseNo, normalizePassword, type TrackLoginRequest, type TrackLoginResponse, formatShanghaiIso } from '@minsheng/shared';
import { DECOY_HASH_PROMISE, verifyPassword } from '../lib/secrets';
import type { Deps } from './deps';

/** Failed logins allowed per case number, and per client, in one window before it locks. */
export const LOGIN_LIMITS = { perCaseNo: 5, perClient: 20, windowMs: 15 * 60 * 1000 } as const;

function lockedError(windowEndsAt: number, now: Date): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil((windowEndsAt - now.getTime()) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new DomainError('TOO_MANY_ATTEMPTS', {
    message: `密码错误次数过多，该案件编号已暂时锁定，请 ${minutes} 分钟后再试`,
    retryAfterSeconds,
  });
}

/**
 * Log a citizen in with case number + password. Failures are counted per case number and per
 * client in fixed windows; the answer for a wrong password and for a case that does not exist
 * is the same, and takes as long (a decoy hash is checked when there is no case).
 */
export async function loginCitizen(deps: Deps, input: TrackLoginRequest, clientId: string): Promise<TrackLoginResponse> {
  const now = deps.now();
  const caseNo = normalizeCaseNo(input.caseNo);
  const windowStart = Math.floor(now.getTime() / LOGIN_LIMITS.windowMs) * LOGIN_LIMITS.windowMs;
  const windowEndsAt = windowStart + LOGIN_LIMITS.windowMs;
  const caseKey = `case#${caseNo}`;
  const clientKey = `client#${clientId}`;

  const [caseWindow, clientWindow] = await Promise.all([
    deps.store.getThrottle(caseKey, windowStart),
    deps.store.getThrottle(clientKey, windowStart),
  ]);
  if ((caseWindow?.failures ?? 0) >= LOGIN_LIMITS.perCaseNo || (clientWindow?.failures ?? 0) >= LOGIN_LIMITS.perClient) {
    throw lockedError(windowEndsAt, now);
  }

  const storedHash = CASE_NO_PATTERN.test(caseNo) ? await deps.store.getPasswordHash(caseNo) : undefined;
  const ok = await verifyPassword(normalizePassword(input.password), storedHash ?? (await DECOY_HASH_PROMISE));

  if (!ok || !storedHash) {
    const [caseFailures, clientFailures] = await Promise.all([
      deps.store.addThrottleFailure(caseKey, windowStart, windowEndsAt),
      deps.store.addThrottleFailure(clientKey, windowStart, windowEndsAt),
    ]);
    if (caseFailures >= LOGIN_LIMITS.perCaseNo || clientFailures >= LOGIN_LIMITS.perClient) throw lockedError(windowEndsAt, now);
    const left = LOGIN_LIMITS.perCaseNo - caseFailures;
    throw new DomainError('INVALID_CREDENTIALS', { message: `案件编号或查询密码不正确，还可尝试 ${left} 次` });
  }

  if (caseWindow) await deps.store.clearThrottle(caseKey, windowStart);
  const { token, expiresAt } = await deps.tokens.issueCitizenToken(caseNo, now);
  return { token, expiresAt: formatShanghaiIso(expiresAt) };
}
