import { isEventKind, ROLE_LABELS, type ActorRole, type ConsoleEventDto } from '@minsheng/shared';

/**
 * Officials' names for the event kinds come from shared/'s one vocabulary (EVENT_KINDS), so a kind
 * added there is named here too; a kind this build does not know is named '其他记录'.
 */
export { eventLabel } from '@minsheng/shared';

/**
 * Who did it, as officials know each other: the official's display name and role ("张敏（受理员）");
 * with `login`, their login name too (the audit trail). Events from before names were resolved, or of
 * an account since removed, show the login name.
 */
export function actorText(e: Pick<ConsoleEventDto, 'actorRole' | 'actorId' | 'actorName'>, options: { login?: boolean } = {}): string {
  const role = ROLE_LABELS[e.actorRole as ActorRole] ?? e.actorRole;
  if (e.actorRole === 'citizen' || e.actorRole === 'system') return role;
  return officialText(e.actorName, e.actorId, role, options);
}

/** An official by name (with their role unless the name already says it), or by login name when no name is known. */
export function officialText(name: string | undefined, login: string, role?: string, options: { login?: boolean } = {}): string {
  if (!name) return role ? `${role} ${login}` : login;
  const named = role && !name.includes(role) ? `${name}（${role}）` : name;
  return options.login ? `${named} · 登录名 ${login}` : named;
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/**
 * What happened, in the console's words. The API's `text` is written for citizens and says little
 * about internal steps (an extension request, a reveal), so those are described from `data`.
 * Everything in `data` is already masked for this viewer by the server.
 */
export function describeForOfficials(e: ConsoleEventDto): string {
  if (!isEventKind(e.kind)) return e.text;
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
      return `退回派单的受理中心重新分办${d.sendBacks ? `（第 ${str(d.sendBacks)} 次退单）` : ''}。${d.reasonLabel ? `退单原因：${str(d.reasonLabel)}` : ''}${d.reason ? `${d.reasonLabel ? '；' : ''}理由：${str(d.reason)}` : ''}`;
    case 'accepted':
      return `${e.text}${d.instructions ? `。交办意见：${str(d.instructions)}` : ''}`;
    case 'transferred':
      return `${e.text}${d.reason ? `。理由：${str(d.reason)}` : ''}${d.instructions ? `。交办意见：${str(d.instructions)}` : ''}`;
    case 'escalated_up':
      return `上报上级受理中心。理由：${str(d.reason)}`;
    case 'dispatch_disputed':
      return `承办部门提出派单异议。理由：${str(d.reason)}`;
    case 'dispute_upheld':
      return `派单异议裁定：维持原派单，由承办部门办理（最终决定，不能再退单）。意见：${str(d.note)}`;
    case 'dispute_redispatched':
      return `派单异议裁定：${e.text}。意见：${str(d.note)}`;
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
    case 'merged_in':
      return `重复件 ${str(d.fromCaseNo)} 已并入本案一并办理`;
    default:
      // The API's words are the console's for every other kind.
      return e.text;
  }
}
