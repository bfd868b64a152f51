import { consoleActionSchema, MAX_EXTENSION_DAYS, type ConsoleCaseDto } from '@minsheng/shared';
import { describe, expect, it } from 'vitest';
import { ACTION_ORDER, ACTIONS, unavailableReason, type ActionValues, type OfficialAction } from '../src/features/cases/actions';

const c = { caseNo: '20261121000001', version: 3, departmentId: 'rsj', sla: { extension: { status: 'pending', days: 5, reason: '核查' } } } as unknown as ConsoleCaseDto;
const dept = (id: string | undefined) => ({ rsj: '人社局', jyj: '教育局' })[id ?? ''] ?? id ?? '';

const filled: ActionValues = {
  outcome: 'unsatisfied',
  departmentId: 'jyj',
  reason: '  理由  ',
  question: ' 请补充合同 ',
  answer: ' 已处理 ',
  result: 'partly_resolved',
  amountRecovered: 2511.5,
  days: 10,
  note: ' 尽快 ',
  intoCaseNo: '2026 1121 0000 02',
  instructions: ' 请三日内联系群众 ',
  assisting: [{ departmentId: 'rsj', dueAt: '2026-11-28' }, {}],
  reasonCode: 'not_our_duty',
  text: ' 已核实工资台账 ',
  decision: 'uphold',
};
const joint = { assisting: [{ departmentId: 'rsj', dueAt: '2026-11-28' }], instructions: '请三日内联系群众' };

