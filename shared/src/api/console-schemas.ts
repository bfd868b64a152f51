import * as z from 'zod/mini';
import { CASE_TYPES, LIMITS, OFFICIAL_ROLES, type CaseStatus, type CaseType, type OfficialRole, type Rating } from '../domain/case-types';
import type { CaseAction } from '../domain/state-machine';
import { MAX_ASSISTING, type PartAction, type PartStatus } from '../domain/joint';
import { MAX_EXTENSION_DAYS, type SlaLevel, type SlaPolicy } from '../domain/sla-clock';
import type { DayMode } from '../domain/calendar';
import { SCHEDULE_LIMITS, checkYearSchedule, type YearSchedule } from '../domain/holiday-schedule';
import type { StatCounters } from '../domain/stats';
import { CASE_NO_PATTERN } from '../domain/credentials';
import { text } from './text';
import { ownAttachmentsSchema, type AttachmentDto } from './upload-schemas';
import { DESK_CHANNELS, type CaseChannel } from '../domain/channels';
import { REVISIT_NOTE_MAX, REVISIT_OUTCOMES, type RevisitRecord } from '../domain/revisit';
import { PHONE_PATTERN } from './schemas';
import { AMOUNT_RECOVERED_MESSAGE, ANSWER_RESULTS, ANSWER_RESULT_MESSAGE, yuanToFen, type AnswerResult } from '../domain/answer-results';
import { INSTRUCTIONS_MAX, SEND_BACK_REASON_CODES, type DispatchSuggestion, type SendBackReasonCode } from '../domain/dispatch';

/** An official's login name: lower-case letters, digits, _ . - (3–32). */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{2,31}$/;

/** `POST /api/console/login` body. */
export const consoleLoginRequestSchema = z.strictObject({
  username: z.string().check(z.minLength(1, { message: '请输入用户名' }), z.maxLength(64, { message: '用户名过长' })),
  password: z.string().check(z.minLength(1, { message: '请输入密码' }), z.maxLength(128, { message: '密码过长' })),
});
export type ConsoleLoginRequest = z.infer<typeof consoleLoginRequestSchema>;

const version = z.number().check(z.int({ message: '版本号应为整数' }), z.gte(1, { message: '版本号无效' }));
const departmentId = z.string().check(z.minLength(1, { message: '请选择部门' }), z.maxLength(64, { message: '部门无效' }));
const reason = text('理由', LIMITS.reasonMax, { multiline: true });
/** 交办意见: the intake's instructions to the department, with an accept or a transfer. */
const instructions = z.optional(text('交办意见', INSTRUCTIONS_MAX, { multiline: true }));
const unitId = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: '地区无效' }));
/** 协办部门 on accept/transfer: 0–5 departments, each with an optional due date (YYYY-MM-DD, Shanghai; checked against the case's due date). */
const assisting = z.optional(
  z
    .array(z.strictObject({ departmentId, dueAt: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { message: '协办期限应为日期（YYYY-MM-DD）' }))) }))
    .check(z.maxLength(MAX_ASSISTING, { message: `协办部门最多 ${MAX_ASSISTING} 个` })),
);

