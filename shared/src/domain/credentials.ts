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

/** Canonical case number from what was typed: spaces and dashes dropped (groupCaseNo shows it as `20261121 483920`). */
export function normalizeCaseNo(input: string): string {
  return input.replace(/[\s\-－—]/g, '');
}

/** The password pattern after normalizePassword: 8 characters of the alphabet. */
export const PASSWORD_PATTERN = new RegExp(`^[${PASSWORD_ALPHABET}]{${PASSWORD_LENGTH}}$`);

/**
 * Failed citizen logins: at most `perCaseNo` per case number (and `perClient` per network) in a
 * window of `windowMinutes` minutes that starts on the clock (e.g. 10:00, 10:15), so a lock lasts
 * until that window ends — at most `windowMinutes`, often less. The server enforces it; the
 * mini-program says it in the same numbers.
 */
export const CITIZEN_LOGIN_LIMITS = { perCaseNo: 5, perClient: 20, windowMinutes: 15 } as const;

/** The words of a lockout, with the minutes until the case number may be tried again. */
export function caseLockedMessage(minutesLeft: number): string {
  return `该案件编号的密码错误次数过多，已锁定，约 ${minutesLeft} 分钟后可再试`;
}

/** What the track page says before anything goes wrong: the rule, in the limits' own numbers. */
export const CITIZEN_LOCK_RULE = `为保护您的信息，同一个案件编号在 ${CITIZEN_LOGIN_LIMITS.windowMinutes} 分钟内输错 ${CITIZEN_LOGIN_LIMITS.perCaseNo} 次密码，会被锁定到这 ${CITIZEN_LOGIN_LIMITS.windowMinutes} 分钟结束（最长 ${CITIZEN_LOGIN_LIMITS.windowMinutes} 分钟）。请核对后再试。`;

/**
 * What is wrong with a typed case number and password, before anything is sent (a wrong length
 * would cost one of the tries): `{ caseNo?, password? }`, empty when both look right.
 */
export function credentialFormatErrors(caseNo: string, password: string): { caseNo?: string; password?: string } {
  const errors: { caseNo?: string; password?: string } = {};
  const no = normalizeCaseNo(caseNo);
  if (!no) errors.caseNo = '请输入案件编号';
  else if (!/^\d+$/.test(no)) errors.caseNo = '案件编号只有数字，请核对';
  else if (no.length !== 14) errors.caseNo = `案件编号是 14 位数字，您输入了 ${no.length} 位，请核对`;
  const pw = normalizePassword(password);
  if (!pw) errors.password = '请输入查询密码';
  else if (pw.length !== PASSWORD_LENGTH) errors.password = `查询密码是 ${PASSWORD_LENGTH} 位字母和数字，您输入了 ${pw.length} 位，请核对`;
  else if (!PASSWORD_PATTERN.test(pw)) errors.password = '查询密码里没有 0、1、I、L、O 等字符，请核对（数字 0 和字母 O、数字 1 和字母 I 容易看错）';
  return errors;
}
