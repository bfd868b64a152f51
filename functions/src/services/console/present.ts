import {
  CHANNEL_LABELS,
  channelOf,
  CASE_ACTIONS,
  CASE_STATUS_LABELS,
  CASE_TYPE_LABELS,
  canAttempt,
  daysLeft,
  deadlines,
  describeEvent,
  attachmentMeta,
  formatShanghaiIso,
  maskName,
  maskPhone,
  maskSensitiveText,
  slaLevel,
  assistsOn,
  isActivePart,
  PART_STATUS_LABELS,
  type CasePart,
  type PartAction,
  type PartDto,
  type CaseListItemDto,
  type CaseRecord,
  type ConsoleCaseDto,
  type ConsoleEventDto,
  type WorkingCalendar,
  ANSWER_RESULT_LABELS,
} from '@minsheng/shared';
import type { CaseEvent } from '../../ports/cases';
import type { OfficialContext } from '../auth/officials';
import type { Names } from '../reference/names';

/** The department may be the one reported: a report's identity never reaches a handler. */
export function hidesReporter(c: CaseRecord, viewer: OfficialContext): boolean {
  return c.type === 'report' && viewer.role === 'handler';
}

/**
 * Who may see contact details unmasked (each look is audited): intake and supervisors; and, as in
 * 12345 practice, the lead department's handler, to call the citizen back — except for a report
 * (举报), whose reporter stays invisible to every handling department, assisting ones included.
 */
export function mayReveal(viewer: OfficialContext, c?: Pick<CaseRecord, 'type' | 'departmentId'>): boolean {
  if (viewer.role === 'intake' || viewer.role === 'supervisor') return true;
  return viewer.role === 'handler' && c !== undefined && c.type !== 'report' && c.departmentId !== undefined && c.departmentId === viewer.departmentId;
}

/** The 协办 actions this official may take now: an assisting department's part, or the lead returning one. */
export function partActionsFor(c: CaseRecord, parts: readonly CasePart[], viewer: OfficialContext): PartAction[] {
  if (viewer.role !== 'handler' || !(c.status === 'in_progress' || c.status === 'awaiting_citizen')) return [];
  const out: PartAction[] = [];
  const mine = parts.find((p) => p.departmentId === viewer.departmentId);
  if (mine && isActivePart(mine) && c.departmentId !== viewer.departmentId) out.push('submit_part');
  if (c.departmentId === viewer.departmentId && parts.some((p) => p.status === 'submitted' && !p.returnedOnce)) out.push('return_part');
  return out;
}

/** The parts as this official sees them: an assisting department its own only; the lead and officials above, all. */
export function toPartDtos(c: CaseRecord, parts: readonly CasePart[], viewer: OfficialContext, names: Names, text: (s: string) => string): PartDto[] {
  const visible = viewer.role === 'handler' && c.departmentId !== viewer.departmentId ? parts.filter((p) => p.departmentId === viewer.departmentId) : parts;
  return visible.map((p) => ({
    departmentId: p.departmentId,
    departmentName: names.department(p.departmentId) ?? p.departmentId,
    status: p.status,
    statusLabel: PART_STATUS_LABELS[p.status],
    dueAt: formatShanghaiIso(new Date(p.dueAt)),
    ...(p.text ? { text: text(p.text) } : {}),
    ...(p.submittedAt ? { submittedAt: formatShanghaiIso(new Date(p.submittedAt)) } : {}),
    ...(p.submittedBy ? { submittedBy: p.submittedBy } : {}),
    ...(p.onTime !== undefined ? { onTime: p.onTime } : {}),
    returnedOnce: p.returnedOnce,
    ...(p.returnReason ? { returnReason: text(p.returnReason) } : {}),
  }));
}

/** What a queue row is made of: a case's summary (the queues' indexes carry it) or the case itself. */
export type ListItemSource = Pick<CaseRecord, 'caseNo' | 'type' | 'categoryId' | 'title' | 'status' | 'departmentId' | 'ownerId' | 'createdAt' | 'clock' | 'version'> & { answeredAt?: string; revisitAttempts?: number };