/** `POST /api/console/cases/{caseNo}/actions` body: one of the officials' actions, with what it needs. */
export const consoleActionSchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('accept'), expectedVersion: version, departmentId, instructions, assisting }),
    z.strictObject({ action: z.literal('reject'), expectedVersion: version, reason }),
    z.strictObject({ action: z.literal('transfer'), expectedVersion: version, departmentId, reason, instructions, assisting }),
    z.strictObject({
      action: z.literal('send_back'),
      expectedVersion: version,
      reasonCode: z.enum(SEND_BACK_REASON_CODES as [SendBackReasonCode, ...SendBackReasonCode[]], { message: '请选择退单原因' }),
      reason: z.optional(reason),
    }),
    z.strictObject({ action: z.literal('escalate_up'), expectedVersion: version, reason }),
    z.strictObject({ action: z.literal('dispute'), expectedVersion: version, reason }),
    z.strictObject({
      action: z.literal('decide_dispute'),
      expectedVersion: version,
      uphold: z.boolean({ message: '请选择维持原派单或改派' }),
      note: text('裁定意见', LIMITS.reasonMax, { multiline: true }),
      departmentId: z.optional(departmentId),
    }),
    z.strictObject({ action: z.literal('request_info'), expectedVersion: version, question: text('需补充的内容', LIMITS.reasonMax, { multiline: true }), attachments: ownAttachmentsSchema }),
    z.strictObject({
      action: z.literal('reply'),
      expectedVersion: version,
      answer: text('答复内容', LIMITS.contentMax, { multiline: true }),
      // 答复结果 (required) and 还利于民 in yuan (optional; stored as fen).
      result: z.enum(ANSWER_RESULTS as unknown as [AnswerResult, ...AnswerResult[]], { message: ANSWER_RESULT_MESSAGE }),
      amountRecovered: z.optional(z.number({ message: AMOUNT_RECOVERED_MESSAGE }).check(z.refine((n) => yuanToFen(n) !== undefined, { message: AMOUNT_RECOVERED_MESSAGE }))),
      attachments: ownAttachmentsSchema,
    }),
    z.strictObject({
      action: z.literal('request_extension'),
      expectedVersion: version,
      days: z.number().check(z.int({ message: '延期天数应为整数' }), z.gte(1, { message: `延期天数应为 1 到 ${MAX_EXTENSION_DAYS} 天` }), z.lte(MAX_EXTENSION_DAYS, { message: `延期天数应为 1 到 ${MAX_EXTENSION_DAYS} 天` })),
      reason,
    }),
    z.strictObject({ action: z.literal('approve_extension'), expectedVersion: version, note: z.optional(text('审批意见', LIMITS.reasonMax, { multiline: true })) }),
    z.strictObject({ action: z.literal('deny_extension'), expectedVersion: version, reason }),
    z.strictObject({ action: z.literal('urge'), expectedVersion: version, note: text('督办意见', LIMITS.reasonMax, { multiline: true }) }),
    z.strictObject({ action: z.literal('exempt'), expectedVersion: version, reason: text('免于考核理由', LIMITS.reasonMax, { multiline: true }) }),
    z.strictObject({ action: z.literal('merge'), expectedVersion: version, intoCaseNo: z.string().check(z.regex(CASE_NO_PATTERN, { message: '请填写要并入的案件编号（14 位数字）' })) }),
    z.strictObject({ action: z.literal('close'), expectedVersion: version, reason: z.optional(reason) }),
    // 回访: what the citizen said on the phone (or that they could not be reached), with the operator's note.
    z.strictObject({
      action: z.literal('revisit'),
      expectedVersion: version,
      outcome: z.enum(REVISIT_OUTCOMES, { message: '请选择回访结果：满意、基本满意、不满意或联系不上' }),
      note: text('回访记录', REVISIT_NOTE_MAX, { multiline: true }),
    }),
    // 协办: an assisting department's part, and the lead returning one (once).
    z.strictObject({ action: z.literal('submit_part'), expectedVersion: version, text: text('协办意见', LIMITS.contentMax, { multiline: true }) }),
    z.strictObject({ action: z.literal('return_part'), expectedVersion: version, departmentId, reason }),
  ],
  { message: '不支持的操作' },
);
export type ConsoleActionRequest = z.infer<typeof consoleActionSchema>;

const slug = (label: string) => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,31}$/, { message: `${label}只能用小写字母、数字和短横线（2–32 位）` }));
const sortOrder = z.optional(z.number().check(z.int(), z.gte(0), z.lte(10_000)));

/** A unit of the jurisdiction tree named in a form (its id: a slug). */
export const unitIdSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,31}$/, { message: '所属单位无效' }));

/** Admin: create or update a department (`unitId`: the unit it belongs to; on create the root when absent, on update kept). */
export const departmentInputSchema = z.strictObject({
  id: slug('部门编码'),
  name: text('部门名称', 50),
  unitId: z.optional(unitIdSchema),
  sortOrder,
  active: z.optional(z.boolean()),
});
export type DepartmentInput = z.infer<typeof departmentInputSchema>;

/** Admin: create or update a category. */
export const categoryInputSchema = z.strictObject({
  id: slug('类别编码'),
  name: text('类别名称', 30),
  types: z.array(z.enum(CASE_TYPES, { message: '诉求类型无效' })).check(z.minLength(1, { message: '至少选择一种诉求类型' })),
  description: z.optional(text('说明', 200)),
  defaultDepartmentId: z.optional(departmentId),
  sortOrder,
  active: z.optional(z.boolean()),
});
export type CategoryInput = z.infer<typeof categoryInputSchema>;

