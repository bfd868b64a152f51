import {
  ANSWER_RESULT_LABELS,
  type AnswerResult,
  extensionRequestBlocker,
  hasPendingExtension,
  MAX_EXTENSION_DAYS,
  REVISIT_OUTCOME_LABELS,
  type RevisitOutcome,
  ratingWindowEndsAt,
  SEND_BACK_REASONS,
  type SendBackReasonCode,
  type CaseAction,
  type PartAction,
  type ConsoleActionRequest,
  type ConsoleCaseDto,
} from '@minsheng/shared';
import { formatDateTime } from '@/lib/format';

/** Officials' actions (the citizen's and the timers' never show up in allowedActions). */
export type OfficialAction = Exclude<CaseAction, 'supplement' | 'rate' | 'withdraw' | 'auto_close'> | PartAction;

export type FieldKind =
  | 'department'
  /** 协办部门 with optional due dates, with an accept or a transfer. */
  | 'assisting'
  | 'reason'
  | 'optionalReason'
  | 'question'
  | 'answer'
  /** 答复结果 (required with a reply). */
  | 'answerResult'
  /** 挽回金额（元） (optional with a reply). */
  | 'amountRecovered'
  | 'days'
  | 'note'
  | 'optionalNote'
  | 'intoCaseNo'
  /** 交办意见 (optional), with an accept or a transfer. */
  | 'instructions'
  /** 退单原因 from the fixed list. */
  | 'reasonCode'
  /** 派单异议裁定: uphold, or re-dispatch (then the department field applies). */
  | 'uphold'
  | 'partText'
  | 'partDepartment'
  /** 回访结果 (满意/基本满意/不满意/联系不上). */
  | 'revisitOutcome';

/** An assisting department as the form holds it: its id and an optional due date (YYYY-MM-DD). */
export type AssistingValue = { departmentId?: string; dueAt?: string };

/** What an action form holds (and what its draft saves). */
export type ActionValues = {
  departmentId?: string;
  reason?: string;
  question?: string;
  answer?: string;
  result?: AnswerResult;
  /** 挽回金额 in yuan (sent as is; the API stores fen). */
  amountRecovered?: number | null;
  days?: number;
  note?: string;
  intoCaseNo?: string;
  instructions?: string;
  reasonCode?: SendBackReasonCode;
  decision?: 'uphold' | 'redispatch';
  assisting?: AssistingValue[];
  text?: string;
  outcome?: RevisitOutcome;
};

/** 协办部门 as sent: the rows with a department, a due date only when one was chosen. */
const assistingBody = (v: ActionValues) => {
  const rows = (v.assisting ?? []).filter((a) => a.departmentId).map((a) => ({ departmentId: a.departmentId!, ...(t(a.dueAt) ? { dueAt: t(a.dueAt) } : {}) }));
  return rows.length ? { assisting: rows } : {};
};

/** Parts still expected from assisting departments (the lead is warned before answering). */
export const pendingParts = (c: ConsoleCaseDto) => (c.parts ?? []).filter((p) => p.status === 'pending' || p.status === 'returned');

/** A department's name from its id (the id itself while the list is loading). */
export type DepartmentName = (id: string | undefined) => string;

/** Everything the console knows about one official action: its words, its form and what it sends. */
export interface ActionSpec<A extends OfficialAction = OfficialAction> {
  label: string;
  /** What the action does, shown above its form. */
  help: string;
  fields: FieldKind[];
  danger?: boolean;
  primary?: boolean;
  /** The label of the department field, if it has one. */
  departmentLabel?: string;
  /** Only departments other than the current one may be chosen. */
  otherDepartmentsOnly?: boolean;
  /** The label of the reason field (required or optional), if it has one. */
  reasonLabel?: string;
  /** The label of the note field (required or optional), if it has one. */
  noteLabel?: string;
  /** The form shows the pending extension request it decides. */
  showsExtensionRequest?: boolean;
  /** The question asked before sending. */
  confirmText: (v: ActionValues, c: ConsoleCaseDto, departmentName: DepartmentName) => string;
  /** The request body, from what the form holds, at the version the official saw. */
  body: (v: ActionValues, expectedVersion: number) => Extract<ConsoleActionRequest, { action: A }>;
}

const t = (s: string | undefined) => (s ?? '').trim();
const withInstructions = (v: ActionValues) => (t(v.instructions) ? { instructions: t(v.instructions) } : {});