describe('the console’s table of official actions', () => {
  it('covers every action it offers, each with a Chinese label and help', () => {
    expect(Object.keys(ACTIONS).sort()).toEqual([...ACTION_ORDER].sort());
    for (const a of ACTION_ORDER) {
      expect(ACTIONS[a].label).toMatch(/\p{Script=Han}/u);
      expect(ACTIONS[a].help).toMatch(/\p{Script=Han}/u);
    }
  });

  it('labels every reason, department and note field it shows', () => {
    for (const a of ACTION_ORDER) {
      const spec = ACTIONS[a];
      if (spec.fields.includes('reason') || spec.fields.includes('optionalReason')) expect(spec.reasonLabel, a).toBeTruthy();
      if (spec.fields.includes('department')) expect(spec.departmentLabel, a).toBeTruthy();
      if (spec.fields.includes('note') || spec.fields.includes('optionalNote')) expect(spec.noteLabel, a).toBeTruthy();
    }
  });

  it('says the extension limit from shared/', () => {
    expect(ACTIONS.request_extension.help).toContain(`1–${MAX_EXTENSION_DAYS} 天`);
  });

  it('builds the request bodies the API takes', () => {
    const bodies = Object.fromEntries(ACTION_ORDER.map((a) => [a, ACTIONS[a].body(filled, 3)]));
    expect(bodies).toEqual({
      accept: { action: 'accept', expectedVersion: 3, departmentId: 'jyj', ...joint },
      reject: { action: 'reject', expectedVersion: 3, reason: '理由' },
      merge: { action: 'merge', expectedVersion: 3, intoCaseNo: '20261121000002' },
      transfer: { action: 'transfer', expectedVersion: 3, departmentId: 'jyj', reason: '理由', ...joint },
      send_back: { action: 'send_back', expectedVersion: 3, reasonCode: 'not_our_duty', reason: '理由' },
      escalate_up: { action: 'escalate_up', expectedVersion: 3, reason: '理由' },
      exempt: { action: 'exempt', expectedVersion: 3, reason: '理由' },
      dispute: { action: 'dispute', expectedVersion: 3, reason: '理由' },
      decide_dispute: { action: 'decide_dispute', expectedVersion: 3, uphold: true, note: '尽快' },
      submit_part: { action: 'submit_part', expectedVersion: 3, text: '已核实工资台账' },
      return_part: { action: 'return_part', expectedVersion: 3, departmentId: 'jyj', reason: '理由' },
      request_info: { action: 'request_info', expectedVersion: 3, question: '请补充合同' },
      reply: { action: 'reply', expectedVersion: 3, answer: '已处理', result: 'partly_resolved', amountRecovered: 2511.5 },
      request_extension: { action: 'request_extension', expectedVersion: 3, days: 10, reason: '理由' },
      approve_extension: { action: 'approve_extension', expectedVersion: 3, note: '尽快' },
      deny_extension: { action: 'deny_extension', expectedVersion: 3, reason: '理由' },
      urge: { action: 'urge', expectedVersion: 3, note: '尽快' },
      revisit: { action: 'revisit', expectedVersion: 3, outcome: 'unsatisfied', note: '尽快' },
      close: { action: 'close', expectedVersion: 3, reason: '理由' },
    });
    for (const a of ACTION_ORDER) expect(consoleActionSchema.safeParse(bodies[a]).success, a).toBe(true);
  });

  it('leaves optional texts out, and sends empty required ones for the schema to refuse', () => {
    const empty: ActionValues = { reason: '   ', note: '' };
    expect(ACTIONS.close.body(empty, 1)).toEqual({ action: 'close', expectedVersion: 1 });
    expect(ACTIONS.approve_extension.body(empty, 1)).toEqual({ action: 'approve_extension', expectedVersion: 1 });
    expect(ACTIONS.accept.body({}, 1)).toEqual({ action: 'accept', expectedVersion: 1, departmentId: '' });
    expect(ACTIONS.request_extension.body({}, 1)).toEqual({ action: 'request_extension', expectedVersion: 1, days: 0, reason: '' });
    expect(consoleActionSchema.safeParse(ACTIONS.reject.body(empty, 1)).success).toBe(false);
  });

  it('refuses a reply without its 答复结果, and an amount with more than two decimals, with the field named', () => {
    const noResult = consoleActionSchema.safeParse(ACTIONS.reply.body({ answer: '已处理' }, 1));
    expect(noResult.success).toBe(false);
    expect(noResult.error?.issues.map((i) => i.path.join('.'))).toContain('result');
    const body = ACTIONS.reply.body({ answer: '已处理', result: 'resolved', amountRecovered: null }, 1);
    expect(body).toEqual({ action: 'reply', expectedVersion: 1, answer: '已处理', result: 'resolved' });
    const tooFine = consoleActionSchema.safeParse(ACTIONS.reply.body({ answer: '已处理', result: 'resolved', amountRecovered: 1.005 }, 1));
    expect(tooFine.error?.issues.map((i) => i.path.join('.'))).toContain('amountRecovered');
    expect(consoleActionSchema.safeParse(ACTIONS.reply.body({ answer: '已处理', result: 'explained', amountRecovered: 0 }, 1)).success).toBe(true);
  });

  it('asks to confirm in words naming the department, the case and the days', () => {
    const texts = Object.fromEntries(ACTION_ORDER.map((a: OfficialAction) => [a, ACTIONS[a].confirmText(filled, c, dept)]));
    expect(texts).toEqual({
      accept: '确认受理，并交由「教育局」主办？协办：人社局。',
      reject: '确认不予受理？群众将看到您填写的理由，案件随即结束。',
      merge: '确认将本案并入案件 2026 1121 0000 02？本案将结束，以被并入的案件为准办理。',
      transfer: '确认转交「教育局」主办？协办部门按本次填写的重新指定。',
      send_back: '确认以「非本单位职责」退回派单的受理中心重新分办？退回后本部门将不再看到此案件。',
      escalate_up: '确认上报上一级受理中心？上报后本级不再受理此案件，期限照常计算。',
      exempt: '确认将本案免于考核？此操作记入办理记录，不可撤销。',
      dispute: '确认提出派单异议？由派单的受理中心裁定；如维持原派单，本部门须办理，不能再退单。',
      decide_dispute: '确认维持原派单？该部门须办理，不能再退单。',
      submit_part: '确认提交协办意见？提交后由主办部门审阅，主办部门可退回一次。',
      return_part: '确认退回「教育局」的协办意见？每个协办部门只能退回一次。',
      request_info: '确认请群众补充材料？等待补充期间暂停计时。',
      reply: '确认提交答复（答复结果：部分解决，挽回金额 2511.5 元）？答复将发送给群众并请其评价，提交后不能修改。',
      request_extension: '确认申请延期 10 天？需督办审批，每个案件只能获批一次。',
      approve_extension: '确认批准延期 5 天？答复期限将随之顺延。',
      deny_extension: '确认驳回延期申请？答复期限不变。',
      urge: '确认督办？承办部门将收到督办提醒。',
      revisit: '确认记录回访结果「不满意」？记录后不可更改。',
      close: '确认办结此案件？',
    });
  });
});

describe('why an offered action is unavailable (shared/’s extension rules)', () => {
  const withExtension = (extension?: { status: 'pending' | 'approved' | 'denied' }) =>
    ({ ...c, sla: extension ? { extension: { days: 5, reason: '核查', ...extension } } : {} }) as unknown as ConsoleCaseDto;

  it('a pending request cannot be made twice, and only a pending one can be decided', () => {
    expect(unavailableReason('request_extension', withExtension({ status: 'pending' }))).toBe('延期申请正在等待督办审批');
    expect(unavailableReason('request_extension', withExtension())).toBeUndefined();
    expect(unavailableReason('approve_extension', withExtension({ status: 'pending' }))).toBeUndefined();
    expect(unavailableReason('deny_extension', withExtension({ status: 'approved' }))).toBe('没有待审批的延期申请');
    expect(unavailableReason('approve_extension', withExtension())).toBe('没有待审批的延期申请');
  });
});
