import { CASE_NO_PATTERN, caseLockedMessage, CITIZEN_LOGIN_LIMITS, DomainError, formatShanghaiIso, normalizeCaseNo, normalizePassword, type TrackLoginRequest, type TrackLoginResponse } from '@minsheng/shared';
import { verifyPassword, verifyDecoyPassword } from '../../lib/secrets';
import { countLoginAttempt, type ThrottleDeps } from '../auth/login-throttle';
import type { Deps } from '../deps';
import { statusKeyOf } from './status-key';

/** Failed logins allowed per case number, and per client, in one window before it locks. */
export const LOGIN_LIMITS = {
  perCaseNo: CITIZEN_LOGIN_LIMITS.perCaseNo,
  perClient: CITIZEN_LOGIN_LIMITS.perClient,
  windowMs: CITIZEN_LOGIN_LIMITS.windowMinutes * 60 * 1000,
} as const;

export type CitizenLoginDeps = Pick<Deps, 'credentials' | 'tokens' | 'now' | 'statusKeyKey'> & ThrottleDeps;

/**
 * Log a citizen in with case number + password. Attempts are counted per case number and per
 * client before the password is checked (see countLoginAttempt). The answer for a wrong password
 * and for a case that does not exist is the same, and takes as long (a decoy hash is checked when
 * there is no case).
 */
export async function loginCitizen(deps: CitizenLoginDeps, input: TrackLoginRequest, clientId: string): Promise<TrackLoginResponse> {
  const now = deps.now();
  const caseNo = normalizeCaseNo(input.caseNo);
  const attempt = await countLoginAttempt(
    deps,
    now,
    LOGIN_LIMITS.windowMs,
    { key: `case#${caseNo}`, max: LOGIN_LIMITS.perCaseNo, lockedMessage: caseLockedMessage },
    { key: `client#${clientId}`, max: LOGIN_LIMITS.perClient, lockedMessage: (m) => `您所在网络的登录尝试次数过多，已暂时限制，约 ${m} 分钟后可再试` },
  );
  const over = attempt.overLimit();
  if (over) throw over;

  const storedHash = CASE_NO_PATTERN.test(caseNo) ? await deps.credentials.getPasswordHash(caseNo) : undefined;
  const password = normalizePassword(input.password);
  const ok = storedHash ? await verifyPassword(password, storedHash) : await verifyDecoyPassword(password);

  if (!ok || !storedHash) {
    const exhausted = attempt.exhausted();
    if (exhausted) throw exhausted;
    const left = LOGIN_LIMITS.perCaseNo - attempt.accountAttempts;
    throw new DomainError('INVALID_CREDENTIALS', { message: `案件编号或查询密码不正确，还可尝试 ${left} 次` });
  }

  await attempt.succeeded();
  const { token, expiresAt } = await deps.tokens.issueCitizenToken(caseNo, now);
  return { token, expiresAt: formatShanghaiIso(expiresAt), statusKey: statusKeyOf(deps.statusKeyKey, caseNo, storedHash) };
}
