import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A case's status key: lets the phone that filed or logged in ask the case's status later without
 * keeping the password (POST /api/track/status). Stateless — a keyed hash of the case number and the
 * current password hash — so resetting the password changes it and the old keys then find nothing.
 */
export function statusKeyOf(key: Buffer, caseNo: string, passwordHash: string): string {
  return createHmac('sha256', key).update(`${caseNo}\n${passwordHash}`).digest('base64url').slice(0, 22);
}

/** Whether `given` is the case's status key (compared in constant time). */
export function isStatusKey(key: Buffer, caseNo: string, passwordHash: string, given: string): boolean {
  const expected = Buffer.from(statusKeyOf(key, caseNo, passwordHash));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
