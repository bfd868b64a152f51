/**
 * Joint handling (主办/协办): the lead department (the case's `departmentId`) owns the case, its SLA,
 * its single answer and its statistics; up to MAX_ASSISTING assisting departments each contribute a
 * part (协办意见) by their own due date, which the lead may return once. Pure: no I/O, no clock reads.
 */
import type { AttachmentRecord } from './attachments';
import type { CaseRecord } from './case';
import type { CaseStatus } from './case-types';
import type { AssistingInput } from './state-machine';
import { DomainError } from '../errors';
import { endOfShanghaiDay, toShanghaiDate } from './shanghai-time';
import type { CounterDelta } from './stats';
import { STAT_DIMENSION_PREFIX } from './stats';

export const MAX_ASSISTING = 5;

export const PART_STATUSES = ['pending', 'submitted', 'returned', 'closed'] as const;
export type PartStatus = (typeof PART_STATUSES)[number];

export const PART_STATUS_LABELS: Record<PartStatus, string> = {
  pending: '待提交',
  submitted: '已提交',
  returned: '已退回',
  closed: '无需提交',
};

/** The actions on parts (beside the case's lifecycle actions). */
export const PART_ACTIONS = ['submit_part', 'return_part'] as const;
export type PartAction = (typeof PART_ACTIONS)[number];

/** One assisting department's part of a case (stored beside it: CASE#<caseNo> / PART#<departmentId>). */
export interface CasePart {
  caseNo: string;
  departmentId: string;
  status: PartStatus;
  /** ISO instant: the end of the chosen Shanghai day, or the case's own due instant. */
  dueAt: string;
  assignedAt: string;
  assignedBy: string;
  text?: string;
  attachments?: AttachmentRecord[];
  submittedAt?: string;
  submittedBy?: string;
  /** The lead returns a part at most once. */
  returnedOnce: boolean;
  returnReason?: string;
  /** Whether the (latest) submission came by the part's due date. */
  onTime?: boolean;
  closedAt?: string;
}


const OPEN_CASE: readonly CaseStatus[] = ['in_progress', 'awaiting_citizen'];
/** A part still expected from its department. */
export const isActivePart = (p: Pick<CasePart, 'status'>) => p.status === 'pending' || p.status === 'returned';

/** Whether `departmentId` assists on the case whose parts these are: the "may this handler see it" rule for assistants. */
export function assistsOn(caseParts: readonly Pick<CasePart, 'departmentId' | 'status'>[], departmentId: string | undefined): boolean {
  return departmentId !== undefined && caseParts.some((p) => p.departmentId === departmentId);
}

function invalid(field: string, message: string): never {
  throw new DomainError('VALIDATION_FAILED', { fields: { [field]: message } });
}

/**
 * Check the assisting departments asked for and give each its due instant: 0–5, distinct, not the
 * lead; a part's due date defaults to the case's due date and may not be later than it, nor before today.
 */
export function planAssisting(input: readonly AssistingInput[], leadDepartmentId: string, caseDueAt: Date, now: Date): { departmentId: string; dueAt: string }[] {
  if (input.length > MAX_ASSISTING) invalid('assisting', `协办部门最多 ${MAX_ASSISTING} 个`);
  const seen = new Set<string>();
  const caseDay = toShanghaiDate(caseDueAt);
  const today = toShanghaiDate(now);
  return input.map((a) => {
    if (a.departmentId === leadDepartmentId) invalid('assisting', '协办部门不能是主办部门');
    if (seen.has(a.departmentId)) invalid('assisting', '协办部门不能重复');
    seen.add(a.departmentId);
    if (!a.dueAt || a.dueAt === caseDay) return { departmentId: a.departmentId, dueAt: caseDueAt.toISOString() };
    if (a.dueAt > caseDay) invalid('assisting', `协办期限不能晚于案件办理期限（${caseDay}）`);
    if (a.dueAt < today) invalid('assisting', '协办期限不能早于今天');
    return { departmentId: a.departmentId, dueAt: endOfShanghaiDay(a.dueAt).toISOString() };
  });
}

/** The part items a lifecycle change writes, and what they record. */
export interface PartEffects {
  /** Parts to (re)write: new, closed, or active ones carrying the case's fresh summary. */
  puts: CasePart[];
  assigned: CasePart[];
  closed: CasePart[];
}

