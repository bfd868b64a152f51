import { DomainError } from '../errors';
import { CASE_NO_PATTERN } from '../domain/credentials';
import { LIBRARY_ID_PATTERN } from './library-schemas';
import { USERNAME_PATTERN } from './console-schemas';
import { UPLOAD_ID_PATTERN } from './upload-schemas';

/**
 * The path parameters of the HTTP routes (`/cases/{caseNo}`, `/policies/{id}` …): each takes the
 * decoded value and returns it, or refuses it as the route would refuse an unknown one — so a
 * value of the wrong shape or length never reaches a key (DynamoDB refuses keys over 1,024 bytes).
 */
export type PathParam = (raw: string) => string;

/** An Open311 partner's id as issued. */
export const OPEN311_PARTNER_ID_PATTERN = /^p-[0-9a-f]{16}$/;

/** The one answer for a case number that is not among the citizen's cases (unknown, malformed or someone else's). */
export const NOT_MY_CASE_MESSAGE = '您的案件中没有这件诉求';

export const PATH_PARAMS = {
  /** A case number: 14 digits; anything else is a case that does not exist. */
  caseNo: (raw) => {
    if (!CASE_NO_PATTERN.test(raw)) throw new DomainError('CASE_NOT_FOUND');
    return raw;
  },
  /**
   * A case number among a citizen's own ("my cases"): a malformed one is answered exactly like a
   * case that is not theirs (see NOT_MY_CASE_MESSAGE), so the answer never says which cases exist.
   */
  myCaseNo: (raw) => {
    if (!CASE_NO_PATTERN.test(raw)) throw new DomainError('NOT_FOUND', { message: NOT_MY_CASE_MESSAGE });
    return raw;
  },
  /** A library item id (p-…, qa-…). */
  libraryId: (raw) => {
    if (!LIBRARY_ID_PATTERN.test(raw)) throw new DomainError('NOT_FOUND', { message: '该政策或问答不存在或已下架' });
    return raw;
  },
  /** An upload's id (a ULID). */
  uploadId: (raw) => {
    if (!UPLOAD_ID_PATTERN.test(raw)) throw new DomainError('NOT_FOUND', { message: '上传记录不存在或已过期，请重新上传' });
    return raw;
  },
  /** An attachment's id (a ULID). */
  attachmentId: (raw) => {
    if (!UPLOAD_ID_PATTERN.test(raw)) throw new DomainError('NOT_FOUND', { message: '附件不存在' });
    return raw;
  },
  /** An official's username. */
  username: (raw) => {
    if (!USERNAME_PATTERN.test(raw)) throw new DomainError('NOT_FOUND', { message: '账号不存在' });
    return raw;
  },
  /** An Open311 partner's id (`p-` and 16 hex digits, as issued). */
  partnerId: (raw) => {
    if (!OPEN311_PARTNER_ID_PATTERN.test(raw)) throw new DomainError('NOT_FOUND', { message: '合作方不存在' });
    return raw;
  },
  /** A notification's outbox id: its event's ULID and the notification's index. */
  outboxId: (raw) => {
    if (!/^[0-9A-HJKMNP-TV-Z]{26}-\d{1,3}$/.test(raw)) throw new DomainError('NOT_FOUND', { message: '该通知不存在' });
    return raw;
  },
  /** A month, YYYY-MM (the open-data export's). */
  month: (raw) => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(raw)) throw new DomainError('VALIDATION_FAILED', { fields: { month: '月份应为 YYYY-MM 格式，例如 2026-11' } });
    return raw;
  },
  /** A calendar date, YYYY-MM-DD, that exists. */
  date: (raw) => {
    if (!isCalendarDate(raw)) throw new DomainError('VALIDATION_FAILED', { fields: { date: '日期应为 YYYY-MM-DD 格式的真实日期，例如 2027-01-01' } });
    return raw;
  },
} satisfies Record<string, PathParam>;

/** Whether `s` is a real date written YYYY-MM-DD (no 2 月 31 日). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
