import type { CaseRecord, Extension, RatingRecord } from './case';
import { RATING_LABELS, RATING_WINDOW_DAYS, type ActorRole, type CaseStatus, type Rating } from './case-types';
import { DomainError } from '../errors';
import { deadlines, extendClock, pauseClock, restartClock, resumeClock, stopClock, MAX_EXTENSION_DAYS } from './sla-clock';
import type { WorkingCalendar } from './calendar';
import { citizenSees, type EventData, type EventKind } from './events';
import { SEND_BACK_LIMIT, SEND_BACK_LIMIT_MESSAGE, SEND_BACK_REASONS, type DispatchRecord, type SendBackReasonCode } from './dispatch';
import { ROOT_UNIT_ID } from './jurisdiction';
import { REVISIT_AFTER_DAYS, REVISIT_MAX_ATTEMPTS, REVISIT_OUTCOME_LABELS, isRatingOutcome, revisitAttempts, type RevisitOutcome } from './revisit';
import { AMOUNT_RECOVERED_MESSAGE, ANSWER_RESULT_LABELS, ANSWER_RESULT_MESSAGE, isAnswerResult, yuanToFen, type AnswerResult } from './answer-results';

/** Who is acting: an official (with their department, for handlers), the citizen, or the timers. */
export interface Actor {
  role: ActorRole;
  id: string;
  departmentId?: string;
}

/** 协办: an assisting department named on accept/transfer and, optionally, its own due date (YYYY-MM-DD, Shanghai); see joint.ts. */
export interface AssistingInput {
  departmentId: string;
  dueAt?: string;
}

/** Every change that can be asked of a case, with what each one needs. */
export type CaseCommand =
  /** `dispatchUnitId`: the dispatching official's unit, filled in by the service (the case's unit when absent). */
  | { action: 'accept'; departmentId: string; instructions?: string; dispatchUnitId?: string; assisting?: AssistingInput[] }
  | { action: 'reject'; reason: string }
  | { action: 'transfer'; departmentId: string; reason: string; instructions?: string; dispatchUnitId?: string; assisting?: AssistingInput[] }
  | { action: 'send_back'; reasonCode: SendBackReasonCode; reason?: string }
  /** 上报: `toUnitId` (the parent of the case's unit) is resolved by the service; decide stays pure. */
  | { action: 'escalate_up'; reason: string; toUnitId?: string }
  /** 派单异议: the handler disputes the dispatch instead of sending it back. */
  | { action: 'dispute'; reason: string }
  /** The dispatching intake decides a dispute: uphold (the department must handle it) or re-dispatch to `departmentId`. */
  | { action: 'decide_dispute'; uphold: boolean; note: string; departmentId?: string }
  | { action: 'request_info'; question: string }
  | { action: 'supplement'; content: string }
  /** `result` 答复结果 (required); `amountRecovered` 还利于民 in yuan (≤ 2 decimals), stored as fen. */
  | { action: 'reply'; answer: string; result: AnswerResult; amountRecovered?: number }
  | { action: 'request_extension'; days: number; reason: string }
  | { action: 'approve_extension'; note?: string }
  | { action: 'deny_extension'; reason: string }
  | { action: 'urge'; note: string }
  /** 免于考核: a supervisor finds the demand unreasonable (不合理诉求); the case leaves the assessment, nothing else changes. */
  | { action: 'exempt'; reason: string }
  | { action: 'merge'; intoCaseNo: string }
  | { action: 'close'; reason?: string }
  | { action: 'rate'; rating: Rating; comment?: string }
  /** 回访 by intake: a rating outcome is recorded as the citizen's rating would be; `revisitDays` (the type's policy) is filled in by the service. */
  | { action: 'revisit'; outcome: RevisitOutcome; note: string; revisitDays?: number }
  | { action: 'withdraw'; reason?: string }
  | { action: 'auto_close' };

export type CaseAction = CaseCommand['action'];