export function toListItem(c: ListItemSource, names: Names, now: Date, calendar?: WorkingCalendar): CaseListItemDto {
  const categoryName = names.category(c.categoryId);
  const departmentName = names.department(c.departmentId);
  return {
    caseNo: c.caseNo,
    type: c.type,
    typeLabel: CASE_TYPE_LABELS[c.type],
    categoryId: c.categoryId,
    ...(categoryName ? { categoryName } : {}),
    title: maskSensitiveText(c.title),
    status: c.status,
    statusLabel: CASE_STATUS_LABELS[c.status],
    ...(c.departmentId ? { departmentId: c.departmentId } : {}),
    ...(departmentName ? { departmentName } : {}),
    ...(c.ownerId ? { ownerId: c.ownerId } : {}),
    createdAt: formatShanghaiIso(new Date(c.createdAt)),
    dueAt: formatShanghaiIso(deadlines(c.clock, now, calendar).dueAt),
    slaLevel: slaLevel(c.clock, now, calendar),
    daysLeft: daysLeft(c.clock, now, calendar),
    paused: Boolean(c.clock.pausedSince),
    version: c.version,
    ...(c.answeredAt ? { answeredAt: formatShanghaiIso(new Date(c.answeredAt)) } : {}),
    ...(c.revisitAttempts !== undefined ? { revisitAttempts: c.revisitAttempts } : {}),
  };
}

function ruleText(c: CaseRecord): string {
  return `${CASE_TYPE_LABELS[c.type]}：自提交之日起 ${c.clock.answerDays} 个${c.clock.dayMode === 'working' ? '工作日' : '自然日'}内答复`;
}

/**
 * The case as one official sees it. Contact details are masked unless `revealed` (intake and
 * supervisors only); for a report viewed by a handler, the reporter's identity and where the
 * citizen's requests came from are left out altogether.
 */
