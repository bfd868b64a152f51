/**
 * Case numbers and passwords as citizens see and type them. Generation takes its randomness
 * as an argument so the domain stays pure; the API passes node:crypto.
 */

/** No 0/O, 1/I/L: nothing a citizen can misread when copying from a screen or paper. */
export const PASSWORD_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PASSWORD_LENGTH = 8;

/** Case number: Shanghai filing date + 6 random digits, e.g. `20261121483920`. Digits only, easy to type on a phone. */
export const CASE_NO_PATTERN = /^\d{8}\d{6}$/;

export function formatCaseNo(shanghaiDate: string, randomDigits: string): string {
  return shanghaiDate.replaceAll('-', '') + randomDigits;
}

/** Map random bytes onto the alphabet without modulo bias (rejection sampling). */
export function passwordFromBytes(bytes: Uint8Array, length = PASSWORD_LENGTH): string | undefined {
  const n = PASSWORD_ALPHABET.length;
  const limit = 256 - (256 % n);
  let out = '';
  for (const b of bytes) {
    if (b >= limit) continue;
    out += PASSWORD_ALPHABET[b % n];
    if (out.length === length) return out;
  }
  return undefined;
}

/** What the citizen typed → the canonical password: spaces and dashes dropped, case ignored. */
export function normalizePassword(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/** Canonical case number from what was typed (spaces dropped). */
export function normalizeCaseNo(input: string): string {
  return input.replace(/\s/g, '');
}
