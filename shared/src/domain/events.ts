/**
 * The one vocabulary of what can happen to a case: every event kind the timeline and the audit
 * trail record, with its name as officials say it and whether the citizen sees it on their own
 * timeline. Adding a kind here is the only way to write it (the type below is what the event
 * builder takes), so a kind can never reach a screen without its label.
 */
export const EVENT_KINDS = {
  // The lifecycle (written by the state machine, one with every transition).
  submitted: { label: '群众提交', citizenSees: true },
  accepted: { label: '受理并交办', citizenSees: true },
  rejected: { label: '不予受理', citizenSees: true },
  transferred: { label: '转办', citizenSees: true },
  sent_back: { label: '退回重新分办', citizenSees: true },
  info_requested: { label: '要求补充材料', citizenSees: true },
  supplemented: { label: '群众补充材料', citizenSees: true },
  replied: { label: '答复', citizenSees: true },
  extension_requested: { label: '申请延期', citizenSees: false },
  extension_approved: { label: '批准延期', citizenSees: true },
  extension_denied: { label: '驳回延期', citizenSees: false },
  urged: { label: '督办', citizenSees: true },
  /** 免于考核 (不合理诉求), by a supervisor with a reason: out of the assessment (data: { reason }). */
  exempted: { label: '免于考核（不合理诉求）', citizenSees: false },
  merged: { label: '合并', citizenSees: true },
  /** On the kept case: a duplicate was merged into it (its citizen is told too). */
  merged_in: { label: '重复件并入本案', citizenSees: true },
  /** On a case merged into another: the kept case was answered or closed (its citizen reads the answer there). */
  kept_case_replied: { label: '合并办理的案件已答复', citizenSees: true },
  kept_case_closed: { label: '合并办理的案件已办结', citizenSees: true },
  closed: { label: '办结', citizenSees: true },
  rated: { label: '群众评价', citizenSees: true },
  /** 回访: intake called and could not reach the citizen (data: { outcome, note, attempt, gaveUp }). A rating obtained by 回访 is a `rated` event with `source: 'revisit'`. */
  revisit_unreachable: { label: '回访：联系不上', citizenSees: false },
  /** The citizen withdrew the case before it was accepted (data: { reason? }). */
  withdrawn: { label: '群众撤回诉求', citizenSees: true },
  // Moving a case in the jurisdiction tree (dispatch.ts).
  /** 上报: an intake passed the case to its parent unit's intake (data: { reason, fromUnitId, toUnitId }). */
  escalated_up: { label: '上报上级受理中心', citizenSees: true },
  /** 派单异议: the handler disputes the dispatch (data: { departmentId, reason }). */
  dispatch_disputed: { label: '提出派单异议', citizenSees: false },
  /** The dispatching intake upheld the dispatch: the department handles it, no more send-backs (最终决定). */
  dispute_upheld: { label: '派单异议裁定：维持原派单（最终决定）', citizenSees: false },
  /** The dispatching intake re-dispatched the case to another department on a dispute. */
  dispute_redispatched: { label: '派单异议裁定：改派', citizenSees: true },
  // Joint handling (主办/协办): officials' records; the citizen sees only the lead's one answer.
  /** Assisting departments were given parts (data: { departmentIds, count }). */
  parts_assigned: { label: '指定协办部门', citizenSees: false },
  /** An assisting department submitted its part (data: { departmentId, onTime }). */
  part_submitted: { label: '协办部门已提交', citizenSees: false },
  /** The lead returned an assisting department's part (data: { departmentId, reason }). */
  part_returned: { label: '主办部门退回协办意见', citizenSees: false },
  /** Parts still expected were closed as not needed (the lead answered, or the case left handling) (data: { departmentIds, count }). */
  parts_closed: { label: '协办结束（无需再提交）', citizenSees: false },
  // The SLA timers.
  sla_warning: { label: '即将超期预警', citizenSees: false },
  sla_overdue: { label: '超期，提请督办', citizenSees: true },
  sla_severe: { label: '严重超期，报上级督办', citizenSees: true },
  sla_rescheduled: { label: '期限重新计算（节假日安排调整）', citizenSees: false },
  // Outside the lifecycle: audit-only records and the citizen's own settings.
  contact_revealed: { label: '查看完整联系方式', citizenSees: false },
  subscribed: { label: '群众订阅消息提醒', citizenSees: false },
  published_to_library: { label: '答复匿名发布到问答库', citizenSees: false },
  publish_consent_given: { label: '群众同意公开答复', citizenSees: true },
  publish_consent_withdrawn: { label: '群众撤回公开答复的同意', citizenSees: true },
  unpublished_from_library: { label: '按群众撤回同意从问答库撤下答复', citizenSees: false },
  /** The citizen set a new query password, proved by WeChat or by an SMS code (data: { via }). */
  password_reset: { label: '查询密码已重置', citizenSees: true },
  /** An official opened a case's photo or document (data: { attachmentId }): every view is audited. */
  attachment_viewed: { label: '查看附件', citizenSees: false },
} as const satisfies Record<string, { label: string; citizenSees: boolean }>;

/** Every kind of timeline/audit event. */
export type EventKind = keyof typeof EVENT_KINDS;

export const EVENT_KIND_NAMES = Object.keys(EVENT_KINDS) as EventKind[];

/** The values an event records (ids, reasons, counts), shown to officials and, if public, the citizen. */
export type EventData = Record<string, string | number | boolean>;

export function isEventKind(kind: string): kind is EventKind {
  return Object.hasOwn(EVENT_KINDS, kind);
}

/**
 * Officials' name for an event kind (a kind this build does not know, from newer data, is named as such).
 * With the event's data, a case an intake officer registered for a caller is headed as such, not 群众提交.
 */
export function eventLabel(kind: string, data?: Readonly<Record<string, unknown>>): string {
  if (kind === 'submitted' && data?.filedBy) return typeof data.channelLabel === 'string' && data.channelLabel ? `受理员代为登记（${data.channelLabel}）` : '受理员代为登记';
  return isEventKind(kind) ? EVENT_KINDS[kind].label : '其他记录';
}

/** Whether the citizen sees events of this kind on their timeline. */
export function citizenSees(kind: EventKind): boolean {
  return EVENT_KINDS[kind].citizenSees;
}
