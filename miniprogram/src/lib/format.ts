import { SHANGHAI_OFFSET_MS } from '@minsheng/shared';

/** `2026-12-06T23:59:59+08:00` → `2026年12月6日` (Beijing date, whatever the phone's time zone). */
export function formatDate(iso: string): string {
  const d = new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** `2026年12月6日 14:05` in Beijing time. */
export function formatDateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatDate(iso)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * Between the groups of a case number or password: a no-break space, so that wherever one is shown
 * (a header, running text) it moves to the next line whole, never "20261202 / 405284".
 */
export const GROUP_SPACE = '\u00a0';

/** Case numbers read more easily in groups: `20261121 483920` (the space a no-break one). */
export function groupCaseNo(caseNo: string): string {
  return caseNo.length === 14 ? `${caseNo.slice(0, 8)}${GROUP_SPACE}${caseNo.slice(8)}` : caseNo;
}

/** Passwords in two groups of four: `B68D WRME` (the space a no-break one). */
export function groupPassword(password: string): string {
  return password.length === 8 ? `${password.slice(0, 4)}${GROUP_SPACE}${password.slice(4)}` : password;
}

/** `2025-06-10` (a calendar day, as the policy library gives it) → `2025年6月10日`; anything else as it is. */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : day;
}