/** The event kinds the lifecycle writes (one with every change); see EVENT_KINDS for all of them. */
export type CaseEventKind = Extract<
  EventKind,
  | 'submitted'
  | 'accepted'
  | 'rejected'
  | 'transferred'
  | 'sent_back'
  | 'info_requested'
  | 'supplemented'
  | 'replied'
  | 'extension_requested'
  | 'extension_approved'
  | 'extension_denied'
  | 'urged'
  | 'exempted'
  | 'merged'
  | 'closed'
  | 'rated'
  | 'revisit_unreachable'
  | 'withdrawn'
  | 'escalated_up'
  | 'dispatch_disputed'
  | 'dispute_upheld'
  | 'dispute_redispatched'
>;

export type { EventData };

export interface EventDraft {
  kind: CaseEventKind;
  /** Whether the citizen sees it on their timeline. */
  public: boolean;
  data: EventData;
}

export interface Decision {
  next: CaseRecord;
  event: EventDraft;
  fromStatus: CaseStatus;
  toStatus: CaseStatus;
}

interface Rule {
  from: readonly CaseStatus[];
  roles: readonly ActorRole[];
  /** Handlers may act only on cases of their own department. */
  ownDepartment?: boolean;
}

const OPEN: readonly CaseStatus[] = ['in_progress', 'awaiting_citizen'];

/** The lifecycle of DESIGN.md as data: which action, from which status, by which role. */
export const TRANSITION_RULES: Record<CaseAction, Rule> = {
  accept: { from: ['submitted'], roles: ['intake'] },
  reject: { from: ['submitted'], roles: ['intake'] },
  merge: { from: ['submitted', 'in_progress'], roles: ['intake'] },
  transfer: { from: OPEN, roles: ['intake', 'supervisor'] },
  send_back: { from: ['in_progress'], roles: ['handler'], ownDepartment: true },
  request_info: { from: ['in_progress'], roles: ['handler'], ownDepartment: true },
  reply: { from: ['in_progress'], roles: ['handler'], ownDepartment: true },
  request_extension: { from: OPEN, roles: ['handler'], ownDepartment: true },
  approve_extension: { from: OPEN, roles: ['supervisor'] },
  deny_extension: { from: OPEN, roles: ['supervisor'] },
  urge: { from: ['submitted', 'in_progress', 'awaiting_citizen'], roles: ['supervisor'] },
  exempt: { from: ['submitted', 'in_progress', 'awaiting_citizen', 'replied', 'closed', 'rejected', 'merged'], roles: ['supervisor'] },
  close: { from: ['replied'], roles: ['intake', 'supervisor'] },
  supplement: { from: ['awaiting_citizen'], roles: ['citizen'] },
  rate: { from: ['replied'], roles: ['citizen'] },
  /** 回访: only an answer not rated yet (a rating, the citizen's or a return visit's, is final). */
  revisit: { from: ['replied'], roles: ['intake'] },
  /** Only while no one has accepted it: once a department works on it, the citizen rates the answer instead. */
  withdraw: { from: ['submitted'], roles: ['citizen'] },
  auto_close: { from: ['replied'], roles: ['system'] },
  // Moving a case in the jurisdiction tree (see dispatch.ts).
  escalate_up: { from: ['submitted'], roles: ['intake'] },
  dispute: { from: ['in_progress'], roles: ['handler'], ownDepartment: true },
  decide_dispute: { from: OPEN, roles: ['intake'] },
};

export const CASE_ACTIONS = Object.keys(TRANSITION_RULES) as CaseAction[];

/** Whether `actor` may attempt `action` on `c` at all (role, department, status), without its inputs. */
export function canAttempt(c: CaseRecord, action: CaseAction, actor: Actor): boolean {
  const rule = TRANSITION_RULES[action];
  return rule.roles.includes(actor.role) && (!rule.ownDepartment || isOwnDepartment(c, actor)) && rule.from.includes(c.status);
}

function isOwnDepartment(c: CaseRecord, actor: Actor): boolean {
  return c.departmentId !== undefined && actor.departmentId === c.departmentId;
}

function invalid(field: string, message: string): never {
  throw new DomainError('VALIDATION_FAILED', { fields: { [field]: message } });
}

