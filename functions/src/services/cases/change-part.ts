import { DomainError, partDeltas, partNotifications, returnPart, submitPart, type Actor, type CasePart, type CaseRecord, type CounterDelta } from '@minsheng/shared';
import type { CaseEvent } from '../../ports/cases';
import type { ClientInfo, Deps } from '../deps';
import { auditEvent, notificationItems } from './case-event';

/**
 * The 协办 actions (joint.ts): an assisting department submits its part, the lead returns one. Each
 * writes the part with its audit event (not public: the citizen sees only the lead's answer) and a
 * version bump of the case, in one transaction at the version the official saw; the part's
 * timeliness counters ride on the event to the stream consumer.
 */
export async function changePart(
  deps: Pick<Deps, 'cases' | 'reference' | 'now'>,
  caseNo: string,
  command: { action: 'submit_part'; text: string } | { action: 'return_part'; departmentId: string; reason: string },
  actor: Actor,
  client: ClientInfo,
  expectedVersion: number,
): Promise<{ record: CaseRecord; parts: CasePart[] }> {
  const current = await deps.cases.getCase(caseNo);
  if (!current) throw new DomainError('CASE_NOT_FOUND');
  if (current.version !== expectedVersion) throw new DomainError('VERSION_CONFLICT');
  const parts = await deps.cases.listParts(caseNo);
  const now = deps.now();
  let part: CasePart;
  let event: CaseEvent;
  let counters: CounterDelta[];
  if (command.action === 'submit_part') {
    if (actor.role !== 'handler') throw new DomainError('FORBIDDEN');
    if (current.departmentId === actor.departmentId) throw new DomainError('FORBIDDEN', { message: '主办部门不提交协办意见，请直接答复' });
    const mine = parts.find((p) => p.departmentId === actor.departmentId);
    part = submitPart(current, mine, command.text, actor.id, now);
    event = auditEvent(current, 'part_submitted', actor, now, { departmentId: part.departmentId, onTime: Boolean(part.onTime) }, client);
    counters = partDeltas('submitted', part, !mine!.submittedAt);
  } else {
    if (actor.role !== 'handler') throw new DomainError('FORBIDDEN');
    if (current.departmentId !== actor.departmentId) throw new DomainError('FORBIDDEN', { message: '只有主办部门可以退回协办意见' });
    part = returnPart(current, parts.find((p) => p.departmentId === command.departmentId), command.reason, now);
    event = auditEvent(current, 'part_returned', actor, now, { departmentId: part.departmentId, reason: command.reason }, client);
    counters = [];
  }
  const next: CaseRecord = { ...current, version: current.version + 1, updatedAt: now.toISOString() };
  // The lead is told a part came in; a returned part's department, that it is back (inboxes; ids derive from the event).
  const told =
    command.action === 'submit_part'
      ? partNotifications('submitted', current, part, (await deps.reference.listDepartments()).find((d) => d.id === part.departmentId)?.name)
      : partNotifications('returned', current, part);
  const result = await deps.cases.applyChange(next, current.version, event, counters, notificationItems(event, told), [], [part]);
  if (!result.ok) throw new DomainError('VERSION_CONFLICT');
  return { record: next, parts: parts.map((p) => (p.departmentId === part.departmentId ? part : p)) };
}