/**
 * What a lifecycle change does to the parts: accept/transfer with `assisting` assigns them (a
 * transfer's list replaces the active ones not in it); once the lead answers, or the case leaves
 * handling in any other way, the parts still expected are closed as not needed. Active parts are
 * rewritten with every change, so the 协办 queue's summary never drifts from the case.
 */
export function partEffects(
  existing: readonly CasePart[],
  next: CaseRecord,
  assisting: readonly AssistingInput[] | undefined,
  actorId: string,
  now: Date,
  caseDueAt: Date,
): PartEffects {
  const at = now.toISOString();
  const byDept = new Map(existing.map((p) => [p.departmentId, p]));
  const assigned: CasePart[] = [];
  const closed: CasePart[] = [];
  const puts: CasePart[] = [];
  const open = OPEN_CASE.includes(next.status) && next.departmentId !== undefined;
  const close = (p: CasePart) => {
    const c: CasePart = { ...p, status: 'closed', closedAt: at };
    closed.push(c);
    puts.push(c);
  };
  if (open && assisting) {
    const planned = planAssisting(assisting, next.departmentId!, caseDueAt, now);
    const wanted = new Set(planned.map((p) => p.departmentId));
    for (const p of existing) if (isActivePart(p) && !wanted.has(p.departmentId)) close(p);
    for (const plan of planned) {
      const had = byDept.get(plan.departmentId);
      if (had && had.status !== 'closed') {
        // Already assisting: its due date may move, its work stays.
        puts.push({ ...had, dueAt: plan.dueAt });
        continue;
      }
      const part: CasePart = { caseNo: next.caseNo, departmentId: plan.departmentId, status: 'pending', dueAt: plan.dueAt, assignedAt: at, assignedBy: actorId, returnedOnce: false };
      assigned.push(part);
      puts.push(part);
    }
    return { puts, assigned, closed };
  }
  for (const p of existing) {
    if (!isActivePart(p)) continue;
    // The lead itself (a transfer to an assisting department) no longer assists.
    if (!open || next.status === 'replied' || p.departmentId === next.departmentId) close(p);
    else puts.push(p);
  }
  return { puts, assigned, closed };
}

/** An assisting department's handler submits (or, once returned, resubmits) their part. */
export function submitPart(c: CaseRecord, part: CasePart | undefined, text: string, by: string, now: Date, attachments: AttachmentRecord[] = []): CasePart {
  if (!part) throw new DomainError('NOT_YOUR_DEPARTMENT');
  if (!OPEN_CASE.includes(c.status)) throw new DomainError('INVALID_TRANSITION', { message: '案件已不在办理中，不能再提交协办意见' });
  if (!isActivePart(part)) throw new DomainError('INVALID_TRANSITION', { message: part.status === 'submitted' ? '协办意见已提交' : '本部门的协办已结束' });
  const at = now.toISOString();
  return {
    ...part,
    status: 'submitted',
    text,
    ...(attachments.length ? { attachments: [...(part.attachments ?? []), ...attachments] } : {}),
    submittedAt: at,
    submittedBy: by,
    onTime: now.getTime() <= Date.parse(part.dueAt),
  };
}

/** The lead's handler returns a submitted part for more work, once per part. */
export function returnPart(c: CaseRecord, part: CasePart | undefined, reason: string, now: Date): CasePart {
  if (!part) invalid('departmentId', '该部门不是本案的协办部门');
  if (!OPEN_CASE.includes(c.status)) throw new DomainError('INVALID_TRANSITION', { message: '案件已不在办理中' });
  if (part.status !== 'submitted') throw new DomainError('INVALID_TRANSITION', { message: '只能退回已提交的协办意见' });
  if (part.returnedOnce) throw new DomainError('INVALID_TRANSITION', { message: '每个协办部门的意见只能退回一次' });
  void now;
  return { ...part, status: 'returned', returnedOnce: true, returnReason: reason };
}

/** The per-assistant timeliness counters: on the `DEPT#<id>` dimension of the assisting department. */
export function partDeltas(kind: 'assigned' | 'submitted', part: CasePart, firstSubmission: boolean): CounterDelta[] {
  const dims = [`${STAT_DIMENSION_PREFIX.department}${part.departmentId}`];
  if (kind === 'assigned') return [{ metric: 'partsAssigned', by: 1, dims }];
  // A resubmission after a return is not a second part: the first submission is what is counted.
  if (!firstSubmission) return [];
  return [{ metric: 'partsSubmitted', by: 1, dims }, ...(part.onTime ? [{ metric: 'partsOnTime' as const, by: 1, dims }] : [])];
}
