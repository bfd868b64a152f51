import { CASE_TYPE_LABELS, DEFAULT_SLA_POLICIES, type CaseType } from '@minsheng/shared';

/** What each kind of case is for and what happens next, in one line each (home page, filing form). */
export const CASE_TYPE_GUIDE: Record<CaseType, { short: string; what: string; next: string }> = {
  consultation: { short: '咨询', what: '不清楚政策怎么规定、事情该怎么办，来问一问', next: `由负责部门解答，${DEFAULT_SLA_POLICIES.consultation.answerDays} 天内答复` },
  complaint: { short: '投诉', what: '自身权益受到侵害，或办事遇到推诿、不作为', next: `受理后交负责部门调查处理，${DEFAULT_SLA_POLICIES.complaint.answerDays} 天内答复` },
  report: { short: '举报', what: '发现违法违规、损害群众利益的行为，可以匿名', next: `受理后交负责部门核查，${DEFAULT_SLA_POLICIES.report.answerDays} 天内答复` },
  suggestion: { short: '建议', what: '对政府工作和公共服务有好的想法', next: `交负责部门研究，${DEFAULT_SLA_POLICIES.suggestion.answerDays} 天内答复` },
};

export const CASE_TYPE_ORDER: CaseType[] = ['consultation', 'complaint', 'report', 'suggestion'];

export function caseTypeLabel(type: CaseType): string {
  return CASE_TYPE_LABELS[type] ?? type;
}
