import { isEventKind, type EventData, type EventKind } from './events';

type Describe = (data: EventData, dept: (key: string) => string) => string;

/** The citizen-facing words for each kind (every kind has them: the type says so). */
const CITIZEN_TEXT: Record<EventKind, Describe> = {
  submitted: (d) => (d.filedBy ? `受理员代为登记（${d.channelLabel ?? ''}），等待受理` : '诉求已提交，等待受理'),
  accepted: (_d, dept) => `已受理，交由${dept('departmentId')}办理`,
  rejected: (d) => `不予受理：${d.reason ?? ''}`,
  transferred: (_d, dept) => `已转交${dept('departmentId')}办理`,
  sent_back: () => '重新分办中',
  info_requested: (d) => `需要您补充材料：${d.question ?? ''}`,
  supplemented: () => '您已补充材料，继续办理',
  replied: (_d, dept) => `${dept('departmentId')}已答复`,
  extension_requested: (d) => `申请延期 ${d.days} 天`,
  extension_approved: (d) => `办理期限延长 ${d.days} 天。理由：${d.reason ?? ''}`,
  extension_denied: () => '延期申请未获批准',
  urged: () => '案件已被督办',
  exempted: (d) => `免于考核（不合理诉求）。理由：${d.reason ?? ''}`,
  merged: (d) => `与案件 ${d.intoCaseNo ?? ''} 合并办理`,
  // Another citizen's case number is their login: never shown to this one.
  merged_in: () => '另一件反映同一问题的诉求已并入本案，一并办理',
  kept_case_replied: (d) => `与您的诉求合并办理的案件 ${d.keptCaseNo ?? ''} 已答复，答复内容见本页`,
  kept_case_closed: (d) => `与您的诉求合并办理的案件 ${d.keptCaseNo ?? ''} 已办结`,
  closed: () => '案件已办结',
  rated: (d) => (d.source === 'revisit' ? `回访评价：${d.label ?? ''}` : `您的评价：${d.label ?? ''}`),
  revisit_unreachable: (d) => `回访未能联系上（第 ${d.attempt ?? ''} 次）${d.gaveUp ? '，不再回访' : ''}${d.note ? `：${d.note}` : ''}`,
  withdrawn: (d) => (d.reason ? `您已撤回这件诉求。原因：${d.reason}` : '您已撤回这件诉求，不再办理'),
  escalated_up: () => '已转上级受理中心办理',
  dispatch_disputed: () => '承办部门对交办提出异议',
  dispute_upheld: () => '维持原交办部门办理',
  dispute_redispatched: (_d, dept) => `已改由${dept('departmentId')}办理`,
  parts_assigned: (d) => `指定协办部门 ${d.count ?? ''} 个`,
  part_submitted: (_d, dept) => `${dept('departmentId')}已提交协办意见`,
  part_returned: (d, dept) => `主办部门退回${dept('departmentId')}的协办意见：${d.reason ?? ''}`,
  parts_closed: (d) => `主办部门已答复，${d.count ?? ''} 个协办部门无需再提交`,
  sla_warning: () => '即将到期，已提醒承办部门',
  sla_overdue: () => '已超过答复期限，已提请督办',
  sla_severe: () => '严重超期，已报上级监督部门督办',
  sla_rescheduled: () => '节假日安排调整，办理期限重新计算',
  published_to_library: () => '答复已匿名发布到问答库',
  contact_revealed: () => '查看了完整联系方式',
  publish_consent_given: () => '您同意在隐去个人信息后公开答复',
  publish_consent_withdrawn: () => '您撤回了公开答复的同意，问答库中不会公开这件咨询的答复',
  unpublished_from_library: () => '已按市民撤回同意，从问答库撤下答复',
  subscribed: () => '订阅了微信进度通知',
  attachment_viewed: () => '查看了附件',
  password_reset: (d) => (d.via === 'phone' ? '您通过短信验证码重置了查询密码，原密码已失效' : '您在微信中重置了查询密码，原密码已失效'),
};

/** The citizen-facing words for an event; department ids are resolved to names by the caller. */
export function describeEvent(kind: string, data: EventData, departmentName: (id: string) => string): string {
  if (!isEventKind(kind)) return '案件状态更新';
  return CITIZEN_TEXT[kind](data, (key) => departmentName(String(data[key] ?? '')));
}
