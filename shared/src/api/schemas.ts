import * as z from 'zod/mini';
import { CASE_TYPES, LIMITS, RATINGS, type CaseStatus, type CaseType, type Rating } from '../domain/case-types';
import type { SlaLevel } from '../domain/sla-clock';
import type { DayMode } from '../domain/calendar';
import type { AnswerResult } from '../domain/answer-results';
import type { FieldErrors } from '../errors';
import { text } from './text';
import { CITIZEN_CHANNELS } from '../domain/channels';
import { filingAttachmentsSchema, ownAttachmentsSchema, type CitizenAttachmentDto } from './upload-schemas';

/** Mainland mobile (1[3-9]xxxxxxxxx) or landline with area code (010-12345678). */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

const contactSchema = z.strictObject({
  name: z.optional(text('姓名', LIMITS.nameMax)),
  phone: z.optional(z.string().check(z.regex(PHONE_PATTERN, { message: '请填写正确的手机号或带区号的座机号' }))),
});

const placeSchema = z.strictObject({
  text: z.optional(text('地点', LIMITS.locationTextMax)),
  unitId: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,31}$/, { message: '所在地区无效' }))),
  lat: z.optional(z.number().check(z.gte(-90, { message: '纬度应在 -90 到 90 之间' }), z.lte(90, { message: '纬度应在 -90 到 90 之间' }))),
  lng: z.optional(z.number().check(z.gte(-180, { message: '经度应在 -180 到 180 之间' }), z.lte(180, { message: '经度应在 -180 到 180 之间' }))),
});

/** `POST /api/cases` body. */
export const fileCaseRequestSchema = z
  .strictObject({
    type: z.enum(CASE_TYPES, { message: '请选择诉求类型：咨询、投诉、举报或建议' }),
    categoryId: z.string().check(z.minLength(1, { message: '请选择问题类别' }), z.maxLength(64, { message: '问题类别无效' })),
    title: text('标题', LIMITS.titleMax),
    content: text('内容', LIMITS.contentMax, { multiline: true }),
    anonymous: z.optional(z.boolean()),
    contact: z.optional(contactSchema),
    location: z.optional(placeSchema),
    publishConsent: z.optional(z.boolean()),
    /** Progress SMS to contact.phone (default on when a phone is given; ignored without one). */
    smsOptIn: z.optional(z.boolean({ message: '请说明是否接收短信通知' })),
    /** 来源渠道 of a citizen's own filing: the mini-program (weapp) or the web (H5 build); absent → miniprogram. */
    channel: z.optional(z.enum(CITIZEN_CHANNELS, { message: '来源渠道应为 miniprogram 或 web' })),
    /** Photos uploaded for this filing (POST /api/uploads, purpose filing, then complete), each with its uploadToken. */
    attachments: filingAttachmentsSchema,
  })
  .check(
    z.superRefine((body, ctx) => {
      if (body.anonymous && body.type !== 'report') {
        ctx.issues.push({ code: 'custom', path: ['anonymous'], message: '只有举报可以匿名提交', input: body.anonymous });
      }
      if (body.anonymous && (body.contact?.name || body.contact?.phone)) {
        ctx.issues.push({ code: 'custom', path: ['contact'], message: '匿名举报请不要填写姓名和电话', input: body.contact });
      }
    }),
  );
export type FileCaseRequest = z.infer<typeof fileCaseRequestSchema>;

/** `POST /api/track/login` body. */
export const trackLoginRequestSchema = z.strictObject({
  caseNo: z.string().check(z.minLength(1, { message: '请输入案件编号' }), z.maxLength(40, { message: '案件编号格式不正确' })),
  password: z.string().check(z.minLength(1, { message: '请输入查询密码' }), z.maxLength(40, { message: '查询密码格式不正确' })),
});
export type TrackLoginRequest = z.infer<typeof trackLoginRequestSchema>;

/** `POST /api/track/case/supplements` body. */
export const supplementRequestSchema = z.strictObject({
  content: text('补充内容', LIMITS.supplementMax, { multiline: true }),
  /** Files uploaded with this case's token (purpose supplement), completed. */
  attachments: ownAttachmentsSchema,
});
export type SupplementRequest = z.infer<typeof supplementRequestSchema>;

/** `POST /api/track/case/rating` body. */
export const ratingRequestSchema = z.strictObject({
  rating: z.enum(RATINGS, { message: '请选择：满意、基本满意或不满意' }),
  comment: z.optional(z.union([z.literal(''), text('评价意见', LIMITS.commentMax, { multiline: true })])),
});
export type RatingRequest = z.infer<typeof ratingRequestSchema>;

/** `POST /api/track/case/withdraw` body: an optional reason (≤ 200 characters); only before acceptance. */
export const withdrawRequestSchema = z.strictObject({
  reason: z.optional(z.union([z.literal(''), text('撤回原因', LIMITS.withdrawReasonMax, { multiline: true })])),
});
export type WithdrawRequest = z.infer<typeof withdrawRequestSchema>;

