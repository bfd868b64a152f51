import { DomainError, type OfficialRole } from '@minsheng/shared';
import type { RouteInput } from '../lib/http';
import type { MeClaims } from '../lib/tokens';
import { authenticateOfficial, requireRole, type AuthenticateDeps, type OfficialContext } from '../services/auth/officials';
import type { Deps } from '../services/deps';

type AuthInput<D> = RouteInput<D, unknown, unknown>;

/** The case number a citizen token opens; 401 when missing, invalid or expired. */
export async function citizenCaseNo(input: AuthInput<Pick<Deps, 'tokens' | 'now'>>): Promise<string> {
  const { caseNo } = await input.deps.tokens.verifyCitizenToken(input.bearerToken(), input.deps.now());
  return caseNo;
}

/** The case a citizen token opens when one is sent (a supplement's upload), undefined without one (a filing's); 401 for a bad one. */
export async function optionalCitizen(input: AuthInput<Pick<Deps, 'tokens' | 'now'>>): Promise<string | undefined> {
  if (!input.header('authorization')) return undefined;
  return citizenCaseNo(input);
}

/**
 * Who a "me" session is (a WeChat user or a verified phone, as a keyed hash); 401 when the token is
 * missing, invalid, expired or of another audience (a case token, an official's).
 */
export function meIdentity(input: AuthInput<Pick<Deps, 'tokens' | 'now'>>): Promise<MeClaims> {
  return input.deps.tokens.verifyMeToken(input.bearerToken(), input.deps.now());
}

/**
 * A "me" session from WeChat: 401 without a valid one, then 403 for a phone session — binding and
 * unbinding are WeChat's (a phone's link is the filing's). Checked before the path and the body.
 */
export async function meInWeChat(input: AuthInput<Pick<Deps, 'tokens' | 'now'>>): Promise<MeClaims> {
  const me = await meIdentity(input);
  if (me.via !== 'wechat') throw new DomainError('FORBIDDEN', { message: '手机号关联的案件随手机号保留，不能绑定或解除；请在微信中操作' });
  return me;
}

/** The official behind the request's console token, checked against their account; 401 otherwise. */
export function consoleOfficial(input: AuthInput<AuthenticateDeps>): Promise<OfficialContext> {
  return authenticateOfficial(input.deps, input.bearerToken());
}

/**
 * An official of one of `roles`: 401 without a valid token, then 403 for another role — before the
 * route reads its path, body or query, so a refused role learns nothing of the route's rules.
 * (The use case checks the role again: it is the rule; this is the order.)
 */
export function officialIn(roles: readonly OfficialRole[]) {
  return async (input: AuthInput<AuthenticateDeps>): Promise<OfficialContext> => {
    const official = await consoleOfficial(input);
    requireRole(official, roles);
    return official;
  };
}