/** Admin: one line of the 派单目录 (`POST /api/console/admin/dispatch-rules`, create or replace): category × unit → department. */
export const dispatchRuleInputSchema = z.strictObject({
  categoryId: slug('类别编码'),
  unitId,
  departmentId,
});
export type DispatchRuleInput = z.infer<typeof dispatchRuleInputSchema>;

/** Admin: which line of the 派单目录 to delete (`DELETE /api/console/admin/dispatch-rules?categoryId=&unitId=`). */
export const dispatchRuleKeySchema = z.strictObject({ categoryId: slug('类别编码'), unitId });

/** A line of the 派单目录 as the admin route answers it, with the names it refers to. */
export interface DispatchRuleDto {
  categoryId: string;
  categoryName: string;
  unitId: string;
  /** The unit's full name, root first ("兴辽市 / 青山县 / 城南镇"). */
  unitName: string;
  departmentId: string;
  departmentName: string;
}

/** Admin: create an official. Handlers belong to exactly one department; other roles to none. */
export const officialInputSchema = z
  .strictObject({
    username: z.string().check(z.regex(USERNAME_PATTERN, { message: '用户名只能用小写字母、数字、下划线、点和短横线（3–32 位）' })),
    displayName: text('姓名', 30),
    role: z.enum(OFFICIAL_ROLES, { message: '角色无效' }),
    departmentId: z.optional(departmentId),
    /** Intake officers, supervisors and admins: the unit they work in (the root when absent). Handlers take their department's. */
    unitId: z.optional(unitIdSchema),
    password: z.string().check(z.minLength(10, { message: '密码至少 10 位' }), z.maxLength(128, { message: '密码过长' })),
  })
  .check(
    z.superRefine((o, ctx) => {
      if (o.role === 'handler' && !o.departmentId) ctx.issues.push({ code: 'custom', path: ['departmentId'], message: '承办人必须属于一个部门', input: o });
      if (o.role !== 'handler' && o.departmentId) ctx.issues.push({ code: 'custom', path: ['departmentId'], message: '只有承办人属于部门', input: o });
      if (o.role === 'handler' && o.unitId) ctx.issues.push({ code: 'custom', path: ['unitId'], message: '承办人的所属单位随其部门，不能单独指定', input: o });
    }),
  );
export type OfficialInput = z.infer<typeof officialInputSchema>;

/** Moving an official: intake, supervisors and admins to another unit; a handler to another department (their unit follows it). */
export const officialAssignmentSchema = z
  .strictObject({
    unitId: z.optional(unitIdSchema),
    departmentId: z.optional(departmentId),
  })
  .check(
    z.superRefine((o, ctx) => {
      if (!o.unitId && !o.departmentId) ctx.issues.push({ code: 'custom', path: ['unitId'], message: '请选择新的所属单位或部门', input: o });
      if (o.unitId && o.departmentId) ctx.issues.push({ code: 'custom', path: ['departmentId'], message: '单位和部门只能选一项：承办人选部门，其他角色选单位', input: o });
    }),
  );
export type OfficialAssignment = z.infer<typeof officialAssignmentSchema>;

export const CONSOLE_QUEUES = ['intake', 'department', 'assisting', 'answered', 'due_soon', 'overdue', 'escalated', 'closed', 'mine', 'revisit'] as const;
export type ConsoleQueue = (typeof CONSOLE_QUEUES)[number];

export const QUEUE_LABELS: Record<ConsoleQueue, string> = {
  intake: '待受理',
  department: '本部门待办',
  assisting: '协办',
  answered: '已答复',
  due_soon: '即将超期',
  overdue: '已超期',
  escalated: '督办',
  closed: '已办结',
  mine: '我受理的',
  revisit: '回访',
};

/**
 * `POST /api/console/cases`: intake files a case on behalf of a caller (来电登记) — filed exactly as a
 * citizen's (same service, credentials, placement), with the desk channel and the official recorded.
 */