/** The one table of the officials' actions. */
export const ACTIONS: { [A in OfficialAction]: ActionSpec<A> } = {
  accept: {
    label: '受理并交办',
    help: '受理此诉求，并交给承办部门（主办）办理；需要其他部门配合的，可同时指定协办部门（最多 5 个），各有协办期限。受理后由您跟踪到办结（首问负责）。',
    fields: ['department', 'assisting', 'instructions'],
    primary: true,
    departmentLabel: '交办给（承办部门）',
    confirmText: (v, _c, dept) => `确认受理，并交由「${dept(v.departmentId)}」主办？${(v.assisting ?? []).filter((a) => a.departmentId).length ? `协办：${(v.assisting ?? []).filter((a) => a.departmentId).map((a) => dept(a.departmentId)).join('、')}。` : ''}`,
    body: (v, expectedVersion) => ({ action: 'accept', expectedVersion, departmentId: v.departmentId ?? '', ...assistingBody(v), ...withInstructions(v) }),
  },
  reject: {
    label: '不予受理',
    help: '不属于受理范围（如已进入诉讼、仲裁等法定程序）时使用。群众会看到您写的理由。',
    fields: ['reason'],
    danger: true,
    reasonLabel: '不予受理理由',
    confirmText: () => '确认不予受理？群众将看到您填写的理由，案件随即结束。',
    body: (v, expectedVersion) => ({ action: 'reject', expectedVersion, reason: t(v.reason) }),
  },
  merge: {
    label: '合并重复件',
    help: '同一群众就同一事项重复提交时，并入先前的案件一并办理。',
    fields: ['intoCaseNo'],
    confirmText: (v) => `确认将本案并入案件 ${v.intoCaseNo ?? ''}？本案将结束，以被并入的案件为准办理。`,
    body: (v, expectedVersion) => ({ action: 'merge', expectedVersion, intoCaseNo: t(v.intoCaseNo).replace(/\s/g, '') }),
  },
  transfer: {
    label: '转办其他部门',
    help: '改由其他部门办理。请写明转办理由。',
    fields: ['department', 'reason', 'assisting', 'instructions'],
    departmentLabel: '转交给（主办部门）',
    otherDepartmentsOnly: true,
    reasonLabel: '转办理由',
    confirmText: (v, _c, dept) => `确认转交「${dept(v.departmentId)}」主办？${(v.assisting ?? []).filter((a) => a.departmentId).length ? '协办部门按本次填写的重新指定。' : '现有协办部门不变。'}`,
    body: (v, expectedVersion) => ({ action: 'transfer', expectedVersion, departmentId: v.departmentId ?? '', reason: t(v.reason), ...assistingBody(v), ...withInstructions(v) }),
  },
  send_back: {
    label: '退回重新分办',
    help: '不属于本部门职责时，退回派单的受理中心重新分办，选择退单原因并写明理由和建议的部门。退单不重新计时；每件最多退单 2 次，之后如有异议请提出派单异议。退回后本部门不再看到此案件。',
    fields: ['reasonCode', 'optionalReason'],
    reasonLabel: '退回理由（请写明建议的承办部门；原因为“其他”时必填）',
    confirmText: (v) => `确认以「${v.reasonCode ? SEND_BACK_REASONS[v.reasonCode] : ''}」退回派单的受理中心重新分办？退回后本部门将不再看到此案件。`,
    body: (v, expectedVersion) => ({ action: 'send_back', expectedVersion, reasonCode: v.reasonCode ?? ('' as SendBackReasonCode), ...(t(v.reason) ? { reason: t(v.reason) } : {}) }),
  },
  escalate_up: {
    label: '上报上级受理中心',
    help: '本级无法受理或需上级协调时，上报上一级受理中心受理。办理期限照常计算。',
    fields: ['reason'],
    reasonLabel: '上报理由',
    confirmText: () => '确认上报上一级受理中心？上报后本级不再受理此案件，期限照常计算。',
    body: (v, expectedVersion) => ({ action: 'escalate_up', expectedVersion, reason: t(v.reason) }),
  },
  dispute: {
    label: '提出派单异议',
    help: '认为不应由本部门办理、又不能（或不宜）再退单时，向派单的受理中心提出派单异议，由其裁定。裁定前请照常办理。',
    fields: ['reason'],
    reasonLabel: '异议理由',
    confirmText: () => '确认提出派单异议？由派单的受理中心裁定；如维持原派单，本部门须办理，不能再退单。',
    body: (v, expectedVersion) => ({ action: 'dispute', expectedVersion, reason: t(v.reason) }),
  },
  decide_dispute: {
    label: '裁定派单异议',
    help: '承办部门对派单提出了异议。维持原派单：该部门须办理，不能再退单（最终决定）；或改派其他部门。',
    fields: ['uphold', 'department', 'note'],
    departmentLabel: '改派给（仅改派时选择）',
    otherDepartmentsOnly: true,
    noteLabel: '裁定意见',
    confirmText: (v, _c, dept) => (v.decision === 'redispatch' ? `确认改派「${dept(v.departmentId)}」办理？` : '确认维持原派单？该部门须办理，不能再退单。'),
    body: (v, expectedVersion) => ({
      action: 'decide_dispute',
      expectedVersion,
      uphold: v.decision !== 'redispatch',
      note: t(v.note),
      ...(v.decision === 'redispatch' && v.departmentId ? { departmentId: v.departmentId } : {}),
    }),
  },
  request_info: {
    label: '要求补充材料',
    help: '请群众补充材料。等待补充期间暂停计时，群众补充后继续。',
    fields: ['question'],
    confirmText: () => '确认请群众补充材料？等待补充期间暂停计时。',
    body: (v, expectedVersion) => ({ action: 'request_info', expectedVersion, question: t(v.question) }),
  },
  reply: {
    label: '答复群众',
    help: '答复将发送给群众并请其评价，提交后不能修改。',
    fields: ['answer', 'answerResult', 'amountRecovered'],
    primary: true,
    confirmText: (v, c) =>
      `${pendingParts(c).length ? `仍有协办部门未提交（${pendingParts(c).map((p) => p.departmentName).join('、')}），答复后这些协办将结束、不再需要提交。` : ''}确认提交答复${v.result ? `（答复结果：${ANSWER_RESULT_LABELS[v.result]}${typeof v.amountRecovered === 'number' ? `，挽回金额 ${v.amountRecovered} 元` : ''}）` : ''}？答复将发送给群众并请其评价，提交后不能修改。`,
    // An unchosen result is sent as missing: the shared schema refuses it with its message before anything is sent.
    body: (v, expectedVersion) => ({
      action: 'reply',
      expectedVersion,
      answer: t(v.answer),
      result: v.result as AnswerResult,
      ...(typeof v.amountRecovered === 'number' ? { amountRecovered: v.amountRecovered } : {}),
    }),
  },
  submit_part: {
    label: '提交协办意见',
    help: '本部门是本案的协办部门：请在协办期限内提交协办意见，由主办部门汇总后统一答复群众。群众看不到协办意见。',
    fields: ['partText'],
    primary: true,
    confirmText: () => '确认提交协办意见？提交后由主办部门审阅，主办部门可退回一次。',
    body: (v, expectedVersion) => ({ action: 'submit_part', expectedVersion, text: t(v.text) }),
  },
  return_part: {
    label: '退回协办意见',
    help: '协办意见不完整时，可退回协办部门补充。每个协办部门的意见只能退回一次。',
    fields: ['partDepartment', 'reason'],
    danger: true,
    reasonLabel: '退回理由',
    confirmText: (v, _c, dept) => `确认退回「${dept(v.departmentId)}」的协办意见？每个协办部门只能退回一次。`,
    body: (v, expectedVersion) => ({ action: 'return_part', expectedVersion, departmentId: v.departmentId ?? '', reason: t(v.reason) }),
  },
  request_extension: {
    label: '申请延期',
    help: `确需更多时间时申请延期（1–${MAX_EXTENSION_DAYS} 天），由督办审批。每个案件只能获批一次。`,
    fields: ['days', 'reason'],
    reasonLabel: '延期理由',
    confirmText: (v) => `确认申请延期 ${v.days ?? ''} 天？需督办审批，每个案件只能获批一次。`,
    body: (v, expectedVersion) => ({ action: 'request_extension', expectedVersion, days: v.days ?? 0, reason: t(v.reason) }),
  },
  approve_extension: {
    label: '批准延期',
    help: '批准承办部门的延期申请，答复期限随之顺延。',
    fields: ['optionalNote'],
    primary: true,
    noteLabel: '审批意见（可选）',
    showsExtensionRequest: true,
    confirmText: (_v, c) => `确认批准延期 ${c.sla.extension?.days ?? ''} 天？答复期限将随之顺延。`,
    body: (v, expectedVersion) => ({ action: 'approve_extension', expectedVersion, ...(t(v.note) ? { note: t(v.note) } : {}) }),
  },
  deny_extension: {
    label: '驳回延期',
    help: '驳回延期申请，请写明理由。答复期限不变。',
    fields: ['reason'],
    danger: true,
    reasonLabel: '驳回理由',
    showsExtensionRequest: true,
    confirmText: () => '确认驳回延期申请？答复期限不变。',
    body: (v, expectedVersion) => ({ action: 'deny_extension', expectedVersion, reason: t(v.reason) }),
  },
  urge: {
    label: '督办',
    help: '督促承办部门尽快办理。承办部门将收到督办提醒，督办意见记入办理记录。',
    fields: ['note'],
    noteLabel: '督办意见',
    confirmText: () => '确认督办？承办部门将收到督办提醒。',
    body: (v, expectedVersion) => ({ action: 'urge', expectedVersion, note: t(v.note) }),
  },
  exempt: {
    label: '免于考核',
    help: '经核实属不合理诉求的，可免于考核：本案不再计入承办部门和属地的考核排名（响应率、解决率、满意率等），其他统计不变。须写明理由，记入办理记录，且不可撤销。',
    fields: ['reason'],
    danger: true,
    reasonLabel: '免于考核理由',
    confirmText: () => '确认将本案免于考核？此操作记入办理记录，不可撤销。',
    body: (v, expectedVersion) => ({ action: 'exempt', expectedVersion, reason: t(v.reason) }),
  },
  close: {
    label: '办结',
    help: '群众评价期满后仍未评价的已答复案件，可由受理员或督办办结。',
    fields: ['optionalReason'],
    reasonLabel: '办结说明（可选）',
    confirmText: () => '确认办结此案件？',
    body: (v, expectedVersion) => ({ action: 'close', expectedVersion, ...(t(v.reason) ? { reason: t(v.reason) } : {}) }),
  },
  revisit: {
    label: '回访登记',
    help: '电话回访群众对答复的评价。满意、基本满意、不满意按群众评价记录（记录后不可更改，群众不能再评价）；不满意将退回承办部门重新办理；联系不上记录本次回访，满 3 次不再回访。',
    fields: ['revisitOutcome', 'note'],
    primary: true,
    noteLabel: '回访记录',
    confirmText: (v) => (v.outcome === 'unreachable' ? '确认记录本次回访联系不上？' : `确认记录回访结果「${v.outcome ? REVISIT_OUTCOME_LABELS[v.outcome] : ''}」？记录后不可更改。`),
    body: (v, expectedVersion) => ({ action: 'revisit', expectedVersion, outcome: v.outcome ?? ('' as RevisitOutcome), note: t(v.note) }),
  },
};

