import {
  CASE_STATUS_LABELS,
  CASE_TYPE_LABELS,
  DomainError,
  daysLeft,
  deadlines,
  describeEvent,
  formatShanghaiIso,
  slaLevel,
  unitFullName,
  unitsById,
  type CaseRecord,
  attachmentMeta,
  attachmentFileName,
  type AttachmentRef,
  type CitizenAttachmentDto,
  type Rating,
  type TrackedCaseDto,
  ANSWER_RESULT_CITIZEN_LABELS,
} from '@minsheng/shared';
import { checkAttachments, claimAttachments, LINK_SECONDS, uploadOwner } from '../evidence/uploads';
import { citizenOf } from '../cases/case-event';
import { changeCase, type ChangeCaseDeps } from '../cases/change-case';
import { workingCalendar, type SlaSettingsDeps } from '../sla/settings';
import type { ClientInfo, Deps } from '../deps';

export type TrackedCaseDeps = Pick<Deps, 'cases' | 'reference' | 'now' | 'storage'> & SlaSettingsDeps;

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
  const placeUnitName = c.location?.unitId ? unitFullName(unitsById(await deps.reference.listUnits()), c.location.unitId) : undefined;

  return {
    caseNo: c.caseNo,
    type: c.type,
    categoryId: c.categoryId,
    ...(categories.find((x) => x.id === c.categoryId) ? { categoryName: categories.find((x) => x.id === c.categoryId)!.name } : {}),
    ...(placeUnitName ? { placeUnitName } : {}),
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
    ...(c.answer
      ? {
          answer: {
            text: c.answer.text,
            at: formatShanghaiIso(new Date(c.answer.at)),
            departmentName: deptName(c.answer.departmentId),
            // 答复结果 for the citizen; the amount recovered stays with the officials.
            ...(c.answer.result ? { result: c.answer.result, resultLabel: ANSWER_RESULT_CITIZEN_LABELS[c.answer.result] } : {}),
          },
        }
      : {}),
    ...(latestRating
      ? { rating: { rating: latestRating.rating, at: formatShanghaiIso(new Date(latestRating.at)), ...(latestRating.comment ? { comment: latestRating.comment } : {}) } }
      : {}),
    canRate: c.status === 'replied',
    canSupplement: c.status === 'awaiting_citizen',
    canWithdraw: c.status === 'submitted',
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
    attachments: await citizenAttachments(deps, c, now),
  };
}

/**
 * The case's files with links that work for minutes (signed locally: no request to S3). Only the
 * case's own files: the token opens one case, and its keys are under that case's prefix.
 */
async function citizenAttachments(deps: Pick<Deps, 'storage'>, c: CaseRecord, now: Date): Promise<CitizenAttachmentDto[]> {
  const urlExpiresAt = formatShanghaiIso(new Date(now.getTime() + LINK_SECONDS * 1000));
  return Promise.all(
    (c.attachments ?? []).map(async (a) => ({
      ...attachmentMeta(c.caseNo, a, (iso) => formatShanghaiIso(new Date(iso))),
      url: await deps.storage.presignGet(a.key, { expiresSeconds: LINK_SECONDS, ...(a.kind === 'pdf' ? { downloadName: attachmentFileName(c.caseNo, a) } : {}), contentType: a.contentType }),
      ...(a.thumbKey ? { thumbUrl: await deps.storage.presignGet(a.thumbKey, { expiresSeconds: LINK_SECONDS, contentType: 'image/jpeg' }) } : {}),
      urlExpiresAt,
    })),
  );
}

/**
 * The citizen's supplement, with the files they uploaded for it (images or PDF, each completed with
 * this case's token): checked first, claimed for this case, and stored with the supplement in its
 * one write — a refused file or a refused supplement leaves nothing on the case.
 */
export async function addSupplement(
  deps: TrackedCaseDeps & ChangeCaseDeps & Pick<Deps, 'uploads'>,
  caseNo: string,
  content: string,
  client: ClientInfo,
  attachments: AttachmentRef[] = [],
): Promise<TrackedCaseDto> {
  const checked = await checkAttachments(deps, attachments, uploadOwner.caseNo(caseNo), 'supplement');
  const claimed = await claimAttachments(deps, checked, caseNo, deps.now(), { from: 'citizen' }, 'supplement');
  try {
    await changeCase(deps, caseNo, { action: 'supplement', content }, citizenOf(caseNo), client, undefined, claimed.records);
  } catch (error) {
    await claimed.undo();
    throw error;
  }
  await claimed.done();
  return getCitizenCase(deps, caseNo);
}

/**
 * The citizen withdraws their case while it waits for acceptance (待受理): final, off the intake
 * queue, its timers stopped. Once accepted (or already withdrawn) it is refused with a 409
 * INVALID_TRANSITION saying why. Like a rating, a lost race is retried on fresh state, so an intake
 * officer accepting at the same moment wins or loses cleanly — never both.
 */
export async function withdrawCase(deps: TrackedCaseDeps & ChangeCaseDeps, caseNo: string, reason: string | undefined, client: ClientInfo): Promise<TrackedCaseDto> {
  await changeCase(deps, caseNo, { action: 'withdraw', ...(reason ? { reason } : {}) }, citizenOf(caseNo), client);
  return getCitizenCase(deps, caseNo);
}

export async function rateCase(deps: TrackedCaseDeps & ChangeCaseDeps, caseNo: string, rating: Rating, comment: string | undefined, client: ClientInfo): Promise<TrackedCaseDto> {
  await changeCase(deps, caseNo, { action: 'rate', rating, ...(comment ? { comment } : {}) }, citizenOf(caseNo), client);
  return getCitizenCase(deps, caseNo);
}
