import type { CaseRecord } from './case';
import type { CasePart } from './joint';
import { toShanghaiDate } from './shanghai-time';
import type { EventKind } from './events';
import { maskSensitiveText } from './privacy';

/** Who a notification is for: the citizen (WeChat and/or SMS), a department's handlers, or a role's inbox. */
export type Audience =
  | { kind: 'citizen' }
  | { kind: 'department'; departmentId: string }
  /** `unitPath`: the case's unit; the message goes to that role's inbox of the unit and of each ancestor (absent: the root's). */
  | { kind: 'role'; role: 'intake' | 'supervisor' | 'authority'; unitPath?: string };

/** Event kinds that notify someone: lifecycle events and the SLA timers' steps. */
export type NotifiableKind = 'submitted' | 'closed' | 'accepted' | 'transferred' | 'info_requested' | 'replied' | 'urged' | 'extension_requested' | 'sla_warning' | 'sla_overdue' | 'sla_severe';

export interface NotificationDraft {
  audience: Audience;
  kind: EventKind;
  caseNo: string;
  title: string;
  body: string;
}

/**
 * Who is told what when a case changes. SLA steps follow DESIGN.md: warning → the handling
 * department; overdue → supervisors (and the citizen); severe → the supervising authority (and
 * the citizen). A citizen is messaged through each channel the case has (notifier: WeChat if they
 * subscribed and a credit is left, SMS if they gave a phone and did not opt out); the notifier checks that.
 */
export function notificationsFor(kind: EventKind, after: CaseRecord): NotificationDraft[] {
  return draftsFor(kind, after).map((d) => (d.audience.kind === 'role' && after.unitPath ? { ...d, audience: { ...d.audience, unitPath: after.unitPath } } : d));
}

function draftsFor(kind: EventKind, after: CaseRecord): NotificationDraft[] {
  const base = { caseNo: after.caseNo, kind };
  const dept = after.departmentId;
  // Inboxes are lists: phones and ID numbers a citizen typed into a title are masked, as in queues.
  const title = maskSensitiveText(after.title);
  switch (kind) {
    case 'submitted':
      // The filed SMS (the case number, and that the phone recovers the password): only with a phone.
      return after.contact?.phone ? [{ ...base, audience: { kind: 'citizen' }, title: '诉求已提交', body: `案件编号 ${after.caseNo}` }] : [];
    case 'accepted':
      return [
        ...(dept ? [{ ...base, audience: { kind: 'department' as const, departmentId: dept }, title: '新交办案件', body: `案件 ${after.caseNo}「${title}」已交由本部门办理` }] : []),
        { ...base, audience: { kind: 'citizen' }, title: '您的诉求已受理', body: '已受理并交承办部门办理' },
      ];
    case 'transferred':
      return dept ? [{ ...base, audience: { kind: 'department', departmentId: dept }, title: '新交办案件', body: `案件 ${after.caseNo}「${title}」已交由本部门办理` }] : [];
    case 'closed':
      return [{ ...base, audience: { kind: 'citizen' }, title: '您的诉求已办结', body: '您的诉求已办结，感谢您的反映' }];
    case 'extension_requested':
      return [{ ...base, audience: { kind: 'role', role: 'supervisor' }, title: '延期申请待审批', body: `案件 ${after.caseNo} 申请延期 ${after.extension?.days ?? ''} 天` }];
    case 'urged':
      return dept ? [{ ...base, audience: { kind: 'department', departmentId: dept }, title: '督办提醒', body: `案件 ${after.caseNo}「${title}」已被督办，请尽快办理` }] : [];
    case 'info_requested':
      return [{ ...base, audience: { kind: 'citizen' }, title: '需要您补充材料', body: after.pendingQuestion ?? '承办部门需要您补充材料' }];
    case 'replied':
      return [{ ...base, audience: { kind: 'citizen' }, title: '您的诉求已答复', body: '承办部门已答复，请查看并评价' }];
    case 'sla_warning':
      return dept
        ? [{ ...base, audience: { kind: 'department', departmentId: dept }, title: '案件即将超期', body: `案件 ${after.caseNo}「${title}」即将到期，请按时答复` }]
        : [{ ...base, audience: { kind: 'role', role: 'intake' }, title: '待受理案件即将超期', body: `案件 ${after.caseNo}「${title}」尚未受理，即将到期` }];
    case 'sla_overdue':
      return [
        { ...base, audience: { kind: 'role', role: 'supervisor' }, title: '案件已超期', body: `案件 ${after.caseNo}「${title}」已超过答复期限，已列入督办` },
        { ...base, audience: { kind: 'citizen' }, title: '办理已超期，已提请督办', body: '您的诉求已超过承诺期限，已提请督办部门督促办理' },
      ];
    case 'sla_severe':
      return [
        { ...base, audience: { kind: 'role', role: 'authority' }, title: '案件严重超期', body: `案件 ${after.caseNo}「${title}」严重超期，请上级监督部门督办` },
        { ...base, audience: { kind: 'citizen' }, title: '办理严重超期，已报上级督办', body: '您的诉求已严重超期，已报上级监督部门督办' },
      ];
    default:
      return [];
  }
}