export const consoleFileCaseSchema = z
  .strictObject({
    type: z.enum(CASE_TYPES, { message: '请选择诉求类型：咨询、投诉、举报或建议' }),
    categoryId: z.string().check(z.minLength(1, { message: '请选择问题类别' }), z.maxLength(64, { message: '问题类别无效' })),
    /** 所在地区: a unit id from GET /api/units. */
    placeUnitId: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,31}$/, { message: '所在地区无效' }))),
    /** 地点描述 (free text). */
    location: z.optional(text('地点描述', LIMITS.locationTextMax)),
    title: text('标题', LIMITS.titleMax),
    content: text('诉求内容', LIMITS.contentMax, { multiline: true }),
    channel: z.enum(DESK_CHANNELS, { message: '请选择来源渠道：电话、来访、信件或 12345 转来' }),
    callerName: z.optional(text('来电人姓名', LIMITS.nameMax)),
    callerPhone: z.optional(z.string().check(z.regex(PHONE_PATTERN, { message: '请填写正确的手机号或带区号的座机号' }))),
    anonymous: z.optional(z.boolean({ message: '请说明是否匿名' })),
    /** Text the case number to callerPhone (the filing SMS; never the password). */
    sendSms: z.optional(z.boolean({ message: '请说明是否短信发送查询码' })),
  })
  .check(
    z.superRefine((body, ctx) => {
      if (body.anonymous && body.type !== 'report') ctx.issues.push({ code: 'custom', path: ['anonymous'], message: '只有举报可以匿名提交', input: body.anonymous });
      if (body.anonymous && (body.callerName || body.callerPhone)) ctx.issues.push({ code: 'custom', path: ['callerPhone'], message: '匿名举报不记录来电人姓名和电话', input: body.callerPhone });
      if (body.sendSms && !body.callerPhone) ctx.issues.push({ code: 'custom', path: ['callerPhone'], message: '短信发送查询码需要填写来电电话', input: body.callerPhone });
    }),
  );
export type ConsoleFileCaseRequest = z.infer<typeof consoleFileCaseSchema>;

// ---- Responses ----

export interface OfficialDto {
  username: string;
  displayName: string;
  role: OfficialRole;
  departmentId?: string;
  departmentName?: string;
  /** The unit of the jurisdiction tree the official works in (a handler's: their department's). */
  unitId?: string;
  unitName?: string;
  disabled: boolean;
}

export interface ConsoleLoginResponse {
  token: string;
  expiresAt: string;
  official: OfficialDto;
}

export interface CaseListItemDto {
  caseNo: string;
  /** 回访 queue rows: when the answer was given (Shanghai time), and the unreachable attempts so far. */
  answeredAt?: string;
  revisitAttempts?: number;
  type: CaseType;
  typeLabel: string;
  categoryId: string;
  categoryName?: string;
  /** Masked: phone and ID numbers inside are starred. */
  title: string;
  status: CaseStatus;
  statusLabel: string;
  departmentId?: string;
  departmentName?: string;
  ownerId?: string;
  createdAt: string;
  dueAt: string;
  slaLevel: SlaLevel;
  daysLeft: number;
  paused: boolean;
  version: number;
}

export interface CaseListResponse {
  queue: ConsoleQueue;
  items: CaseListItemDto[];
  /** Opaque; pass back as `cursor` for the next page. Absent on the last page. */
  nextCursor?: string;
}

export interface ConsoleEventDto {
  at: string;
  kind: string;
  actorRole: string;
  actorId: string;
  /** The official's display name (resolved when read; absent for citizens, the system, or an account that no longer exists). */
  actorName?: string;
  fromStatus?: CaseStatus;
  toStatus: CaseStatus;
  public: boolean;
  text: string;
  data: Record<string, string | number | boolean>;
  /** Where the request came from; never shown to department handlers. */
  client?: { ip?: string; userAgent?: string };
}

