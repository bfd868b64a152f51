import type { CaseRecord } from './case';
import type { EventKind } from './events';
import { maskSensitiveText } from './privacy';

/** Who a notification is for: the citizen (WeChat), a department's handlers, or a role's inbox. */
export type Audience = { kind: 'citizen' } | { kind: 'department'; departmentId: string } | { kind: 'role'; role: 'intake' | 'supervisor' | 'authority' };

/** Event kinds that notify someone: lifecycle events and the SLA timers' steps. */
export type NotifiableKind = 'accepted' | 'transferred' | 'info_requested' | 'replied' | 'urged' | 'extension_requested' | 'sla_warning' | 'sla_overdue' | 'sla_severe';

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
 * the citizen). Citizens are only ever messaged if they subscribed; the notifier checks that.
 */
export function notificationsFor(kind: EventKind, after: CaseRecord): NotificationDraft[] {
  const base = { caseNo: after.caseNo, kind };
  const dept = after.departmentId;
  // Inboxes are lists: phones and ID numbers a citizen typed into a title are masked, as in queues.
  const title = maskSensitiveText(after.title);
  switch (kind) {
    case 'accepted':
    case 'transferred':
      return dept ? [{ ...base, audience: { kind: 'department', departmentId: dept }, title: '新交办案件', body: `案件 ${after.caseNo}「${title}」已交由本部门办理` }] : [];
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

/** Inbox partition of an audience (citizens have no inbox: they are messaged in WeChat). */
export function inboxKey(audience: Audience): string | undefined {
  if (audience.kind === 'department') return `DEPT#${audience.departmentId}`;
  if (audience.kind === 'role') return `ROLE#${audience.role}`;
  return undefined;
}