/**
 * 协办 messages (joint.ts), to departments' inboxes only — never the citizen, who sees one answer: a
 * new part to the assisting department (with its due date), a submitted part to the lead, a returned
 * part back to its department.
 */
export function partNotifications(step: 'assigned' | 'submitted' | 'returned', c: CaseRecord, part: Pick<CasePart, 'departmentId' | 'dueAt'>, departmentName?: string): NotificationDraft[] {
  const title = maskSensitiveText(c.title);
  const base = { caseNo: c.caseNo };
  const due = toShanghaiDate(new Date(part.dueAt));
  switch (step) {
    case 'assigned':
      return [{ ...base, kind: 'parts_assigned', audience: { kind: 'department', departmentId: part.departmentId }, title: '新协办任务', body: `案件 ${c.caseNo}「${title}」由本部门协办，请于 ${due} 前提交协办意见` }];
    case 'submitted':
      return c.departmentId ? [{ ...base, kind: 'part_submitted', audience: { kind: 'department', departmentId: c.departmentId }, title: '协办意见已提交', body: `案件 ${c.caseNo}「${title}」：${departmentName ?? '协办部门'}已提交协办意见` }] : [];
    case 'returned':
      return [{ ...base, kind: 'part_returned', audience: { kind: 'department', departmentId: part.departmentId }, title: '协办意见被退回', body: `案件 ${c.caseNo}「${title}」：主办部门退回了本部门的协办意见，请补充后于 ${due} 前重新提交` }];
  }
}

/** The channels a citizen notification of `kind` goes by: the filing's goes by SMS only (WeChat has no subscription yet). */
export function citizenChannels(kind: EventKind): readonly CitizenChannel[] {
  return kind === 'submitted' ? ['sms'] : ['wechat', 'sms'];
}

export type CitizenChannel = 'wechat' | 'sms';

/**
 * What a progress SMS says happened ({2} of the progress template). Each at most 6 characters:
 * Tencent Cloud SMS limits a variable's value (6 characters for some accounts, 12 for others).
 */
export const SMS_PROGRESS_PHRASES: Partial<Record<EventKind, string>> = {
  accepted: '已受理',
  info_requested: '需补充材料',
  replied: '已答复',
  sla_overdue: '已提请督办',
  sla_severe: '已报上级督办',
  closed: '已办结',
};

/**
 * The notifications for a case merged into `kept` when `kept` is answered or closed: each merged
 * case's citizen is told under their own case number (their channels, their case page).
 */
export function mergedCaseNotifications(kind: EventKind, kept: CaseRecord, mergedCaseNos: string[]): NotificationDraft[] {
  const text =
    kind === 'replied'
      ? { title: '您的诉求已答复', body: `与您的诉求合并办理的案件 ${kept.caseNo} 已答复，请查看` }
      : { title: '您的诉求已办结', body: `与您的诉求合并办理的案件 ${kept.caseNo} 已办结` };
  return mergedCaseNos.map((caseNo) => ({ audience: { kind: 'citizen' }, kind, caseNo, ...text }));
}

/** A role's inbox at a unit: the root's keeps the key it had before the tree (`ROLE#<role>`). */
export function roleInboxKey(role: 'intake' | 'supervisor' | 'authority', unitId: string | undefined): string {
  return !unitId || unitId === 'root' ? `ROLE#${role}` : `ROLE#${role}#${unitId}`;
}

/** Inbox partition of an audience (citizens have no inbox: they are messaged in WeChat); a role's is the root's. */
export function inboxKey(audience: Audience): string | undefined {
  if (audience.kind === 'department') return `DEPT#${audience.departmentId}`;
  if (audience.kind === 'role') return roleInboxKey(audience.role, undefined);
  return undefined;
}

/**
 * Every inbox a notification goes to: a department's one; a role's at the case's unit and each of its
 * ancestors (≤ 4), so a county supervisor hears of their county's cases and never of another's, and
 * the city's hears of all.
 */
export function inboxKeysOf(audience: Audience): string[] {
  if (audience.kind === 'role') return (audience.unitPath ?? 'root').split('/').map((id) => roleInboxKey(audience.role, id));
  const one = inboxKey(audience);
  return one ? [one] : [];
}