export interface ConsoleCaseDto extends Omit<CaseListItemDto, 'title'> {
  title: string;
  /** 来源渠道 (cases from before channels were recorded: miniprogram). */
  channel: CaseChannel;
  channelLabel: string;
  /** 受理员代为登记: the official who filed it for a caller (login and display name). */
  filedBy?: string;
  filedByName?: string;
  /** Open311 合作方: the partner whose api_key filed it (channel open311). */
  partnerId?: string;
  /** 回访 of the current answer round: unreachable attempts so far and whether given up (联系不上). */
  revisit?: RevisitRecord;
  content: string;
  anonymous?: boolean;
  /** Masked unless `revealed`; absent for a report viewed by a department handler. */
  contact?: { name?: string; phone?: string };
  /** True when the identity of a reporter is withheld from this viewer. */
  reporterHidden: boolean;
  revealed: boolean;
  location?: { text?: string; lat?: number; lng?: number };
  publishConsent: boolean;
  sla: {
    level: SlaLevel;
    reached: SlaLevel;
    paused: boolean;
    daysLeft: number;
    warnAt: string;
    dueAt: string;
    severeAt: string;
    answerDays: number;
    dayMode: DayMode;
    rule: string;
    extension?: { status: 'pending' | 'approved' | 'denied'; days: number; reason: string; decisionNote?: string };
  };
  pendingQuestion?: string;
  supplements: { content: string; at: string }[];
  /** Metadata only: each file is opened through its audited link route. */
  attachments: AttachmentDto[];
  /** `result`/`resultLabel` 答复结果 and `amountRecovered` (yuan) / `amountRecoveredFen` 还利于民, when the answer gave them. */
  answer?: {
    text: string;
    at: string;
    departmentName: string;
    officialId: string;
    officialName?: string;
    result?: AnswerResult;
    resultLabel?: string;
    amountRecovered?: number;
    amountRecoveredFen?: number;
  };
  /** The display name of the official who accepted the case (`ownerId` is their login name). */
  ownerName?: string;
  ratings: { rating: Rating; comment?: string; at: string; round: number; source?: 'revisit'; by?: string }[];
  round: number;
  mergedInto?: string;
  rejectReason?: string;
  reviewRequired: boolean;
  /** 免于考核 (不合理诉求): by whom (login name), when, why. */
  exemption?: { by: string; at: string; reason: string };
  timeline: ConsoleEventDto[];
  /** What this official may do now (the state machine's answer for their role and department; 协办 actions too). */
  allowedActions: (CaseAction | PartAction)[];
  /** 所在地区: the full name of the unit the place lies in, when the citizen or intake picked one. */
  placeUnitName?: string;
  /** The unit holding the case now (its intake queue while 待受理), by full name. */
  unitName?: string;
  /** For intake while 待受理: the department the 派单目录 (or the category) names, to prefill the accept form. */
  dispatchSuggestion?: DispatchSuggestion;
  /** Who dispatched it and with what 交办意见; send-backs so far and the limit; a pending 派单异议. Never shown to the citizen. */
  dispatch?: {
    unitId: string;
    unitName: string;
    by: string;
    byName?: string;
    at: string;
    instructions?: string;
    sendBacks: number;
    sendBackLimit: number;
    /** The department a dispute was decided against (最终决定): it may not send the case back. */
    finalFor?: string;
    dispute?: { departmentId: string; departmentName: string; reason: string; by: string; at: string };
  };
  /** 协办 parts: all of them for the lead and officials above; an assisting department sees its own only. */
  parts: PartDto[];
  /** The viewer's department assists on this case (and does not lead it). */
  assistingViewer: boolean;
}

/** One assisting department's part, as the console shows it. */
export interface PartDto {
  departmentId: string;
  departmentName: string;
  status: PartStatus;
  statusLabel: string;
  /** Shanghai time. */
  dueAt: string;
  text?: string;
  submittedAt?: string;
  submittedBy?: string;
  onTime?: boolean;
  returnedOnce: boolean;
  returnReason?: string;
}

export interface StatsRow extends StatCounters {
  key: string;
  name: string;
  onTimeRate?: number;
  satisfactionRate?: number;
  averageAnswerHours?: number;
  /** The same average in whole minutes (from filing to the first answer). */
  averageAnswerMinutes?: number;
  /** 解决率 (%): (解决 + 部分解决 × 0.5) ÷ (解决 + 部分解决 + 未解决); 解释说明 left out. */
  resolutionRate?: number;
}

export interface ConsoleStatsResponse {
  period: string;
  totals: StatsRow;
  byDepartment: StatsRow[];
  byCategory: StatsRow[];
  byType: StatsRow[];
  /** Month by month (YYYY-MM), oldest first. */
  series: StatsRow[];
  /** The unit the figures are of (the viewer's; the root's are the whole platform's). */
  unitId?: string;
  /** The viewer's child units, each with its whole subtree's figures. */
  byUnit?: StatsRow[];
  /** By 来源渠道 (city-wide only, like by category and type: empty below the root). */
  byChannel?: StatsRow[];
}

export interface PublicStatsResponse {
  filed: number;
  answered: number;
  onTimeRate?: number;
  satisfactionRate?: number;
}

// ---- Query strings ----