/** When the citizen's time to rate an answer given at `answerAt` ends; no one may close the case before. */
export function ratingWindowEndsAt(answerAt: string): Date {
  return new Date(Date.parse(answerAt) + RATING_WINDOW_DAYS * 24 * 60 * 60 * 1000);
}

function ratingWindowOver(c: CaseRecord, now: Date): boolean {
  if (!c.answer) return true;
  return now.getTime() >= ratingWindowEndsAt(c.answer.at).getTime();
}

/**
 * Why no extension may be requested now, if so: one is waiting for a supervisor (`pending`), or one
 * was already granted (`used`: a case is extended once). A denied request may be made again.
 */
export function extensionRequestBlocker(extension: Pick<Extension, 'status'> | undefined): 'pending' | 'used' | undefined {
  if (!extension || extension.status === 'denied') return undefined;
  return extension.status === 'pending' ? 'pending' : 'used';
}

/** Whether a supervisor has an extension request to decide. */
export function hasPendingExtension(extension: Pick<Extension, 'status'> | undefined): boolean {
  return extension?.status === 'pending';
}

/**
 * Decide the effect of `command` by `actor` on case `c` at `now`: the next state and the one
 * event that records it. Pure: no I/O, no clock reads. Throws a DomainError when the role,
 * the department or the case's status does not allow it.
 */
