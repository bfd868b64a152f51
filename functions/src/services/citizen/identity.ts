import { createHmac } from 'node:crypto';

/**
 * The keyed hash a citizen identity is stored under: an openid or phone number is never kept in
 * the clear for linking (a leaked table says nothing of who filed what). Phone numbers are taken
 * as their 11 digits (spaces, dashes and a +86 prefix dropped).
 */
export function identityOf(key: Buffer, via: 'wechat' | 'phone', value: string): string {
  const normal = via === 'phone' ? normalisePhone(value) : value;
  return `${via === 'wechat' ? 'wx' : 'tel'}:${createHmac('sha256', key).update(normal).digest('base64url')}`;
}

/** A mainland mobile number's 11 digits, or the input without separators. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/[\s\-()]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return digits;
}
