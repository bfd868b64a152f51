/**
 * The policy library's HTTP contract: request schemas (zod/mini) and response shapes for the
 * public search (`/api/policies`), admins' management of policies and synonyms, and officials'
 * publishing of answered consultations.
 */
import * as z from 'zod/mini';
import { text } from './text';

/** What a library item is: a policy document, or an answered consultation (anonymised). */
export const LIBRARY_KINDS = ['policy', 'qa'] as const;
export type LibraryKind = (typeof LIBRARY_KINDS)[number];

/** How each kind is named to citizens. */
export const LIBRARY_KIND_LABELS: Record<LibraryKind, string> = { policy: '政策文件', qa: '咨询问答' };

/** Limits of library texts, in characters as a person counts them. */
export const LIBRARY_LIMITS = {
  titleMax: 150,
  issuerMax: 100,
  docNoMax: 60,
  bodyMax: 20_000,
  questionMax: 4_000,
  answerMax: 4_000,
  tagMax: 20,
  tagsMax: 12,
  urlMax: 500,
  queryMax: 500,
  synonymTermMax: 20,
  synonymGroupMax: 20,
  synonymGroupsMax: 300,
} as const;

/** Item ids: lowercase letters, digits and dashes (generated ids look like `p-01j…`, `qa-01j…`). */
export const LIBRARY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,79}$/;

/** A real calendar day (no 2 月 31 日), YYYY-MM-DD, from 1949 on. */
const isRealDay = (value: string) => {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1949 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};
const isoDate = z
  .string()
  .check(
    z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: '日期格式应为 YYYY-MM-DD' }),
    z.refine(isRealDay, { message: '日期不存在，请检查年月日' }),
  );