/** `GET /api/console/cases` query. */
export const caseQueueQuerySchema = z.strictObject({
  queue: z.enum(CONSOLE_QUEUES, { message: '队列无效：intake、department、assisting、answered、due_soon、overdue、escalated、closed、mine 或 revisit' }),
  cursor: z.optional(z.string().check(z.maxLength(2000, { message: '翻页标记无效' }))),
  limit: z.optional(z.coerce.number().check(z.int({ message: '每页条数应为整数' }), z.gte(1, { message: '每页条数应为 1 到 100' }), z.lte(100, { message: '每页条数应为 1 到 100' }))),
  departmentId: z.optional(z.string().check(z.maxLength(64))),
  type: z.optional(z.enum(CASE_TYPES, { message: '诉求类型无效' })),
  categoryId: z.optional(z.string().check(z.maxLength(64))),
  /** The intake queue of this unit (a supervisor's choice within their subtree; default: the official's own unit). */
  unitId: z.optional(z.string().check(z.maxLength(64))),
});
export type CaseQueueQuery = z.infer<typeof caseQueueQuerySchema>;

/** `GET /api/console/queue-counts` query: the department (待办, 已答复 for intake/supervisors) and the intake unit the tabs show. */
export const queueCountsQuerySchema = z.strictObject({
  departmentId: z.optional(z.string().check(z.maxLength(64))),
  unitId: z.optional(z.string().check(z.maxLength(64))),
});
export type QueueCountsQuery = z.infer<typeof queueCountsQuerySchema>;

/**
 * `GET /api/console/queue-counts` answer: the exact count of each of the official's queues.
 * `maintained`: kept from the stream with the queues (a partition's count); otherwise (即将超期, 已超期, 回访: windows
 * of time) counted by reading the window of the open-by-due index to its end — exact either way.
 */
export interface QueueCountsResponse {
  items: { queue: ConsoleQueue; count: number; maintained: boolean }[];
}

/** `GET /api/console/cases/{caseNo}` query: `reveal=1` asks for unmasked contact details (audited). */
export const caseDetailQuerySchema = z.strictObject({
  reveal: z.optional(z.enum(['0', '1', 'true', 'false'], { message: 'reveal 应为 0 或 1' })),
});

/** `GET /api/console/audit` query. */
export const auditQuerySchema = z.strictObject({
  caseNo: z.string().check(z.regex(CASE_NO_PATTERN, { message: '请填写 14 位案件编号' })),
});

/** `GET /api/console/stats` query. */
export const statsQuerySchema = z.strictObject({
  period: z.optional(z.string().check(z.regex(/^(ALL|\d{4}-(0[1-9]|1[0-2]))$/, { message: '统计期间应为 ALL 或 YYYY-MM' }))),
  months: z.optional(z.coerce.number().check(z.int(), z.gte(1, { message: '月数应为 1 到 36' }), z.lte(36, { message: '月数应为 1 到 36' }))),
});

/** `POST /api/console/inbox/read` body: everything up to and including `upTo` (an item's `at`) is read. */
export const inboxReadSchema = z.strictObject({
  upTo: z.string().check(
    z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/, { message: '应为消息的时间（ISO 8601，含时区）' }),
    z.refine((s) => !Number.isNaN(Date.parse(s)), { message: '应为有效的时间' }),
  ),
});
export type InboxReadRequest = z.infer<typeof inboxReadSchema>;

/** `GET /api/console/inbox`: newest first, each marked read or not for this official; `unread` counts the listed ones not read. */
export interface InboxResponse {
  items: { id: string; at: string; kind: string; caseNo: string; title: string; body: string; read: boolean }[];
  unread: number;
}

// ---- SLA settings (admin) and WeChat subscription (citizen) ----

const dayCount = (label: string) => z.number().check(z.int({ message: `${label}应为整数` }), z.gte(1, { message: `${label}应为 1 到 120` }), z.lte(120, { message: `${label}应为 1 到 120` }));

/** Admin: the SLA policy of one case type. Applies to cases filed from now on. */
export const slaPolicyInputSchema = z
  .strictObject({
    type: z.enum(CASE_TYPES, { message: '诉求类型无效' }),
    answerDays: dayCount('答复期限'),
    warnDays: dayCount('预警天数'),
    severeDays: dayCount('严重超期天数'),
    dayMode: z.enum(['natural', 'working'], { message: '计日方式应为自然日（natural）或工作日（working）' }),
    /** 回访: days after an answer before an unrated case is due for a return visit (default 3; less than the 7-day rating window). */
    revisitDays: z.optional(z.number().check(z.int({ message: '回访天数应为整数' }), z.gte(1, { message: '回访天数应为 1 到 6' }), z.lte(6, { message: '回访天数应为 1 到 6' }))),
  })
  .check(
    z.superRefine((p, ctx) => {
      if (p.warnDays >= p.answerDays) ctx.issues.push({ code: 'custom', path: ['warnDays'], message: '预警天数应少于答复期限', input: p });
      if (p.severeDays <= p.answerDays) ctx.issues.push({ code: 'custom', path: ['severeDays'], message: '严重超期天数应多于答复期限', input: p });
    }),
  );