export function decide(c: CaseRecord, command: CaseCommand, actor: Actor, now: Date, calendar?: WorkingCalendar): Decision {
  const rule = TRANSITION_RULES[command.action];
  if (!rule.roles.includes(actor.role)) throw new DomainError('FORBIDDEN');
  if (rule.ownDepartment && !isOwnDepartment(c, actor)) {
    throw new DomainError('NOT_YOUR_DEPARTMENT');
  }
  if (!rule.from.includes(c.status)) {
    // Rated already and no new answer since (closed, or reopened by an unsatisfied rating): say so.
    if ((command.action === 'rate' || command.action === 'revisit') && c.ratings.length > 0) throw new DomainError('ALREADY_RATED');
    if (command.action === 'withdraw') {
      throw new DomainError('INVALID_TRANSITION', {
        message: c.status === 'withdrawn' ? '这件诉求已经撤回' : '诉求已受理，不能再撤回；如问题已解决，可在收到答复后评价',
      });
    }
    throw new DomainError('INVALID_TRANSITION');
  }

  const at = now.toISOString();
  const base: CaseRecord = { ...c, version: c.version + 1, updatedAt: at };
  // Whether the citizen sees the event is the vocabulary's to say, never the call site's.
  const done = (next: CaseRecord, kind: CaseEventKind, data: EventData): Decision => ({
    next,
    event: { kind, public: citizenSees(kind), data },
    fromStatus: c.status,
    toStatus: next.status,
  });

  switch (command.action) {
    case 'accept':
      return done(
        { ...base, status: 'in_progress', departmentId: command.departmentId, ownerId: c.ownerId ?? actor.id, dispatch: dispatched(c, command, actor, at) },
        'accepted',
        { departmentId: command.departmentId, ...(command.instructions ? { instructions: command.instructions } : {}) },
      );
    case 'reject':
      return done({ ...base, status: 'rejected', rejectReason: command.reason, clock: stopClock(c.clock, now) }, 'rejected', { reason: command.reason });
    case 'transfer':
      if (command.departmentId === c.departmentId) invalid('departmentId', '不能转交给当前承办部门');
      return done(
        { ...base, departmentId: command.departmentId, dispatch: dispatched(c, command, actor, at) },
        'transferred',
        { fromDepartmentId: c.departmentId ?? '', departmentId: command.departmentId, reason: command.reason, ...(command.instructions ? { instructions: command.instructions } : {}) },
      );
    case 'send_back': {
      if (c.dispatch?.finalFor !== undefined && c.dispatch.finalFor === c.departmentId) {
        throw new DomainError('INVALID_TRANSITION', { message: '派单异议已裁定由本部门办理（最终决定），不能再退单' });
      }
      const sendBacks = c.dispatch?.sendBacks ?? 0;
      if (sendBacks >= SEND_BACK_LIMIT) throw new DomainError('INVALID_TRANSITION', { message: SEND_BACK_LIMIT_MESSAGE });
      if (!Object.hasOwn(SEND_BACK_REASONS, command.reasonCode)) invalid('reasonCode', '请选择退单原因');
      if (command.reasonCode === 'other' && !command.reason?.trim()) invalid('reason', '退单原因为“其他”时请说明理由');
      // Back to the intake of the unit that dispatched it (not the city's); the clock runs on untouched.
      const { departmentId: _dropped, dispatch: _d, ...rest } = base;
      const toUnitId = c.dispatch?.unitId ?? c.unitId;
      const { dispute: _dispute, ...kept } = c.dispatch ?? { unitId: toUnitId ?? ROOT_UNIT_ID, by: '', at: '', sendBacks: 0 };
      return done(
        { ...rest, status: 'submitted', ...(toUnitId ? { unitId: toUnitId } : {}), dispatch: { ...kept, sendBacks: sendBacks + 1 } },
        'sent_back',
        {
          fromDepartmentId: c.departmentId ?? '',
          reasonCode: command.reasonCode,
          reasonLabel: SEND_BACK_REASONS[command.reasonCode],
          ...(command.reason ? { reason: command.reason } : {}),
          toUnitId: toUnitId ?? ROOT_UNIT_ID,
          sendBacks: sendBacks + 1,
        },
      );
    }
    case 'escalate_up':
      if (!command.toUnitId) throw new DomainError('INVALID_TRANSITION', { message: '本级已是最高一级受理中心，不能再上报' });
      if (command.toUnitId === (c.unitId ?? ROOT_UNIT_ID)) invalid('toUnitId', '上报的单位不能是案件所在单位');
      // The case waits at the parent's intake; its clock keeps running.
      return done({ ...base, unitId: command.toUnitId }, 'escalated_up', { reason: command.reason, fromUnitId: c.unitId ?? ROOT_UNIT_ID, toUnitId: command.toUnitId });
    case 'dispute':
      if (c.dispatch?.dispute) throw new DomainError('INVALID_TRANSITION', { message: '派单异议已提出，正在等待受理中心裁定' });
      if (c.dispatch?.finalFor !== undefined && c.dispatch.finalFor === c.departmentId) {
        throw new DomainError('INVALID_TRANSITION', { message: '派单异议已裁定由本部门办理（最终决定）' });
      }
      return done(
        {
          ...base,
          dispatch: {
            ...(c.dispatch ?? { unitId: c.unitId ?? ROOT_UNIT_ID, by: '', at: '', sendBacks: 0 }),
            dispute: { departmentId: c.departmentId!, reason: command.reason, by: actor.id, at },
          },
        },
        'dispatch_disputed',
        { departmentId: c.departmentId ?? '', reason: command.reason },
      );
    case 'decide_dispute': {
      const dispatch = c.dispatch;
      if (!dispatch?.dispute) throw new DomainError('INVALID_TRANSITION', { message: '没有待裁定的派单异议' });
      const { dispute: _decided, ...record } = dispatch;
      if (command.uphold) {
        return done(
          { ...base, dispatch: { ...record, finalFor: dispatch.dispute.departmentId } },
          'dispute_upheld',
          { departmentId: dispatch.dispute.departmentId, note: command.note, disputeReason: dispatch.dispute.reason },
        );
      }
      if (!command.departmentId) invalid('departmentId', '请选择改派的部门');
      if (command.departmentId === c.departmentId) invalid('departmentId', '改派的部门不能是原承办部门');
      return done(
        { ...base, departmentId: command.departmentId, dispatch: { ...record, by: actor.id, at } },
        'dispute_redispatched',
        { fromDepartmentId: c.departmentId ?? '', departmentId: command.departmentId, note: command.note, disputeReason: dispatch.dispute.reason },
      );
    }
    case 'request_info':
      return done(
        { ...base, status: 'awaiting_citizen', pendingQuestion: command.question, clock: pauseClock(c.clock, now) },
        'info_requested',
        { question: command.question },
      );
    case 'supplement': {
      const { pendingQuestion: _answered, ...rest } = base;
      return done(
        { ...rest, status: 'in_progress', supplements: [...c.supplements, { content: command.content, at }], clock: resumeClock(c.clock, now) },
        'supplemented',
        { content: command.content },
      );
    }
    case 'reply': {
      if (!isAnswerResult(command.result)) invalid('result', ANSWER_RESULT_MESSAGE);
      const fen = command.amountRecovered === undefined ? undefined : yuanToFen(command.amountRecovered);
      if (command.amountRecovered !== undefined && fen === undefined) invalid('amountRecovered', AMOUNT_RECOVERED_MESSAGE);
      // On time: before the due date and never recorded overdue by the timers.
      const onTime = now.getTime() <= deadlines(c.clock, now, calendar).dueAt.getTime() && c.slaReached !== 'overdue' && c.slaReached !== 'severe';
      return done(
        {
          ...base,
          status: 'replied',
          answer: { text: command.answer, at, departmentId: c.departmentId!, officialId: actor.id, result: command.result, ...(fen !== undefined ? { amountRecoveredFen: fen } : {}) },
          ...(c.firstAnswer ? {} : { firstAnswer: { at, onTime, departmentId: c.departmentId! } }),
          clock: stopClock(c.clock, now),
        },
        'replied',
        // The amount is in the audit trail (officials'); the citizen's timeline shows an event's text only, never its data.
        {
          answer: command.answer,
          departmentId: c.departmentId!,
          round: c.round,
          result: command.result,
          resultLabel: ANSWER_RESULT_LABELS[command.result],
          ...(fen !== undefined ? { amountRecoveredFen: fen } : {}),
        },
      );
    }
    case 'request_extension':
      if (extensionRequestBlocker(c.extension)) throw new DomainError('EXTENSION_NOT_ALLOWED');
      if (!Number.isInteger(command.days) || command.days < 1 || command.days > MAX_EXTENSION_DAYS) {
        invalid('days', `延期天数应为 1 到 ${MAX_EXTENSION_DAYS} 天`);
      }
      return done(
        { ...base, extension: { status: 'pending', days: command.days, reason: command.reason, requestedAt: at, requestedBy: actor.id } },
        'extension_requested',
        { days: command.days, reason: command.reason },
      );
    case 'approve_extension':
    case 'deny_extension': {
      if (!c.extension || !hasPendingExtension(c.extension)) throw new DomainError('INVALID_TRANSITION', { message: '没有待审批的延期申请' });
      const approved = command.action === 'approve_extension';
      const note = approved ? command.note : command.reason;
      const extension = {
        ...c.extension,
        status: approved ? ('approved' as const) : ('denied' as const),
        decidedAt: at,
        decidedBy: actor.id,
        ...(note ? { decisionNote: note } : {}),
      };
      return done(
        { ...base, extension, clock: approved ? extendClock(c.clock, c.extension.days) : c.clock },
        approved ? 'extension_approved' : 'extension_denied',
        { days: c.extension.days, reason: c.extension.reason, ...(note ? { note } : {}) },
      );
    }
    case 'urge':
      return done(base, 'urged', { note: command.note });
    case 'exempt':
      if (c.exemption) throw new DomainError('INVALID_TRANSITION', { message: '该案件已免于考核' });
      return done({ ...base, exemption: { by: actor.id, at, reason: command.reason } }, 'exempted', { reason: command.reason });
    case 'merge':
      if (command.intoCaseNo === c.caseNo) invalid('intoCaseNo', '不能与案件自身合并');
      return done({ ...base, status: 'merged', mergedInto: command.intoCaseNo, clock: stopClock(c.clock, now) }, 'merged', { intoCaseNo: command.intoCaseNo });
    case 'close':
    case 'auto_close':
      // The citizen's right to rate is never cut short: no one closes a reply before the window ends.
      if (!ratingWindowOver(c, now)) throw new DomainError('RATING_WINDOW_OPEN');
      return done(
        { ...base, status: 'closed', closedAt: at, closeReason: command.action === 'close' ? 'official' : 'unrated' },
        'closed',
        { reason: command.action === 'close' ? (command.reason ?? '') : '评价期满，自动办结' },
      );
    case 'withdraw':
      // Like a rejection: final, off every queue, its clock stopped for good.
      return done(
        { ...base, status: 'withdrawn', clock: stopClock(c.clock, now), ...(command.reason ? { withdrawReason: command.reason } : {}) },
        'withdrawn',
        command.reason ? { reason: command.reason } : {},
      );
    case 'revisit': {
      // The citizen has `revisitDays` to rate the answer themself before intake calls.
      const days = command.revisitDays ?? REVISIT_AFTER_DAYS;
      const dueAt = Date.parse(c.answer?.at ?? c.updatedAt) + days * 24 * 60 * 60 * 1000;
      if (now.getTime() < dueAt) throw new DomainError('INVALID_TRANSITION', { message: `答复未满 ${days} 天，群众仍可自行评价，暂不需回访` });
      const attempts = revisitAttempts(c);
      if (!isRatingOutcome(command.outcome)) {
        if (attempts >= REVISIT_MAX_ATTEMPTS) throw new DomainError('INVALID_TRANSITION', { message: `已 ${REVISIT_MAX_ATTEMPTS} 次联系不上，不再回访` });
        const attempt = attempts + 1;
        const gaveUp = attempt >= REVISIT_MAX_ATTEMPTS;
        return done(
          { ...base, revisit: { round: c.round, attempts: attempt, lastAt: at, lastBy: actor.id, ...(gaveUp ? { gaveUp } : {}) } },
          'revisit_unreachable',
          { outcome: command.outcome, label: REVISIT_OUTCOME_LABELS[command.outcome], note: command.note, attempt, gaveUp },
        );
      }
      return rated(c, base, command.outcome, command.note, at, done, { source: 'revisit', by: actor.id });
    }
    case 'rate':
      return rated(c, base, command.rating, command.comment, at, done);
  }
}

