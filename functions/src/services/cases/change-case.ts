import { DomainError, answerableDepartment, deadlines, decide, exemptionDeltas, toShanghaiDate, withDispatchResponse, mergedCaseNotifications, partDeltas, partEffects, partNotifications, statsDeltas, withSlaSchedule, type CasePart, type Actor, type CaseCommand, type CaseRecord, type EventData, type EventKind, type AttachmentRecord, type CounterDelta } from '@minsheng/shared';
import { workingCalendar, type SlaSettingsDeps } from '../sla/settings';
import type { CaseEvent } from '../../ports/cases';
import type { ClientInfo, Deps } from '../deps';
import { auditEvent, eventFromDecision, notificationItems, outboxFor, withProgress } from './case-event';
import type { OutboxItem } from '../../ports/notifications';
import { placeCase } from './placement';

export type ChangeCaseDeps = Pick<Deps, 'cases' | 'reference' | 'now'> & SlaSettingsDeps;

/**
 * Read the case, let the state machine decide, write case and event in one transaction
 * conditioned on the version read. When `expectedVersion` is given (officials act on what they
 * saw) a stale version is a conflict; otherwise (citizen, timers) a lost race is retried on fresh
 * state, so a double-submitted rating meets ALREADY_RATED rather than a conflict.
 */
export async function changeCase(
  deps: ChangeCaseDeps,
  caseNo: string,
  command: CaseCommand,
  actor: Actor,
  client: ClientInfo,
  expectedVersion?: number,
  /** Files stored with this change (claimed uploads: see services/evidence), in the same write. */
  attachments: AttachmentRecord[] = [],
): Promise<CaseRecord> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.cases.getCase(caseNo);
    if (!current) throw new DomainError('CASE_NOT_FOUND');
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw new DomainError('VERSION_CONFLICT');
    const now = deps.now();
    const [calendar, units, departments] = await Promise.all([workingCalendar(deps), deps.reference.listUnits(), deps.reference.listDepartments()]);
    const decision = decide(current, command, actor, now, calendar);
    const event = eventFromDecision(caseNo, decision, actor, now, client);
    const decidedNext = withDispatchResponse(current, decision.next, decision.event.kind, now.toISOString());
    const decided = attachments.length ? { ...decidedNext, attachments: [...(decidedNext.attachments ?? []), ...attachments] } : decidedNext;
    // Where the case sits after the change (the department's unit once dispatched): keys, stats and inboxes follow it.
    const next = placeCase(withProgress(withSlaSchedule(decided, now, calendar), event), units, departments);
    const parts = await partsChanged(deps, current, next, command, actor, now, client);
    // 免于考核: the assessment counters of the case's earlier events are taken back, each in its month.
    const exempted = decision.event.kind === 'exempted' ? exemptionDeltas(await deps.cases.listEventCounters(caseNo), next) : [];
    const counters = [...statsDeltas(current, next, decision.event.kind), ...exempted, ...parts.counters];
    const told = await mergedCitizensTold(deps, current, next, event, actor, client);
    const outbox = [...outboxFor(event, next), ...told.outbox, ...parts.outbox];
    const result = await deps.cases.applyChange(
      next,
      current.version,
      event,
      counters,
      outbox,
      [...(await eventsOnOtherCases(deps, next, event, actor, client)), ...told.events, ...parts.events],
      parts.puts,
      decision.event.kind === 'exempted' && next.exemption
        ? {
            month: toShanghaiDate(now).slice(0, 7),
            at: next.exemption.at,
            caseNo,
            reason: next.exemption.reason,
            by: next.exemption.by,
            ...(next.unitPath ? { unitPath: next.unitPath } : {}),
            ...(next.unitId ? { unitId: next.unitId } : {}),
            ...(answerableDepartment(next) ? { departmentId: answerableDepartment(next) } : {}),
          }
        : undefined,
    );
    if (result.ok) return next;
    if (expectedVersion !== undefined) throw new DomainError('VERSION_CONFLICT');
  }
  throw new DomainError('VERSION_CONFLICT');
}

/**
 * What a change does to the case's 协办 parts (shared/src/domain/joint.ts), written in its
 * transaction: parts assigned (their counters ride on the change's event), parts closed as not
 * needed, and the active ones rewritten with the case's fresh queue summary.
 */
