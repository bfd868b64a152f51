import {
  CASE_STATUS_LABELS,
  CASE_TYPE_LABELS,
  DomainError,
  daysLeft,
  deadlines,
  describeEvent,
  formatShanghaiIso,
  slaLevel,
  type CaseRecord,
  type Rating,
  type TrackedCaseDto,
} from '@minsheng/shared';
import { citizenOf } from '../cases/case-event';
import { changeCase, type ChangeCaseDeps } from '../cases/change-case';
import { workingCalendar, type SlaSettingsDeps } from '../sla/settings';
import type { ClientInfo, Deps } from '../deps';

export type TrackedCaseDeps = Pick<Deps, 'cases' | 'reference' | 'now'> & SlaSettingsDeps;

/** When the citizen last had something new to see (cases filed before progressAt existed: their last update). */
export function progressAtOf(c: Pick<CaseRecord, 'progressAt' | 'createdAt'>): string {
  return c.progressAt ?? c.createdAt;
}

function ruleText(c: CaseRecord): string {
  const unit = c.clock.dayMode === 'working' ? '个工作日' : '个自然日';
  return `${CASE_TYPE_LABELS[c.type]}自提交之日起 ${c.clock.answerDays} ${unit}内答复`;
}

/** The case as its citizen sees it: no internal notes, no other people's identities. */
export async function getCitizenCase(deps: TrackedCaseDeps, caseNo: string): Promise<TrackedCaseDto> {
  const [c, events, departments, categories] = await Promise.all([
    deps.cases.getCase(caseNo),
    deps.cases.listEvents(caseNo),
    deps.reference.listDepartments(),
    deps.reference.listCategories(),
  ]);
  if (!c) throw new DomainError('CASE_NOT_FOUND');
  const now = deps.now();
  const calendar = await workingCalendar(deps);
  const deptName = (id: string) => departments.find((d) => d.id === id)?.name ?? '承办部门';
  const latestRating = c.ratings.at(-1);
  const due = deadlines(c.clock, now, calendar).dueAt;
  const kept = c.mergedInto ? await deps.cases.getCase(c.mergedInto) : undefined;

  return {
    caseNo: c.caseNo,
    type: c.type,
    categoryId: c.categoryId,
    ...(categories.find((x) => x.id === c.categoryId) ? { categoryName: categories.find((x) => x.id === c.categoryId)!.name } : {}),
    title: c.title,
    content: c.content,
    status: c.status,
    statusLabel: CASE_STATUS_LABELS[c.status],
    createdAt: formatShanghaiIso(new Date(c.createdAt)),
    dueAt: formatShanghaiIso(due),
    progressAt: formatShanghaiIso(new Date(progressAtOf(c))),
    sla: {
      level: slaLevel(c.clock, now, calendar),
      paused: Boolean(c.clock.pausedSince),
      daysLeft: daysLeft(c.clock, now, calendar),
      answerDays: c.clock.answerDays,
      dayMode: c.clock.dayMode,
      rule: ruleText(c),
      ...(c.extension?.status === 'approved' ? { extension: { days: c.extension.days, reason: c.extension.reason } } : {}),
    },
    ...(c.type === 'consultation' ? { publishConsent: c.publishConsent } : {}),
    ...(c.departmentId ? { departmentName: deptName(c.departmentId) } : {}),
    ...(c.pendingQuestion ? { pendingQuestion: c.pendingQuestion } : {}),
    timeline: events
      .filter((e) => e.public)
      .map((e) => ({ at: formatShanghaiIso(new Date(e.at)), kind: e.kind, text: describeEvent(e.kind, e.data, deptName) })),
    ...(c.answer ? { answer: { text: c.answer.text, at: formatShanghaiIso(new Date(c.answer.at)), departmentName: deptName(c.answer.departmentId) } } : {}),
    ...(latestRating
      ? { rating: { rating: latestRating.rating, at: formatShanghaiIso(new Date(latestRating.at)), ...(latestRating.comment ? { comment: latestRating.comment } : {}) } }
      : {}),
    canRate: c.status === 'replied',
    canSupplement: c.status === 'awaiting_citizen',
    ...(c.mergedInto ? { mergedInto: c.mergedInto } : {}),
    ...(kept?.answer ? { mergedAnswer: { caseNo: kept.caseNo, text: kept.answer.text, at: formatShanghaiIso(new Date(kept.answer.at)) } } : {}),
    ...(kept
      ? {
          keptCase: {
            caseNo: kept.caseNo,
            status: kept.status,
            statusLabel: CASE_STATUS_LABELS[kept.status],
            ...(kept.answer ? { answer: { text: kept.answer.text, at: formatShanghaiIso(new Date(kept.answer.at)), departmentName: deptName(kept.answer.departmentId) } } : {}),
          },
        }
      : {}),
    supplements: c.supplements.map((s) => ({ content: s.content, at: formatShanghaiIso(new Date(s.at)) })),
  };
}

export async function addSupplement(deps: TrackedCaseDeps & ChangeCaseDeps, caseNo: string, content: string, client: ClientInfo): Promise<TrackedCaseDto> {
  await changeCase(deps, caseNo, { action: 'supplement', content }, citizenOf(caseNo), client);
  return getCitizenCase(deps, caseNo);
}

export async function rateCase(deps: TrackedCaseDeps & ChangeCaseDeps, caseNo: string, rating: Rating, comment: string | undefined, client: ClientInfo): Promise<TrackedCaseDto> {
  await changeCase(deps, caseNo, { action: 'rate', rating, ...(comment ? { comment } : {}) }, citizenOf(caseNo), client);
  return getCitizenCase(deps, caseNo);
}
