import * as z from 'zod/mini';
import { CASE_NO_PATTERN } from '../domain/credentials';
import type { CaseListItemDto } from './console-schemas';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const date = (field: string) => z.optional(z.string().check(z.regex(DATE, { message: `${field}应为 YYYY-MM-DD 格式的日期` })));

/**
 * `GET /api/console/search` query: exactly one of `caseNo` (exact), `phone` (exact) or `q` (words of
 * the title and content); `from`/`to` (Shanghai filing dates, inclusive) narrow a phone or word search.
 */
export const caseSearchQuerySchema = z.strictObject({
  caseNo: z.optional(z.string().check(z.regex(CASE_NO_PATTERN, { message: '受理编号应为 14 位数字' }))),
  phone: z.optional(z.string().check(z.regex(/^[+\d][\d\s\-()]{4,19}$/, { message: '请输入正确的电话号码' }))),
  q: z.optional(z.string().check(z.maxLength(50, { message: '关键词不超过 50 个字' }))),
  from: date('开始日期'),
  to: date('结束日期'),
  cursor: z.optional(z.string().check(z.maxLength(500, { message: '翻页标记无效' }))),
  limit: z.optional(z.coerce.number().check(z.int({ message: '每页条数应为整数' }), z.gte(1, { message: '每页条数应为 1 到 50' }), z.lte(50, { message: '每页条数应为 1 到 50' }))),
});
export type CaseSearchQuery = z.infer<typeof caseSearchQuerySchema>;

/** A word search reads at most this many days of filings (the default: the last 90 days). */
export const SEARCH_MAX_DAYS = 366;
export const SEARCH_DEFAULT_DAYS = 90;

export interface CaseSearchResponse {
  /** Which search ran: by number, by phone or by words. */
  by: 'caseNo' | 'phone' | 'words';
  /** Rows exactly as the queues show them (masked the same way). */
  items: CaseListItemDto[];
  /** Opaque; pass back as `cursor` (with the same query) for the next page. Absent on the last page. */
  nextCursor?: string;
}

export type DuplicateRule = 'samePhone' | 'samePlaceCategory' | 'similarText';

export interface DuplicateCandidateDto extends CaseListItemDto {
  /** Which rules found it. */
  rules: DuplicateRule[];
  /** Jaccard similarity of the two cases' title+content character pairs (0–1, two decimals). */
  similarity: number;
}

export interface DuplicatesResponse {
  caseNo: string;
  /** Open cases filed within the last 30 days that may be the same problem, the strongest first (at most 10). */
  items: DuplicateCandidateDto[];
}