async function partsChanged(
  deps: Pick<Deps, 'cases'>,
  current: CaseRecord,
  next: CaseRecord,
  command: CaseCommand,
  actor: Actor,
  now: Date,
  client: ClientInfo,
): Promise<{ puts: CasePart[]; counters: CounterDelta[]; events: CaseEvent[]; outbox: OutboxItem[] }> {
  const assisting = command.action === 'accept' || command.action === 'transfer' ? command.assisting : undefined;
  const existing = await deps.cases.listParts(current.caseNo);
  if (!existing.length && !assisting?.length) return { puts: [], counters: [], events: [], outbox: [] };
  const dueAt = new Date(next.schedule?.dueAt ?? deadlines(next.clock, now).dueAt.toISOString());
  const effects = partEffects(existing, next, assisting, actor.id, now, dueAt);
  const events: CaseEvent[] = [];
  const ids = (ps: CasePart[]) => ps.map((p) => p.departmentId).join(',');
  const outbox: OutboxItem[] = [];
  if (effects.assigned.length) {
    const assignedEvent = auditEvent(next, 'parts_assigned', actor, now, { departmentIds: ids(effects.assigned), count: effects.assigned.length }, client);
    events.push(assignedEvent);
    // Each assisting department is told in its inbox (新协办任务, with its due date); ids derive from the event.
    outbox.push(...notificationItems(assignedEvent, effects.assigned.flatMap((p) => partNotifications('assigned', next, p)), 'p'));
  }
  if (effects.closed.length) events.push(auditEvent(next, 'parts_closed', actor, now, { departmentIds: ids(effects.closed), count: effects.closed.length }, client));
  return { puts: effects.puts, counters: effects.assigned.flatMap((p) => partDeltas('assigned', p, false)), events, outbox };
}

/**
 * What a change tells other cases, in its own transaction: a merge is told to the kept case too, so
 * its citizen sees on their timeline that a duplicate joined it.
 */
async function eventsOnOtherCases(deps: Pick<Deps, 'cases'>, next: CaseRecord, event: CaseEvent, actor: Actor, client: ClientInfo): Promise<CaseEvent[]> {
  if (event.kind !== 'merged' || !next.mergedInto) return [];
  const kept = await deps.cases.getCase(next.mergedInto);
  if (!kept) return [];
  return [auditEvent(kept, 'merged_in', actor, new Date(event.at), { fromCaseNo: next.caseNo }, client)];
}

/**
 * When a kept case is answered or closed, the citizen of every case merged into it is told under
 * their own case number, through their own channels, and on their own timeline (which moves that
 * case's progress, so "my cases" and the saved list mark it 有新进展). The kept case's timeline
 * lists them: a `merged_in` event per merged case, written with the merge.
 */
async function mergedCitizensTold(
  deps: Pick<Deps, 'cases'>,
  before: CaseRecord,
  next: CaseRecord,
  event: CaseEvent,
  actor: Actor,
  client: ClientInfo,
): Promise<{ outbox: OutboxItem[]; events: CaseEvent[] }> {
  const kind = event.kind === 'replied' ? 'replied' : next.status === 'closed' && before.status !== 'closed' ? 'closed' : undefined;
  if (!kind) return { outbox: [], events: [] };
  const merged = [...new Set((await deps.cases.listEvents(next.caseNo)).filter((e) => e.kind === 'merged_in').map((e) => String(e.data.fromCaseNo ?? '')).filter(Boolean))];
  const at = new Date(event.at);
  return {
    outbox: notificationItems(event, mergedCaseNotifications(kind, next, merged), 'm'),
    events: merged.map((caseNo) => auditEvent({ caseNo, status: 'merged' }, kind === 'replied' ? 'kept_case_replied' : 'kept_case_closed', actor, at, { keptCaseNo: next.caseNo }, client)),
  };
}

/**
 * A change to a case that is not a step of its lifecycle (a WeChat subscription, the citizen's
 * consent to publication): `change` returns the fields to set and the event that records it, or
 * undefined when there is nothing to do. Written with its event in one transaction at the version
 * read; a lost race is retried on fresh state. Returns the stored case, changed or not.
 */
export async function updateCaseOutsideLifecycle(
  deps: Pick<Deps, 'cases' | 'now'>,
  caseNo: string,
  actor: Actor,
  client: ClientInfo,
  change: (current: CaseRecord, now: Date) => { fields: Partial<CaseRecord>; event: { kind: EventKind; data: EventData } } | undefined,
): Promise<CaseRecord> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.cases.getCase(caseNo);
    if (!current) throw new DomainError('CASE_NOT_FOUND');
    const now = deps.now();
    const wanted = change(current, now);
    if (!wanted) return current;
    const event = auditEvent(current, wanted.event.kind, actor, now, wanted.event.data, client);
    const next = withProgress({ ...current, ...wanted.fields, version: current.version + 1, updatedAt: now.toISOString() }, event);
    if ((await deps.cases.applyChange(next, current.version, event, [])).ok) return next;
  }
  throw new DomainError('VERSION_CONFLICT');
}