// ---- Responses (the shapes the API returns; front ends type their client with these) ----

export interface CategoryDto {
  id: string;
  name: string;
  /** Case types this category is offered for. */
  types: CaseType[];
  description?: string;
}

export interface DepartmentDto {
  id: string;
  name: string;
}

/** `GET /api/units`: an active unit of the jurisdiction tree, for the place picker (市/区县 → 街道乡镇 → 社区村). */
export interface UnitDto {
  id: string;
  name: string;
  /** 1 市, 2 区/县, 3 街道/乡镇, 4 社区/村. */
  level: number;
  /** Absent only for the root. */
  parentId?: string;
}

export interface ListResponse<T> {
  items: T[];
}

export interface FileCaseResponse {
  caseNo: string;
  password: string;
  type: CaseType;
  status: CaseStatus;
  dueAt: string;
  /** Lets the phone ask this case's status without the password (POST /api/track/status); changes when the password is reset. */
  statusKey: string;
}

export interface TrackLoginResponse {
  token: string;
  expiresAt: string;
  /** As FileCaseResponse.statusKey. */
  statusKey: string;
}

export interface TimelineEntryDto {
  at: string;
  kind: string;
  text?: string;
}

export interface TrackedCaseDto {
  caseNo: string;
  type: CaseType;
  categoryId: string;
  categoryName?: string;
  /** 所在地区: the full name of the unit the citizen picked for the place ("兴辽市 / 青山县 / 城南镇"). */
  placeUnitName?: string;
  title: string;
  content: string;
  status: CaseStatus;
  statusLabel: string;
  createdAt: string;
  dueAt: string;
  /** When the citizen last had something new to see (the filing, or the latest event on their timeline). */
  progressAt: string;
  sla: {
    level: SlaLevel;
    paused: boolean;
    daysLeft: number;
    answerDays: number;
    dayMode: DayMode;
    rule: string;
    extension?: { days: number; reason: string };
  };
  /** Consultations only: whether the citizen agreed, when filing, to the answer being published (anonymised) in the library. */
  publishConsent?: boolean;
  departmentName?: string;
  pendingQuestion?: string;
  timeline: TimelineEntryDto[];
  /** `result`/`resultLabel`: 答复结果 (答复结果：已解决 …), when the answer gave one; the amount recovered is for officials only. */
  answer?: { text: string; at: string; departmentName: string; result?: AnswerResult; resultLabel?: string };
  rating?: { rating: Rating; comment?: string; at: string };
  canRate: boolean;
  canSupplement: boolean;
  /** Whether the citizen may still withdraw the case (only while 待受理). */
  canWithdraw: boolean;
  mergedInto?: string;
  /** For a merged case: the kept case's answer, when it has one. */
  mergedAnswer?: { caseNo: string; text: string; at: string };
  /** For a merged case: the case it was merged into, its status and (once it has one) its answer. */
  keptCase?: { caseNo: string; status: CaseStatus; statusLabel: string; answer?: { text: string; at: string; departmentName: string } };
  supplements: { content: string; at: string }[];
  /** The citizen's own files and the officials' reply files, with links valid for minutes. */
  attachments?: CitizenAttachmentDto[];
}

// ---- Turning validation issues into field messages ----

export interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  expected?: string;
  keys?: string[];
  input?: unknown;
}

const TYPE_NAMES: Record<string, string> = { string: '文本', number: '数字', boolean: '是或否', object: '对象', array: '列表' };

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Zod issues → `{ "contact.phone": "请填写正确的手机号…" }`, one plain-Chinese message per field.
 * Pass the parsed input so a missing field and a wrongly typed one get different messages.
 */
export function issuesToFields(issues: readonly IssueLike[], input?: unknown): FieldErrors {
  const fields: FieldErrors = {};
  const put = (path: string, message: string) => {
    fields[path || '_'] ??= message;
  };
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) put(path ? `${path}.${key}` : key, '不支持的字段');
    } else if (issue.code === 'invalid_type') {
      const missing = input === undefined ? issue.input === undefined : valueAt(input, issue.path) === undefined;
      put(path, missing ? '此项为必填' : `应为${TYPE_NAMES[issue.expected ?? ''] ?? '正确的类型'}`);
    } else if (issue.message && issue.message !== 'Invalid input') {
      put(path, issue.message);
    } else {
      put(path, '取值无效');
    }
  }
  return fields;
}

/** `POST /api/track/case/publish-consent` (citizen token): give or withdraw consent to publishing the answer (consultations). */
export const publishConsentRequestSchema = z.strictObject({
  consent: z.boolean({ message: '请说明是否同意公开答复' }),
});
export type PublishConsentRequest = z.infer<typeof publishConsentRequestSchema>;