export function toConsoleCase(
  c: CaseRecord,
  events: CaseEvent[],
  viewer: OfficialContext,
  names: Names,
  now: Date,
  revealed: boolean,
  calendar?: WorkingCalendar,
  officialNames: ReadonlyMap<string, string> = new Map(),
  parts: readonly CasePart[] = [],
): ConsoleCaseDto {
  const officialName = (id: string | undefined) => (id ? officialNames.get(id) : undefined);
  const hide = hidesReporter(c, viewer);
  const showRaw = revealed && mayReveal(viewer, c);
  const d = deadlines(c.clock, now, calendar);
  const item = toListItem(c, names, now, calendar);
  const contact =
    hide || !c.contact
      ? undefined
      : showRaw
        ? { ...c.contact }
        : { ...(c.contact.name ? { name: maskName(c.contact.name) } : {}), ...(c.contact.phone ? { phone: maskPhone(c.contact.phone) } : {}) };
  // Every free text — the citizen's and officials' alike (a reply, a question, a rating comment may
  // quote a phone number) — is masked unless revealed.
  const text = (s: string) => (showRaw ? s : maskSensitiveText(s));
  const timeline: ConsoleEventDto[] = events.map((e) => ({
    at: formatShanghaiIso(new Date(e.at)),
    kind: e.kind,
    actorRole: e.actorRole,
    actorId: e.actorId,
    ...(e.actorRole !== 'citizen' && e.actorRole !== 'system' && officialName(e.actorId) ? { actorName: officialName(e.actorId)! } : {}),
    ...(e.fromStatus ? { fromStatus: e.fromStatus } : {}),
    toStatus: e.toStatus,
    public: e.public,
    text: text(describeEvent(e.kind, e.data, (id) => names.department(id) ?? id)),
    data: Object.fromEntries(Object.entries(e.data).map(([k, v]) => [k, typeof v === 'string' ? text(v) : v])),
    ...(e.client && viewer.role !== 'handler' ? { client: e.client } : {}),
  }));
  return {
    ...item,
    title: text(c.title),
    content: text(c.content),
    channel: channelOf(c),
    channelLabel: CHANNEL_LABELS[channelOf(c)],
    ...(c.filedBy ? { filedBy: c.filedBy, ...(officialName(c.filedBy) ? { filedByName: officialName(c.filedBy)! } : {}) } : {}),
    ...(c.partnerId ? { partnerId: c.partnerId } : {}),
    ...(c.revisit && c.revisit.round === c.round ? { revisit: { ...c.revisit } } : {}),
    ...(hide ? {} : { anonymous: c.anonymous }),
    ...(contact ? { contact } : {}),
    reporterHidden: hide,
    revealed: showRaw,
    // Metadata only; every file is opened through the audited link route. All are sanitised copies.
    attachments: (c.attachments ?? []).map((a) => attachmentMeta(c.caseNo, a, (iso) => formatShanghaiIso(new Date(iso)))),
    ...(c.location ? { location: c.location } : {}),
    publishConsent: c.publishConsent,
    sla: {
      level: item.slaLevel,
      reached: c.slaReached,
      paused: Boolean(c.clock.pausedSince),
      daysLeft: item.daysLeft,
      warnAt: formatShanghaiIso(d.warnAt),
      dueAt: formatShanghaiIso(d.dueAt),
      severeAt: formatShanghaiIso(d.severeAt),
      answerDays: c.clock.answerDays,
      dayMode: c.clock.dayMode,
      rule: ruleText(c),
      ...(c.extension
        ? {
            extension: {
              status: c.extension.status,
              days: c.extension.days,
              reason: text(c.extension.reason),
              ...(c.extension.decisionNote ? { decisionNote: text(c.extension.decisionNote) } : {}),
            },
          }
        : {}),
    },
    ...(c.pendingQuestion ? { pendingQuestion: text(c.pendingQuestion) } : {}),
    supplements: c.supplements.map((s) => ({ content: text(s.content), at: formatShanghaiIso(new Date(s.at)) })),
    ...(c.answer
      ? {
          answer: {
            text: text(c.answer.text),
            at: formatShanghaiIso(new Date(c.answer.at)),
            departmentName: names.department(c.answer.departmentId) ?? c.answer.departmentId,
            officialId: c.answer.officialId,
            ...(officialName(c.answer.officialId) ? { officialName: officialName(c.answer.officialId)! } : {}),
            ...(c.answer.result ? { result: c.answer.result, resultLabel: ANSWER_RESULT_LABELS[c.answer.result] } : {}),
            ...(c.answer.amountRecoveredFen !== undefined ? { amountRecoveredFen: c.answer.amountRecoveredFen, amountRecovered: c.answer.amountRecoveredFen / 100 } : {}),
          },
        }
      : {}),
    ratings: c.ratings.map((r) => ({ rating: r.rating, at: formatShanghaiIso(new Date(r.at)), round: r.round, ...(r.comment ? { comment: text(r.comment) } : {}), ...(r.source ? { source: r.source } : {}), ...(r.by ? { by: r.by } : {}) })),
    round: c.round,
    ...(officialName(c.ownerId) ? { ownerName: officialName(c.ownerId)! } : {}),
    ...(c.mergedInto ? { mergedInto: c.mergedInto } : {}),
    ...(c.rejectReason ? { rejectReason: text(c.rejectReason) } : {}),
    reviewRequired: Boolean(c.reviewRequired),
    ...(c.exemption ? { exemption: { ...c.exemption } } : {}),
    timeline,
    allowedActions: [
      ...CASE_ACTIONS.filter((a) => canAttempt(c, a, { role: viewer.role, id: viewer.username, ...(viewer.departmentId ? { departmentId: viewer.departmentId } : {}) })),
      ...partActionsFor(c, parts, viewer),
    ],
    parts: toPartDtos(c, parts, viewer, names, text),
    assistingViewer: viewer.role === 'handler' && c.departmentId !== viewer.departmentId && assistsOn(parts, viewer.departmentId),
  };
}
