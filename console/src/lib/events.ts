import { ROLE_LABELS, type ActorRole, type ConsoleEventDto } from '@minsheng/shared';

/** Names of the timeline/audit event kinds, as officials say them. */
export const EVENT_LABELS: Record<string, string> = {
  submitted: '群众提交',
  accepted: '受理并交办',
  rejected: '不予受理',
  transferred: '转办',
  sent_back: '退回重新分办',
  info_requested: '要求补充材料',
  supplemented: '群众补充材料',
  replied: '答复',
  extension_requested: '申请延期',
  extension_approved: '批准延期',
  extension_denied: '驳回延期',
  urged: '督办',
  merged: '合并',
  closed: '办结',
  rated: '群众评价',
  sla_warning: '即将超期预警',
  sla_overdue: '超期，提请督办',
  sla_severe: '严重超期，报上级督办',
  contact_revealed: '查看完整联系方式',
  subscribed: '群众订阅消息提醒',
  sla_rescheduled: '期限重新计算（节假日安排调整）',
  published_to_library: '答复匿名发布到问答库',
};

export function eventLabel(kind: string): string {
  return EVENT_LABELS[kind] ?? kind;
}

export function actorText(e: Pick<ConsoleEventDto, 'actorRole' | 'actorId'>): string {
  const role = ROLE_LABELS[e.actorRole as ActorRole] ?? e.actorRole;
  if (e.actorRole === 'citizen' || e.actorRole === 'system') return role;
  return `${role} ${e.actorId}`;
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/**
 * What happened, in the console's words. The API's `text` is written for citizens and says little
 * about internal steps (an extension request, a reveal), so those are described from `data`.
 * Everything in `data` is already masked for this viewer by the server.
 */
export function describeForOfficials(e: ConsoleEventDto): string {
  const d = e.data;
  switch (e.kind) {
    case 'extension_requested':
      return `申请延期 ${str(d.days)} 天。理由：${str(d.reason)}`;
    case 'extension_approved':
      return `批准延期 ${str(d.days)} 天${d.note ? `。意见：${str(d.note)}` : ''}`;
    case 'extension_denied':
      return `驳回延期申请（${str(d.days)} 天）。理由：${str(d.note)}`;
    case 'urged':
      return `督办意见：${str(d.note)}`;
    case 'sent_back':
      return `退回受理员重新分办。理由：${str(d.reason)}`;
    case 'transferred':
      return `${e.text}${d.reason ? `。理由：${str(d.reason)}` : ''}`;
    case 'replied':
      return `${e.text}：${str(d.answer)}`;
    case 'supplemented':
      return `群众补充：${str(d.content)}`;
    case 'rated':
      return `群众评价：${str(d.label)}${d.comment ? `。意见：${str(d.comment)}` : ''}`;
    case 'closed':
      return `案件已办结${d.reason ? `（${str(d.reason)}）` : ''}`;
    case 'contact_revealed':
      return '查看了完整联系方式和诉求原文（已记入审计）';
    case 'subscribed':
      return '群众订阅了办理进度消息';
    default:
      return e.text;
  }
}