export type SlaPolicyInput = z.infer<typeof slaPolicyInputSchema>;

/** Admin: mark a date as a working day or a day off (local holiday, a year the official data lacks). */
export const calendarOverrideInputSchema = z.strictObject({
  date: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: '日期格式应为 YYYY-MM-DD' })),
  work: z.boolean({ message: '请说明当天是否上班' }),
  note: z.optional(text('说明', 50)),
});
export type CalendarOverrideInput = z.infer<typeof calendarOverrideInputSchema>;

const scheduleDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' }));

/**
 * Admin: a year's official holiday schedule in one step (`POST /api/console/admin/calendar/years`),
 * as the console's preview parsed it from the State Council notice or an .ics file. Replaces the
 * schedule entered for that year before; `replaceManual` also deletes that year's single-day overrides.
 */
export const yearScheduleInputSchema = z
  .strictObject({
    year: z.number().check(z.int({ message: '年份应为整数' }), z.gte(2000, { message: '年份应为 2000 到 2100' }), z.lte(2100, { message: '年份应为 2000 到 2100' })),
    source: z.enum(['notice', 'ics'], { message: '来源应为 notice（通知文本）或 ics（日历文件）' }),
    holidays: z
      .array(
        z.strictObject({
          name: text('节日名称', SCHEDULE_LIMITS.nameMax),
          daysOff: z.array(scheduleDate).check(z.maxLength(SCHEDULE_LIMITS.daysPerHolidayMax, { message: `每个节日的放假日期不能超过 ${SCHEDULE_LIMITS.daysPerHolidayMax} 天` })),
          workdays: z.array(scheduleDate).check(z.maxLength(SCHEDULE_LIMITS.workdaysPerHolidayMax, { message: `每个节日的调休上班日不能超过 ${SCHEDULE_LIMITS.workdaysPerHolidayMax} 天` })),
        }),
      )
      .check(z.minLength(1, { message: '至少要有一个节日' }), z.maxLength(SCHEDULE_LIMITS.holidaysMax, { message: `节日不能超过 ${SCHEDULE_LIMITS.holidaysMax} 个` })),
    replaceManual: z.optional(z.boolean({ message: 'replaceManual 应为 true 或 false' })),
  })
  .check(
    z.superRefine((v, ctx) => {
      const errors = checkYearSchedule(v).filter((p) => p.severity === 'error');
      if (errors.length) ctx.issues.push({ code: 'custom', path: ['holidays'], message: errors.map((p) => p.message).join('；'), input: v.holidays });
    }),
  );
export type YearScheduleInput = z.infer<typeof yearScheduleInputSchema>;

/** `POST /api/track/case/subscription`: the wx.login code and the templates the citizen accepted. */
export const subscriptionRequestSchema = z.strictObject({
  code: z.string().check(z.minLength(1, { message: '缺少微信登录凭证' }), z.maxLength(128)),
  templateIds: z.array(z.string().check(z.minLength(1), z.maxLength(128))).check(z.minLength(1, { message: '请至少订阅一种消息' }), z.maxLength(5)),
});

// ---- Admin responses (`/api/console/admin/…`): the stored reference data, inactive items included ----

/** A department as the admin routes answer it. */
export interface AdminDepartmentDto {
  id: string;
  name: string;
  sortOrder: number;
  /** An inactive department is no longer offered for dispatch. */
  active: boolean;
  /** The unit of the jurisdiction tree it belongs to (the root when absent). */
  unitId?: string;
}

/** A category as the admin routes answer it, with the department it usually goes to. */
export interface AdminCategoryDto {
  id: string;
  name: string;
  types: CaseType[];
  description?: string;
  defaultDepartmentId?: string;
  sortOrder: number;
  active: boolean;
}

/** One case type's SLA policy (`GET/POST /api/console/admin/sla-policies`). */
export type SlaPolicyDto = { type: CaseType } & SlaPolicy;

/** A local correction to the official holiday calendar (`/api/console/admin/calendar`). */
export interface CalendarOverrideDto {
  date: string;
  work: boolean;
  note?: string;
}

/** Where an entered year's schedule came from: the pasted notice, or an uploaded .ics file. */
export type ScheduleSource = 'notice' | 'ics';
export const SCHEDULE_SOURCE_LABELS: Record<ScheduleSource, string> = { notice: '粘贴通知文本', ics: '上传 .ics 文件' };

