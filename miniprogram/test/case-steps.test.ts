import { describe, expect, it } from 'vitest';
import { caseSteps, currentStep, type StepInput } from '../src/features/cases/steps';

const at = (status: StepInput['status'], kinds: string[] = ['submitted'], rating?: string): StepInput => ({
  status,
  timeline: kinds.map((kind) => ({ kind })),
  ...(rating ? { rating: { rating } } : {}),
});
const summary = (input: StepInput) => caseSteps(input).map((s) => `${s.label}:${s.state}`);

describe('the case page step view (提交 → 受理 → 办理 → 答复 → 评价)', () => {
  it('marks the step a case is at, steps before as done and after as to come', () => {
    expect(summary(at('submitted'))).toEqual(['提交:done', '受理:current', '办理:todo', '答复:todo', '评价:todo']);
    expect(summary(at('in_progress', ['submitted', 'accepted']))).toEqual(['提交:done', '受理:done', '办理:current', '答复:todo', '评价:todo']);
    expect(summary(at('replied', ['submitted', 'accepted', 'replied']))).toEqual(['提交:done', '受理:done', '办理:done', '答复:done', '评价:current']);
  });

  it('says what the current step waits for, in plain words', () => {
    expect(currentStep(caseSteps(at('submitted'))).note).toBe('等待受理');
    expect(currentStep(caseSteps(at('awaiting_citizen', ['submitted', 'accepted', 'info_requested'])))).toMatchObject({ label: '办理', note: '等您补充材料' });
    expect(currentStep(caseSteps(at('replied', ['submitted', 'accepted', 'replied']))).note).toBe('请评价答复');
  });

  it('a case reopened by 不满意 is at 办理 again and says why', () => {
    const steps = caseSteps(at('in_progress', ['submitted', 'accepted', 'replied', 'rated'], 'unsatisfied'));
    expect(currentStep(steps)).toMatchObject({ label: '办理', note: '按您的不满意评价重新办理' });
    expect(steps.filter((s) => s.state === 'done').map((s) => s.label)).toEqual(['提交', '受理']);
  });

  it('a closed case has every step done, 评价 where it ended (rated or not)', () => {
    expect(summary(at('closed', ['submitted', 'accepted', 'replied', 'rated']))).toEqual(['提交:done', '受理:done', '办理:done', '答复:done', '评价:current']);
    expect(currentStep(caseSteps(at('closed', ['submitted', 'accepted', 'replied', 'closed']))).note).toBe('评价期已过，已办结');
  });

  it('rejected, merged and withdrawn end in their own step, after the steps they reached', () => {
    expect(summary(at('withdrawn', ['submitted', 'withdrawn']))).toEqual(['提交:done', '已撤回:current']);
    expect(summary(at('rejected', ['submitted', 'rejected']))).toEqual(['提交:done', '不予受理:current']);
    expect(summary(at('merged', ['submitted', 'accepted', 'merged']))).toEqual(['提交:done', '受理:done', '已合并办理:current']);
    expect(currentStep(caseSteps(at('withdrawn', ['submitted', 'withdrawn']))).note).toBe('您撤回了这件诉求，不再办理');
  });

  it('exactly one step is current for every status', () => {
    for (const status of ['submitted', 'in_progress', 'awaiting_citizen', 'replied', 'closed', 'rejected', 'merged', 'withdrawn'] as const) {
      expect(caseSteps(at(status)).filter((s) => s.state === 'current'), status).toHaveLength(1);
    }
  });
});
