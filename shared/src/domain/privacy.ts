/**
 * Masking of personal data for officials' views. Lists and default views show masked values;
 * only intake and supervisors may ask for the unmasked view, and that view is audited.
 */

/** 13800138000 → 138****8000; landlines keep area code and last 4. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${digits.slice(0, 3)}${'*'.repeat(Math.max(0, digits.length - 7))}${digits.slice(-4)}`;
}

/** 王师傅 → 王**; keeps the surname only. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

// 18-digit resident ID (last may be X), and mainland mobile numbers, as they appear in free text.
const ID_NUMBER_IN_TEXT = /(?<!\d)(\d{6})(\d{8})(\d{3}[\dXx])(?!\d)/g;
const MOBILE_IN_TEXT = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

/** Mask ID numbers and mobile numbers inside free text (titles, content). */
export function maskSensitiveText(text: string): string {
  return text.replace(ID_NUMBER_IN_TEXT, (_m, head: string, _mid: string, tail: string) => `${head}********${tail}`).replace(MOBILE_IN_TEXT, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}
