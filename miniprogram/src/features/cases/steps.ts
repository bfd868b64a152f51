import type { CaseStatus } from '@minsheng/shared';

/** The five steps a case goes through, as the citizen says them. */
export const CASE_STEPS = [
  { key: 'submit', label: '提交' },
  { key: 'accept', label: '受理' },
  { key: 'handle', label: '办理' },
  { key: 'answer', label: '答复' },
  { key: 'rate', label: '评价' },
] as const;
export type StepKey = (typeof CASE_STEPS)[number]['key'] | 'end';

export interface CaseStep {
  key: StepKey;
  label: string;
  state: 'done' | 'current' | 'todo';
  /** A few plain words under the step, where the step alone does not say enough. */
  note?: string;
}

/** What the step view needs of a case: its status, its public timeline's kinds, and its latest rating. */
export interface StepInput {
  status: CaseStatus;
  timeline: { kind: string }[];
  rating?: { rating: string };
}

/** Ways a case ends without an answer: their own last step, in plain words. */
const END_STATES: Partial<Record<CaseStatus, { label: string; note: string }>> = {
  rejected: { label: '不予受理', note: '这件诉求没有被受理，原因见办理记录' },
  merged: { label: '已合并办理', note: '与反映同一件事的诉求一起办理' },
  withdrawn: { label: '已撤回', note: '您撤回了这件诉求，不再办理' },
};

/** How far each status has come: the index of the current step (the one being worked on now). */
const CURRENT: Partial<Record<CaseStatus, number>> = {
  submitted: 1,
  in_progress: 2,
  awaiting_citizen: 2,
  replied: 4,
};

/**
 * The step view of a case: 提交 → 受理 → 办理 → 答复 → 评价, each done, current or still to come.
 * A case rejected, merged or withdrawn stops at its own end step after the steps it reached (the
 * timeline says whether it was accepted first). A case reopened by an unsatisfied rating is at 办理
 * again, and says so; a closed case has every step done, 评价 marked as where it ended.
 */
export function caseSteps(c: StepInput): CaseStep[] {
  const kinds = new Set(c.timeline.map((e) => e.kind));
  const end = END_STATES[c.status];
  if (end) {
    const reached = kinds.has('accepted') ? 2 : 1;
    return [
      ...CASE_STEPS.slice(0, reached).map((s): CaseStep => ({ key: s.key, label: s.label, state: 'done' })),
      { key: 'end', label: end.label, state: 'current', note: end.note },
    ];
  }
  if (c.status === 'closed') {
    const rated = kinds.has('rated');
    return CASE_STEPS.map((s, i): CaseStep => ({
      key: s.key,
      label: s.label,
      state: i === CASE_STEPS.length - 1 ? 'current' : 'done',
      ...(i === CASE_STEPS.length - 1 ? { note: rated ? '已办结' : '评价期已过，已办结' } : {}),
    }));
  }
  const current = CURRENT[c.status] ?? 0;
  const reopened = c.rating?.rating === 'unsatisfied' && (c.status === 'in_progress' || c.status === 'awaiting_citizen');
  return CASE_STEPS.map((s, i): CaseStep => {
    const state = i < current ? 'done' : i === current ? 'current' : 'todo';
    let note: string | undefined;
    if (i === current && c.status === 'submitted') note = '等待受理';
    if (i === current && c.status === 'awaiting_citizen') note = '等您补充材料';
    if (i === current && c.status === 'in_progress') note = reopened ? '按您的不满意评价重新办理' : '正在办理';
    if (i === current && c.status === 'replied') note = '请评价答复';
    return { key: s.key, label: s.label, state, ...(note ? { note } : {}) };
  });
}

/** The step marked current (every list has exactly one). */
export function currentStep(steps: CaseStep[]): CaseStep {
  return steps.find((s) => s.state === 'current')!;
}