const tags = z.optional(
  z.array(text('标签', LIBRARY_LIMITS.tagMax)).check(z.maxLength(LIBRARY_LIMITS.tagsMax, { message: `标签不能超过 ${LIBRARY_LIMITS.tagsMax} 个` })),
);
const sourceUrl = z.string().check(
  z.maxLength(LIBRARY_LIMITS.urlMax, { message: '链接过长' }),
  z.regex(/^https?:\/\/[^\s<>"']+$/i, { message: '原文链接应以 http:// 或 https:// 开头' }),
);
const categoryId = z.string().check(z.minLength(1), z.maxLength(64, { message: '问题类别无效' }));
const revision = z.number().check(z.int({ message: '版本号应为整数' }), z.gte(1, { message: '版本号无效' }));

/** Admin: a policy document, created (`POST /api/console/admin/policies`) or replaced (`POST …/policies/{id}`). */
export const policyInputSchema = z.strictObject({
  title: text('标题', LIBRARY_LIMITS.titleMax),
  /** Issuing department(s), e.g. 县人力资源和社会保障局. */
  issuer: text('发文机关', LIBRARY_LIMITS.issuerMax),
  /** Date of issue, YYYY-MM-DD. */
  issuedAt: isoDate,
  /** Document number (文号), e.g. 人社发〔2024〕12号. */
  docNo: z.optional(text('文号', LIBRARY_LIMITS.docNoMax)),
  body: text('正文', LIBRARY_LIMITS.bodyMax, { multiline: true }),
  sourceUrl: z.optional(sourceUrl),
  tags,
  categoryId: z.optional(categoryId),
  /** When replacing: the revision the admin edited; a newer one stored meanwhile → 409. */
  expectedRevision: z.optional(revision),
});
export type PolicyInput = z.infer<typeof policyInputSchema>;

/** Admin: edit a published Q&A (`POST …/policies/{id}` on a `qa` item). Texts are anonymised again on save. */
export const qaEditInputSchema = z.strictObject({
  title: text('标题', LIBRARY_LIMITS.titleMax),
  question: text('问题', LIBRARY_LIMITS.questionMax, { multiline: true }),
  answer: text('答复', LIBRARY_LIMITS.answerMax, { multiline: true }),
  tags,
  expectedRevision: z.optional(revision),
});
export type QaEditInput = z.infer<typeof qaEditInputSchema>;

/**
 * Admin: replace an item (`POST /api/console/admin/policies/{id}`). `kind` must be the item's:
 * a policy takes the policy fields, a published Q&A its title, question, answer and tags.
 */
export const libraryItemUpdateSchema = z.discriminatedUnion(
  'kind',
  [z.extend(policyInputSchema, { kind: z.literal('policy') }), z.extend(qaEditInputSchema, { kind: z.literal('qa') })],
  { message: '类型应为 policy（政策文件）或 qa（咨询问答）' },
);
export type LibraryItemUpdate = z.infer<typeof libraryItemUpdateSchema>;

/** `POST /api/console/cases/{caseNo}/publish`: the (edited) preview; anonymised again before it is stored. */
export const publishRequestSchema = z.strictObject({
  title: z.optional(text('标题', LIBRARY_LIMITS.titleMax)),
  question: text('问题', LIBRARY_LIMITS.questionMax, { multiline: true }),
  answer: text('答复', LIBRARY_LIMITS.answerMax, { multiline: true }),
  tags,
});
export type PublishRequest = z.infer<typeof publishRequestSchema>;

/** Admin: the whole synonym list, replaced at once. Each group holds terms that mean the same to a searcher. */
export const synonymsInputSchema = z
  .strictObject({
    /**
     * The list the admin edited: its `revision` from GET, or null when the built-in list was in
     * force. Another admin's save since then → 409. Leave out to save regardless.
     */
    expectedRevision: z.optional(z.nullable(revision)),
    groups: z
      .array(
        z
          .array(text('同义词', LIBRARY_LIMITS.synonymTermMax))
          .check(
            z.minLength(2, { message: '每组至少两个词' }),
            z.maxLength(LIBRARY_LIMITS.synonymGroupMax, { message: `每组不能超过 ${LIBRARY_LIMITS.synonymGroupMax} 个词` }),
          ),
      )
      .check(z.maxLength(LIBRARY_LIMITS.synonymGroupsMax, { message: `同义词组不能超过 ${LIBRARY_LIMITS.synonymGroupsMax} 组` })),
  })
  .check(
    z.superRefine((input, ctx) => {
      const seen = new Map<string, number>();
      input.groups.forEach((group, g) => {
        group.forEach((term, t) => {
          const key = term.trim().normalize('NFKC').toLowerCase();
          const earlier = seen.get(key);
          if (earlier !== undefined && earlier !== g) {
            ctx.issues.push({ code: 'custom', path: ['groups', g, t], message: `“${term.trim()}”已在第 ${earlier + 1} 组中，一个词只能属于一组`, input: term });
          }
          seen.set(key, g);
        });
      });
    }),
  );
export type SynonymsInput = z.infer<typeof synonymsInputSchema>;

/** `DELETE /api/console/admin/synonyms?expectedRevision=` — back to the built-in list. */
export const synonymsResetQuerySchema = z.strictObject({
  expectedRevision: z.optional(z.coerce.number().check(z.int({ message: '版本号应为整数' }), z.gte(1, { message: '版本号无效' }))),
});
export type SynonymsResetQuery = z.infer<typeof synonymsResetQuerySchema>;

const limit = (max: number) =>
  z.optional(
    z.coerce
      .number()
      .check(z.int({ message: '条数应为整数' }), z.gte(1, { message: `条数应为 1 到 ${max}` }), z.lte(max, { message: `条数应为 1 到 ${max}` })),
  );
const offset = z.optional(z.coerce.number().check(z.int({ message: '起始位置应为整数' }), z.gte(0, { message: '起始位置无效' }), z.lte(10_000, { message: '起始位置过大' })));

/** `GET /api/policies` query: `q` searched in Chinese (without it: newest first). */
export const policySearchQuerySchema = z.strictObject({
  q: z.optional(z.string().check(z.maxLength(LIBRARY_LIMITS.queryMax, { message: `搜索内容不能超过 ${LIBRARY_LIMITS.queryMax} 个字` }))),
  limit: limit(50),
  offset,
  kind: z.optional(z.enum(LIBRARY_KINDS, { message: '类型应为 policy 或 qa' })),
});
export type PolicySearchQuery = z.infer<typeof policySearchQuerySchema>;

/** `GET /api/console/admin/policies` query: the same search, with every field of each item. */
export const adminPolicyListQuerySchema = z.strictObject({
  q: z.optional(z.string().check(z.maxLength(LIBRARY_LIMITS.queryMax, { message: `搜索内容不能超过 ${LIBRARY_LIMITS.queryMax} 个字` }))),
  limit: limit(200),
  offset,
  kind: z.optional(z.enum(LIBRARY_KINDS, { message: '类型应为 policy 或 qa' })),
});

/** `DELETE /api/console/admin/policies/{id}?expectedRevision=` — the revision the admin saw; a newer one stored meanwhile → 409. */
export const libraryDeleteQuerySchema = z.strictObject({
  expectedRevision: z.optional(z.coerce.number().check(z.int({ message: '版本号应为整数' }), z.gte(1, { message: '版本号无效' }))),
});
export type LibraryDeleteQuery = z.infer<typeof libraryDeleteQuerySchema>;

// ---- Responses ----

/** One search hit or list entry, as the mini-program shows it. */
export interface LibraryItemSummaryDto {
  id: string;
  kind: LibraryKind;
  kindLabel: string;
  title: string;
  /** Policy: issuing department; Q&A: the department that answered. */
  issuer?: string;
  /** Policy: date of issue; Q&A: date published (YYYY-MM-DD, Shanghai). */
  issuedAt: string;
  docNo?: string;
  tags: string[];
  categoryId?: string;
  categoryName?: string;
  /** Plain text (never HTML): up to ~90 characters of the body around the first match. */
  snippet: string;
  /** Search only: query words found in the item, for highlighting (plain substrings of title/snippet). */
  highlights?: string[];
  /** Search only: relevance (BM25F × recency). Comparable within one answer only. */
  score?: number;
  /** Search only: share (0–1) of the query's weight this item matches; suggestions may hide weak ones (below about 0.25). */
  match?: number;
}

/** `GET /api/policies` answer. */
export interface PolicySearchResponse {
  items: LibraryItemSummaryDto[];
  /** How many items match in all (for paging with offset). */
  total: number;
  /** The query as searched (trimmed), absent when listing newest first. */
  q?: string;
}

/** `GET /api/policies/{id}`: one item in full. */
export interface LibraryItemDto extends Omit<LibraryItemSummaryDto, 'snippet' | 'highlights' | 'score' | 'match'> {
  /** Policy: the text; Q&A: the answer. Plain text with line breaks. */
  body: string;
  /** Q&A only: the citizen's question, anonymised. */
  question?: string;
  /** Q&A only: same as body (the department's answer), for clarity in UIs. */
  answer?: string;
  sourceUrl?: string;
  /** Last change, ISO 8601 with +08:00. */
  updatedAt: string;
}

/** Console (admin, publishing officials): an item with its bookkeeping. */
export interface LibraryAdminItemDto extends LibraryItemDto {
  revision: number;
  createdAt: string;
  createdBy: string;
  updatedBy: string;
  /** Q&A only: the consultation it was published from (never shown to the public). */
  sourceCaseNo?: string;
}

/** `GET /api/console/admin/policies` answer. */
export interface LibraryAdminListResponse {
  items: LibraryAdminItemDto[];
  total: number;
}

/** `GET /api/console/admin/synonyms` answer. */
export interface SynonymsResponse {
  groups: string[][];
  /** True while admins have not saved their own list (the built-in list is in force). */
  isDefault: boolean;
  /** The saved list's revision (absent for the built-in list): send it back as `expectedRevision`. */
  revision?: number;
  updatedAt?: string;
  updatedBy?: string;
}

/** What anonymisation took out, counted by kind (shown to the official beside the preview). */
export interface RedactionCounts {
  name: number;
  phone: number;
  idNumber: number;
  address: number;
  email: number;
  other: number;
}

/** `GET /api/console/cases/{caseNo}/publication-preview`: exactly what would be published; edit and POST to …/publish. */
export interface PublicationPreviewDto {
  caseNo: string;
  title: string;
  question: string;
  answer: string;
  tags: string[];
  categoryId: string;
  categoryName?: string;
  /** The department that answered (shown as the item's issuer). */
  issuer?: string;
  redactions: RedactionCounts;
  /** Set when this consultation is already in the library: publishing again replaces that item. */
  published?: { id: string; updatedAt: string; updatedBy: string };
}

/** `POST /api/console/cases/{caseNo}/publish` answer (201 first time, 200 when replacing). */
export interface PublishResponse {
  item: LibraryAdminItemDto;
  redactions: RedactionCounts;
  replaced: boolean;
}
