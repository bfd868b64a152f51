import { monotonicFactory } from 'ulid';
import { DomainError, OUTBOX_SHARDS, decide, notificationsFor, shardOf, statsDeltas, withSlaSchedule, type Actor, type CaseRecord, type Decision } from '@minsheng/shared';
import type { CaseCommand } from '@minsheng/shared';
import type { CaseEvent, OutboxItem } from '../ports/case-store';
import { workingCalendar } from './sla-settings';
import type { ClientInfo, Deps } from './deps';

const nextUlid = monotonicFactory();

/** A time-ordered event id: the timeline sorts by it. */
export function newEventId(at: Date): string {
  return nextUlid(at.getTime());
}

export function eventFromDecision(caseNo: string, decision: Decision, actor: Actor, at: Date, client: ClientInfo): CaseEvent {
  return {
    eventId: newEventId(at),
    caseNo,
    at: at.toISOString(),
    kind: decision.event.kind,
    actorRole: actor.role,
    actorId: actor.id,
    fromStatus: decision.fromStatus,
    toStatus: decision.toStatus,
    public: decision.event.public,
    data: decision.event.data,
    ...(client.ip || client.userAgent ? { client } : {}),
  };
}

/**
 * Read the case, let the state machine decide, write case and event in one transaction
 * conditioned on the version read. When `expectedVersion` is given (officials act on what they
 * saw) a stale version is a conflict; otherwise (citizen, timers) a lost race is retried on fresh
 * state, so a double-submitted rating meets ALREADY_RATED rather than a conflict.
 */
export async function changeCase(
  deps: Deps,
  caseNo: string,
  command: CaseCommand,
  actor: Actor,
  client: ClientInfo,
  expectedVersion?: number,
): Promise<CaseRecord> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.store.getCase(caseNo);
    if (!current) throw new DomainError('CASE_NOT_FOUND');
    if (expectedVersion !== undefined && current.version !== expectedVersion) throw new DomainError('VERSION_CONFLICT');
    const now = deps.now();
    const calendar = await workingCalendar(deps);
    const decision = decide(current, command, actor, now, calendar);
    const next = withSlaSchedule(decision.next, now, calendar);
    const event = eventFromDecision(caseNo, decision, actor, now, client);
    const counters = statsDeltas(current, next, decision.event.kind);
    const result = await deps.store.applyChange(next, current.version, event, counters, outboxFor(event, next));
    if (result.ok) return next;
    if (expectedVersion !== undefined) throw new DomainError('VERSION_CONFLICT');
  }
  throw new DomainError('VERSION_CONFLICT');
}

/** The notifications a change sends, as outbox items written in its transaction (ids derive from the event: retries can't duplicate). */
export function outboxFor(event: CaseEvent, after: CaseRecord): OutboxItem[] {
  return notificationsFor(event.kind, after).map((n, i) => {
    const id = `${event.eventId}-${i}`;
    return { id, shard: shardOf(id, OUTBOX_SHARDS), createdAt: event.at, audience: n.audience, kind: n.kind, caseNo: n.caseNo, title: n.title, body: n.body };
  });
}

/**
 * A change to a case that is not a step of its lifecycle (a WeChat subscription, the citizen's
 * consent to publication): `change` returns the fields to set, or undefined when there is nothing
 * to do. Written with its event in one transaction at the version read; a lost race is retried on
 * fresh state. Returns the stored case, changed or not.
 */
export async function updateCaseOutsideLifecycle(
  deps: Deps,
  caseNo: string,
  actor: Actor,
  client: ClientInfo,
  change: (current: CaseRecord, now: Date) => { fields: Partial<CaseRecord>; event: Pick<CaseEvent, 'kind' | 'public' | 'data'> } | undefined,
): Promise<CaseRecord> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.store.getCase(caseNo);
    if (!current) throw new DomainError('CASE_NOT_FOUND');
    const now = deps.now();
    const wanted = change(current, now);
    if (!wanted) return current;
    const next: CaseRecord = { ...current, ...wanted.fields, version: current.version + 1, updatedAt: now.toISOString() };
    const event: CaseEvent = {
      eventId: newEventId(now),
      caseNo,
      at: now.toISOString(),
      ...wanted.event,
      actorRole: actor.role,
      actorId: actor.id,
      fromStatus: current.status,
      toStatus: current.status,
      ...(client.ip || client.userAgent ? { client } : {}),
    };
    if ((await deps.store.applyChange(next, current.version, event, [])).ok) return next;
  }
  throw new DomainError('VERSION_CONFLICT');
}
