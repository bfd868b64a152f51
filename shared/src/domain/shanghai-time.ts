/**
 * Calendar arithmetic in the Asia/Shanghai day. China has used UTC+8 all year since 1992
 * (no daylight saving), so a fixed offset is exact for every date this system handles and
 * avoids depending on the host's ICU time-zone data (Lambda runs in UTC).
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date in Shanghai as `YYYY-MM-DD`. */
export type ShanghaiDate = string;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The Shanghai calendar date an instant falls on. */
export function toShanghaiDate(instant: Date): ShanghaiDate {
  const shifted = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

function parseDate(date: ShanghaiDate): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** The date `days` calendar days after `date` (negative goes back). */
export function addDays(date: ShanghaiDate, days: number): ShanghaiDate {
  const { y, m, d } = parseDate(date);
  const next = new Date(Date.UTC(y, m - 1, d) + days * DAY_MS);
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

/** The first instant of a Shanghai date (00:00:00 +08:00). */
export function startOfShanghaiDay(date: ShanghaiDate): Date {
  const { y, m, d } = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d) - SHANGHAI_OFFSET_MS);
}

/** The last whole second of a Shanghai date (23:59:59 +08:00): how deadlines are stated. */
export function endOfShanghaiDay(date: ShanghaiDate): Date {
  return new Date(startOfShanghaiDay(addDays(date, 1)).getTime() - 1000);
}

/** Day of week of a Shanghai date, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: ShanghaiDate): number {
  const { y, m, d } = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Whole calendar days from date `a` to date `b` (b − a). */
export function daysBetween(a: ShanghaiDate, b: ShanghaiDate): number {
  const pa = parseDate(a);
  const pb = parseDate(b);
  return Math.round((Date.UTC(pb.y, pb.m - 1, pb.d) - Date.UTC(pa.y, pa.m - 1, pa.d)) / DAY_MS);
}

/** ISO 8601 with the +08:00 offset, e.g. `2026-11-28T23:59:59+08:00` (what the API returns). */
export function formatShanghaiIso(instant: Date): string {
  const s = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  const ms = s.getUTCMilliseconds();
  return (
    `${s.getUTCFullYear()}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())}` +
    `T${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}:${pad(s.getUTCSeconds())}` +
    (ms ? `.${pad(ms, 3)}` : '') +
    '+08:00'
  );
}

/** Human Chinese date-time, e.g. `2026年11月28日 23:59`. */
export function formatShanghaiHuman(instant: Date): string {
  const s = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return `${s.getUTCFullYear()}年${s.getUTCMonth() + 1}月${s.getUTCDate()}日 ${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}`;
}
