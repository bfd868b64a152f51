import { DomainError, ROOT_UNIT_ID, formatShanghaiIso, type ConsoleLoginRequest, type ConsoleLoginResponse, type OfficialDto, type OfficialRole } from '@minsheng/shared';
import { verifyDecoyPassword, verifyPassword } from '../../lib/secrets';
import type { Official } from '../../ports/officials';
import type { Department, Unit } from '../../ports/reference-data';
import type { Deps } from '../deps';
import { countLoginAttempt, type ThrottleDeps } from './login-throttle';

export type OfficialLoginDeps = Pick<Deps, 'officials' | 'reference' | 'tokens' | 'now'> & ThrottleDeps;
export type AuthenticateDeps = Pick<Deps, 'officials' | 'tokens' | 'now'>;

/** The official making a request, as established from their token and their current account. */
export interface OfficialContext {
  username: string;
  displayName: string;
  role: OfficialRole;
  departmentId?: string;
  /** The unit an intake officer, supervisor or admin works in (absent: the root). A handler's unit is their department's. */
  unitId?: string;
}

export const CONSOLE_LOGIN_LIMITS = { perUsername: 10, perClient: 30, windowMs: 15 * 60 * 1000 } as const;

/** An official as the console shows them, with their department and their unit (a handler's: their department's; the root when none). */
export function toOfficialDto(o: Pick<Official, 'username' | 'displayName' | 'role' | 'departmentId' | 'unitId'> & { disabled?: boolean }, departments: readonly Department[], units: readonly Unit[]): OfficialDto {
  const dept = o.departmentId ? departments.find((d) => d.id === o.departmentId) : undefined;
  const unitId = o.role === 'handler' ? (dept?.unitId ?? ROOT_UNIT_ID) : (o.unitId ?? ROOT_UNIT_ID);
  const unit = units.find((u) => u.id === unitId);
  return {
    username: o.username,
    displayName: o.displayName,
    role: o.role,
    ...(o.departmentId ? { departmentId: o.departmentId } : {}),
    ...(dept ? { departmentName: dept.name } : {}),
    unitId,
    ...(unit ? { unitName: unit.name } : {}),
    disabled: o.disabled ?? false,
  };
}

/**
 * Console login. Attempts are counted per username and per client before the password is
 * checked (as for citizens); a disabled account, an unknown username and a wrong password all
 * get the same answer.
 */
export async function loginOfficial(deps: OfficialLoginDeps, input: ConsoleLoginRequest, clientId: string): Promise<ConsoleLoginResponse> {
  const now = deps.now();
  const username = input.username.trim().toLowerCase();
  const lockedMessage = (minutes: number) => `登录尝试次数过多，请 ${minutes} 分钟后再试`;
  const attempt = await countLoginAttempt(
    deps,
    now,
    CONSOLE_LOGIN_LIMITS.windowMs,
    { key: `official#${username}`, max: CONSOLE_LOGIN_LIMITS.perUsername, lockedMessage },
    { key: `console-client#${clientId}`, max: CONSOLE_LOGIN_LIMITS.perClient, lockedMessage },
  );
  const over = attempt.overLimit();
  if (over) throw over;
  const official = await deps.officials.getOfficial(username);
  const ok = official ? await verifyPassword(input.password, official.passwordHash) : await verifyDecoyPassword(input.password);
  if (!official || !ok || official.disabled) throw new DomainError('INVALID_CREDENTIALS', { message: '用户名或密码不正确，或账号已停用' });

  await attempt.succeeded();
  const { token, expiresAt } = await deps.tokens.issueOfficialToken(
    { username: official.username, role: official.role, tokenVersion: official.tokenVersion, ...(official.departmentId ? { departmentId: official.departmentId } : {}) },
    now,
  );
  return { token, expiresAt: formatShanghaiIso(expiresAt), official: toOfficialDto(official, ...(await Promise.all([deps.reference.listDepartments(), deps.reference.listUnits()]))) };
}

/** Token → the official, checked against their account now: disabled or reset accounts are out at once. */
export async function authenticateOfficial(deps: AuthenticateDeps, token: string): Promise<OfficialContext> {
  const claims = await deps.tokens.verifyOfficialToken(token, deps.now());
  const official = await deps.officials.getOfficial(claims.username);
  if (!official || official.disabled || official.tokenVersion !== claims.tokenVersion) {
    throw new DomainError('UNAUTHENTICATED', { message: '登录已失效（账号已停用或密码已重置），请重新登录' });
  }
  return {
    username: official.username,
    displayName: official.displayName,
    role: official.role,
    ...(official.departmentId ? { departmentId: official.departmentId } : {}),
    ...(official.unitId ? { unitId: official.unitId } : {}),
  };
}

export function requireRole(official: OfficialContext, roles: readonly OfficialRole[]): void {
  if (!roles.includes(official.role)) throw new DomainError('FORBIDDEN');
}