export const ACTION_ORDER: OfficialAction[] = [
  'accept',
  'revisit',
  'decide_dispute',
  'submit_part',
  'reply',
  'return_part',
  'approve_extension',
  'urge',
  'request_info',
  'request_extension',
  'transfer',
  'send_back',
  'dispute',
  'escalate_up',
  'merge',
  'deny_extension',
  'close',
  'exempt',
  'reject',
];

const decidesExtension = (action: OfficialAction) => action === 'approve_extension' || action === 'deny_extension';

/** Why an allowed action cannot be used right now (the state machine allows it in general), if so. */
export function unavailableReason(action: OfficialAction, c: ConsoleCaseDto, now = Date.now()): string | undefined {
  const ext = c.sla.extension;
  if (decidesExtension(action) && !hasPendingExtension(ext)) return '没有待审批的延期申请';
  if (action === 'request_extension') {
    const blocker = extensionRequestBlocker(ext);
    if (blocker === 'pending') return '延期申请正在等待督办审批';
    if (blocker === 'used') return '本案件已延期过一次，不能再申请';
  }
  if (action === 'exempt' && c.exemption) return '本案件已免于考核';
  if (action === 'close' && c.answer) {
    const ends = ratingWindowEndsAt(c.answer.at);
    if (ends.getTime() > now) return `群众评价期至 ${formatDateTime(ends.toISOString())} 结束，之后才能办结`;
  }
  return undefined;
}

/** Which actions to offer: those the server allows, in a sensible order, with the pointless ones hidden. */
export function offeredActions(c: ConsoleCaseDto): OfficialAction[] {
  const allowed = new Set(c.allowedActions);
  return ACTION_ORDER.filter((a) => allowed.has(a)).filter((a) => !(decidesExtension(a) && !hasPendingExtension(c.sla.extension)));
}