/** A year's schedule an admin entered (it stands in for the package's data for that year). */
export interface YearScheduleDto extends YearSchedule {
  source: ScheduleSource;
  enteredAt: string;
  enteredBy: string;
  enteredByName: string;
}

/** One entry of the calendar's change log (the audit trail of calendar changes: there is no case for them). */
export interface CalendarChangeDto {
  at: string;
  /** Username and name of the admin. */
  by: string;
  byName: string;
  kind: 'year_entered' | 'override_set' | 'override_deleted';
  year?: number;
  date?: string;
  daysOff?: number;
  workdays?: number;
  /** What changed, in Chinese (e.g. 录入 2027 年节假日安排（粘贴通知文本）：2 个节日，放假 11 天，调休上班 2 天). */
  summary: string;
}

/** An open case counted in working days whose deadlines reach a year the calendar does not know. */
export interface BeyondHorizonCaseDto {
  caseNo: string;
  type: CaseType;
  status: CaseStatus;
  dayMode: DayMode;
  warnAt: string;
  dueAt: string;
  severeAt: string;
  /** The unknown years its warning, due or severe date fall in. */
  unknownYears: number[];
}

/**
 * `GET /api/console/admin/calendar` answer: which years the official calendar knows (the package's,
 * and those admins entered), the unknown years ahead, and the open working-day cases whose deadlines
 * fall in them (counted as plain Monday–Friday until the year is entered); the overrides, the entered
 * schedules and the change log.
 */
export interface CalendarResponse {
  knownYears: number[];
  enteredYears: number[];
  /** From this year on (at least this year and the next), the years neither known nor entered that matter now. */
  unknownYearsAhead: number[];
  casesBeyondHorizon: {
    count: number;
    /** False when the count stopped at the read limit (then it is a lower bound). */
    complete: boolean;
    /** The first ones, earliest due first. */
    items: BeyondHorizonCaseDto[];
  };
  /** Case types whose policy in force counts working days (new cases of these types use the calendar). */
  workingDayTypes: CaseType[];
  /** Admins' single-day overrides (a schedule entered for the year wins on the dates it lists). */
  overrides: CalendarOverrideDto[];
  schedules: YearScheduleDto[];
  /** Newest first. */
  changes: CalendarChangeDto[];
  /** The latest re-timing jobs (newest first): what each calendar change set off, and how far it is. */
  retimeJobs: RetimeJobDto[];
}

/**
 * Re-timing the open working-day cases after a calendar change runs off the request (a job on the
 * table's stream). `queued` until the job starts; `running` with progress; `done`; `superseded` when
 * a newer change came first (the newer job re-times everything on the newest calendar); `failed`
 * after repeated errors.
 */
export type RetimeJobStatus = 'queued' | 'running' | 'done' | 'superseded' | 'failed';

export interface RetimeJobDto {
  id: string;
  status: RetimeJobStatus;
  /** Open cases to go through (counted when the job starts; 0 while queued). */
  total: number;
  /** Open cases gone through so far. */
  done: number;
  /** Working-day cases whose deadlines moved. */
  rescheduled: number;
  queuedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Username and name of the admin whose change set it off. */
  by: string;
  byName: string;
  /** The change, in Chinese (the change log's summary). */
  summary: string;
  /** Why it failed (failed only). */
  reason?: string;
}

/** `GET /api/console/admin/calendar/retime-jobs` answer: the latest jobs, newest first (what the page polls while one runs). */
export interface RetimeJobsResponse {
  items: RetimeJobDto[];
}

/** `POST /api/console/admin/calendar` answer: the override stored, and the re-timing job it queued. */
export interface CalendarOverrideResponse extends CalendarOverrideDto {
  retime: RetimeJobDto;
}

/** `DELETE /api/console/admin/calendar/{date}` answer. */
export interface DeleteCalendarOverrideResponse {
  date: string;
  deleted: true;
  retime: RetimeJobDto;
}

/** `POST /api/console/admin/calendar/years` answer. */
export interface EnterYearScheduleResponse {
  year: number;
  holidays: number;
  daysOff: number;
  workdays: number;
  /** Single-day overrides of that year deleted with it (`replaceManual`). */
  removedOverrides: string[];
  /** The job re-timing the open working-day cases (queued: it runs off the request). */
  retime: RetimeJobDto;
  change: CalendarChangeDto;
}