/**
 * A rating recorded: the citizen's own, or one obtained by 回访 (`source`), with the same effect —
 * satisfied/basically satisfied close the case, a first unsatisfied reopens it on a fresh clock, a
 * second closes it for supervisor review.
 */
function rated(
  c: CaseRecord,
  base: CaseRecord,
  rating: Rating,
  comment: string | undefined,
  at: string,
  done: (next: CaseRecord, kind: CaseEventKind, data: EventData) => Decision,
  by?: { source: 'revisit'; by: string },
): Decision {
  const now = new Date(at);
  const record: RatingRecord = { rating, at, round: c.round, ...(comment ? { comment } : {}), ...(by ?? {}) };
  const ratings = [...c.ratings, record];
  const data: EventData = { rating, label: RATING_LABELS[rating], round: c.round, ...(comment ? { comment } : {}), ...(by ? { source: by.source } : {}) };
  if (rating !== 'unsatisfied') {
    return done({ ...base, status: 'closed', ratings, closedAt: at, closeReason: 'rated' }, 'rated', data);
  }
  if (c.round === 1) {
    // First unsatisfied answer: the department handles it once more, on a fresh clock.
    return done({ ...base, status: 'in_progress', ratings, round: 2, clock: restartClock(c.clock, now) }, 'rated', data);
  }
  return done({ ...base, status: 'closed', ratings, closedAt: at, closeReason: 'rated', reviewRequired: true }, 'rated', data);
}

/** The dispatch record written with an accept or a transfer (the send-back count carries over: the limit is per case). */
function dispatched(c: CaseRecord, command: { instructions?: string; dispatchUnitId?: string }, actor: Actor, at: string): DispatchRecord {
  return {
    unitId: command.dispatchUnitId ?? c.unitId ?? ROOT_UNIT_ID,
    by: actor.id,
    at,
    ...(command.instructions ? { instructions: command.instructions } : {}),
    sendBacks: c.dispatch?.sendBacks ?? 0,
  };
}
