import type { CaseEventKind, EventData } from './state-machine';

/** The citizen-facing words for each public event; department ids are resolved to names by the caller. */
export function describeEvent(kind: CaseEventKind | string, data: EventData, departmentName: (id: string) => string): string {
  const dept = (key: string) => departmentName(String(data[key] ?? ''));
  switch (kind) {
    case 'submitted':
      return '诉求已提交，等待受理';
    case 'accepted':
      return `已受理，交由${dept('departmentId')}办理`;
    case 'rejected':
      return `不予受理：${data.reason ?? ''}`;
    case 'transferred':
      return `已转交${dept('departmentId')}办理`;
    case 'sent_back':
      return '重新分办中';
    case 'info_requested':
      return `需要您补充材料：${data.question ?? ''}`;
    case 'supplemented':
      return '您已补充材料，继续办理';
    case 'replied':
      return `${dept('departmentId')}已答复`;
    case 'extension_approved':
      return `办理期限延长 ${data.days} 天。理由：${data.reason ?? ''}`;
    case 'urged':
      return '案件已被督办';
    case 'merged':
      return `与案件 ${data.intoCaseNo ?? ''} 合并办理`;
    case 'closed':
      return '案件已办结';
    case 'rated':
      return `您的评价：${data.label ?? ''}`;
    case 'sla_warning':
      return '即将到期，已提醒承办部门';
    case 'sla_overdue':
      return '已超过答复期限，已提请督办';
    case 'sla_severe':
      return '严重超期，已报上级监督部门督办';
    case 'sla_rescheduled':
      return '节假日安排调整，办理期限重新计算';
    case 'published_to_library':
      return '答复已匿名发布到问答库';
    case 'contact_revealed':
      return '查看了完整联系方式';
    case 'publish_consent_given':
      return '您同意在隐去个人信息后公开答复';
    case 'publish_consent_withdrawn':
      return '您撤回了公开答复的同意，问答库中不会公开这件咨询的答复';
    case 'unpublished_from_library':
      return '已按市民撤回同意，从问答库撤下答复';
    case 'subscribed':
      return '订阅了微信进度通知';
    default:
      return '案件状态更新';
  }
}
