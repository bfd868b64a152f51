import { monotonicFactory } from 'ulid';
import { OUTBOX_SHARDS, citizenSees, notificationsFor, shardOf, type Actor, type CaseRecord, type CaseStatus, type Decision, type EventData, type EventKind, type NotificationDraft } from '@minsheng/shared';
import type { CaseEvent } from '../../ports/cases';
import type { OutboxItem } from '../../ports/notifications';
import type { ClientInfo } from '../deps';

const nextUlid = monotonicFactory();

/** A time-ordered event id: the timeline sorts by it. */
export function newEventId(at: Date): string {
  return nextUlid(at.getTime());
}

/** The citizen of a case, as an actor (their token opens that case only). */
export const citizenOf = (caseNo: string): Actor => ({ role: 'citizen', id: `case:${caseNo}` });

/** The SLA timers, as an actor. */
export const SLA_TIMER: Actor = { role: 'system', id: 'sla-timer' };

export interface CaseEventInput {
  caseNo: string;
  kind: EventKind;
  actor: Actor;
  at: Date;
  /** Absent for the first event (the filing). */
  fromStatus?: CaseStatus;
  toStatus: CaseStatus;
  data?: EventData;
  client?: ClientInfo;
}

/**
 * The one way an event is made: who (role and id), what (a kind of the shared vocabulary, which
 * also says whether the citizen sees it), when, the status before and after, and from where.
 */
export function caseEvent(input: CaseEventInput): CaseEvent {
  const client = input.client ?? {};
  return {
    eventId: newEventId(input.at),
    caseNo: input.caseNo,
    at: input.at.toISOString(),
    kind: input.kind,
    actorRole: input.actor.role,
    actorId: input.actor.id,
    ...(input.fromStatus ? { fromStatus: input.fromStatus } : {}),
    toStatus: input.toStatus,
    public: citizenSees(input.kind),
    data: input.data ?? {},
    ...(client.ip || client.userAgent ? { client } : {}),
  };
}

/** An event that records no change of status (an audit-only record, a setting the citizen changed). */
export function auditEvent(c: Pick<CaseRecord, 'caseNo' | 'status'>, kind: EventKind, actor: Actor, at: Date, data: EventData, client?: ClientInfo): CaseEvent {
  return caseEvent({ caseNo: c.caseNo, kind, actor, at, fromStatus: c.status, toStatus: c.status, data, ...(client ? { client } : {}) });
}

/** The event of a state-machine decision. */
export function eventFromDecision(caseNo: string, decision: Decision, actor: Actor, at: Date, client: ClientInfo): CaseEvent {
  return caseEvent({ caseNo, kind: decision.event.kind, actor, at, fromStatus: decision.fromStatus, toStatus: decision.toStatus, data: decision.event.data, client });
}

/**
 * The case as written with `event`: an event the citizen sees moves the case's progressAt (what
 * "my cases" and the saved list compare with when the citizen last looked), in the same write —
 * unless the citizen did it themself (a supplement, a rating, a consent, a new password): their own
 * step is not news to them.
 */
export function isProgress(event: Pick<CaseEvent, 'public' | 'actorRole'>): boolean {
  return event.public && event.actorRole !== 'citizen';
}

export function withProgress(next: CaseRecord, event: Pick<CaseEvent, 'public' | 'at' | 'actorRole'>): CaseRecord {
  return isProgress(event) ? { ...next, progressAt: event.at } : next;
}

/** The notifications a change sends, as outbox items written in its transaction (ids derive from the event: retries can't duplicate). */
export function outboxFor(event: CaseEvent, after: CaseRecord): OutboxItem[] {
  return notificationItems(event, notificationsFor(event.kind, after));
}

/** Outbox items for drafts caused by `event`; ids derive from the event (and `prefix`, to keep groups apart). */
export function notificationItems(event: CaseEvent, drafts: NotificationDraft[], prefix = ''): OutboxItem[] {
  return drafts.map((n, i) => {
    const id = `${event.eventId}-${prefix}${i}`;
    return { id, shard: shardOf(id, OUTBOX_SHARDS), createdAt: event.at, audience: n.audience, kind: n.kind, caseNo: n.caseNo, title: n.title, body: n.body };
  });
}
