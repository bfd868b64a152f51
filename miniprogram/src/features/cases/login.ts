import { credentialFormatErrors, issuesToFields, normalizeCaseNo, normalizePassword, trackLoginRequestSchema, type FieldErrors } from '@minsheng/shared';
import { bindMyCase, openMyCase, trackLogin } from './api';
import { clearWechatSession, currentSession, currentWechatSession, findRememberedCase, markBound, saveSession, updateRememberedCase, type Session } from './device';
import { ApiError } from '../../lib/request';

/**
 * Check what was typed before anything is sent: the API's own schema, then the shape of a case
 * number (14 digits; spaces and dashes as groupCaseNo shows them are fine) and of a password. A
 * mistyped one never reaches the server, so it never costs one of the tries before the lock.
 */
export function checkLogin(caseNo: string, password: string): FieldErrors | undefined {
  const body = { caseNo: normalizeCaseNo(caseNo), password: normalizePassword(password) };
  const parsed = trackLoginRequestSchema.safeParse(body);
  const fields: FieldErrors = { ...credentialFormatErrors(caseNo, password), ...(parsed.success ? {} : issuesToFields(parsed.error.issues, body)) };
  return Object.keys(fields).length ? fields : undefined;
}

/**
 * Log in for one case and keep the short-lived token for the case page. The remembered entry takes
 * the status key the login returns; inside a WeChat "my cases" session the case is bound to it.
 */
export async function logIn(caseNo: string, password: string): Promise<Session> {
  const body = { caseNo: normalizeCaseNo(caseNo), password: normalizePassword(password) };
  const res = await trackLogin(body);
  const session = { caseNo: body.caseNo, token: res.token, expiresAt: res.expiresAt };
  saveSession(session);
  if (res.statusKey) updateRememberedCase(body.caseNo, { statusKey: res.statusKey });
  void bindToWechat(body.caseNo, res.token);
  return session;
}

/**
 * Bind a case to the WeChat session, if there is one and it is not bound yet. Never in the way:
 * a failure leaves the case where it was (the citizen still has its number and password).
 */
export async function bindToWechat(caseNo: string, caseToken: string): Promise<void> {
  const wechat = currentWechatSession();
  if (!wechat || wechat.bound.includes(caseNo)) return;
  try {
    await bindMyCase(wechat.token, caseToken);
    markBound(caseNo);
  } catch (e) {
    // The me token expired or was refused: sign out of "my cases" (the next 用微信查看 starts a new session).
    if (e instanceof ApiError && e.status === 401) clearWechatSession();
  }
}

/**
 * A token for this case: the saved one; a fresh login when the case is remembered on this device; or,
 * inside WeChat, one from "my cases" (a bound case never asks for its password).
 */
export async function tokenFor(caseNo: string, renew = false): Promise<string | undefined> {
  const session = currentSession();
  if (!renew && session && session.caseNo === caseNo) return session.token;
  const remembered = findRememberedCase(caseNo);
  if (remembered) return (await logIn(remembered.caseNo, remembered.password)).token;
  const wechat = currentWechatSession();
  if (!wechat) return undefined;
  try {
    const res = await openMyCase(wechat.token, caseNo);
    saveSession({ caseNo, token: res.token, expiresAt: res.expiresAt });
    return res.token;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) clearWechatSession();
    return undefined;
  }
}
