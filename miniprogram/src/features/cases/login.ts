import { issuesToFields, normalizeCaseNo, normalizePassword, trackLoginRequestSchema, type FieldErrors } from '@minsheng/shared';
import { trackLogin } from './api';
import { saveSession, type Session } from './device';

/** Check what was typed with the API's own schema. */
export function checkLogin(caseNo: string, password: string): FieldErrors | undefined {
  const body = { caseNo: normalizeCaseNo(caseNo), password: normalizePassword(password) };
  const parsed = trackLoginRequestSchema.safeParse(body);
  return parsed.success ? undefined : issuesToFields(parsed.error.issues, body);
}

/** Log in for one case and keep the short-lived token for the case page. */
export async function logIn(caseNo: string, password: string): Promise<Session> {
  const body = { caseNo: normalizeCaseNo(caseNo), password: normalizePassword(password) };
  const res = await trackLogin(body);
  const session = { caseNo: body.caseNo, token: res.token, expiresAt: res.expiresAt };
  saveSession(session);
  return session;
}
