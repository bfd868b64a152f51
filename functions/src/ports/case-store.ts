import type { ActorRole, AdminCategoryDto, AdminDepartmentDto, Audience, CaseRecord, CaseStatus, CaseType, CounterDelta, EventData, OfficialRole, SlaPolicy, StatCounters } from '@minsheng/shared';

/** A category as stored — the same shape the admin routes answer (with the department intake usually dispatches it to). */
export type Category = AdminCategoryDto;

/** A department as stored — the same shape the admin routes answer. */
export type Department = AdminDepartmentDto;

/** One timeline/audit event: who did what, when, from where, and the status before and after. */
export interface CaseEvent {
  eventId: string;
  caseNo: string;
  at: string;
  /** A lifecycle event kind (CaseEventKind), or an audit-only one such as `contact_revealed`. */
  kind: string;
  actorRole: ActorRole;
  actorId: string;
  fromStatus?: CaseStatus;
  toStatus: CaseStatus;
  public: boolean;
  data: EventData;
  client?: { ip?: string; userAgent?: string };
}

export interface IdempotencyRecord {
  keyHash: string;
  bodyHash: string;
  caseNo: string;
  createdAt: string;
}

/** A new case with everything written with it, in one transaction. */
export interface NewCase {
  record: CaseRecord;
  passwordHash: string;
  event: CaseEvent;
  idempotency?: IdempotencyRecord;
  counters: CounterDelta[];
}

export interface Official {
  username: string;
  displayName: string;
  role: OfficialRole;
  departmentId?: string;
  passwordHash: string;
  disabled: boolean;
  tokenVersion: number;
  createdAt: string;
  updatedAt: string;
}

/** A notification waiting to be delivered (outbox), written in the same transaction as its change. */
export interface OutboxItem {
  id: string;
  shard: number;
  createdAt: string;
  audience: Audience;
  kind: string;
  caseNo: string;
  title: string;
  body: string;
}

/** A message in an officials' inbox (a department's handlers, or a role). */
export interface InboxItem {
  id: string;
  inboxKey: string;
  at: string;
  kind: string;
  caseNo: string;
  title: string;
  body: string;
}

/** An admin's correction to the official holiday calendar (a local holiday, a year not yet published). */
export interface CalendarOverride {
  date: string;
  work: boolean;
  note?: string;
}

/** The lists officials work from; each is one Query on an index. */
export type CaseQuery =
  | { kind: 'intake' }
  | { kind: 'department'; departmentId: string; dueBefore?: string; dueFrom?: string }
  | { kind: 'closed'; departmentId?: string }
  | { kind: 'owner'; officialId: string }
  | { kind: 'escalated' }
  | { kind: 'open_by_due'; dueBefore?: string; dueFrom?: string };

export interface Page<T> {
  items: T[];
  /** Opaque continuation; absent on the last page. */
  cursor?: string;
}

/**
 * Storage the services need, as use-case verbs. The DynamoDB adapter implements it; every
 * method is a GetItem, a Query or a conditional write — never a Scan.
 */
export interface CaseStore {
  getCase(caseNo: string): Promise<CaseRecord | undefined>;
  getPasswordHash(caseNo: string): Promise<string | undefined>;
  listEvents(caseNo: string): Promise<CaseEvent[]>;
  /** Create the case, its credential, its first event and (if given) its idempotency record atomically. */
  createCase(input: NewCase): Promise<{ ok: true } | { ok: false; reason: 'case_no_taken' | 'idempotency_key_taken' }>;
  /** Replace the case if it is still at `expectedVersion`, and append its event, atomically. */
  applyChange(
    next: CaseRecord,
    expectedVersion: number,
    event: CaseEvent,
    counters: CounterDelta[],
    outbox?: OutboxItem[],
  ): Promise<{ ok: true } | { ok: false; reason: 'version_conflict' }>;
  /** Running cases whose next SLA step is due at or before `now`, from one shard of the timers' index. */
  listSlaDue(shard: number, now: string, page: { limit: number; cursor?: string }): Promise<Page<CaseRecord>>;
  listOutbox(shard: number, limit: number): Promise<OutboxItem[]>;
  deleteOutbox(item: OutboxItem): Promise<void>;
  /** Put an inbox message unless it is already there (deliveries repeat); true when written now. */
  putInboxItem(item: InboxItem): Promise<boolean>;
  listInbox(inboxKeys: string[], limit: number): Promise<InboxItem[]>;
  /**
   * Claim the sending of WeChat message `id` (an outbox id) for `leaseMs`: 'sent' if it already
   * went out, 'busy' if another run holds an unexpired claim. A crashed sender's claim expires.
   */
  claimWeChatSend(id: string, now: Date, leaseMs: number): Promise<'claimed' | 'sent' | 'busy'>;
  markWeChatSent(id: string, now: Date): Promise<void>;
  releaseWeChatSend(id: string): Promise<void>;
  listCalendarOverrides(): Promise<CalendarOverride[]>;
  putCalendarOverride(override: CalendarOverride): Promise<void>;
  deleteCalendarOverride(date: string): Promise<void>;
  listSlaPolicies(): Promise<Partial<Record<CaseType, SlaPolicy>>>;
  putSlaPolicy(type: CaseType, policy: SlaPolicy): Promise<void>;
  /** Append an audit-only event (no state change), e.g. an unmasked view of contact details. */
  appendEvent(event: CaseEvent): Promise<void>;
  listCases(query: CaseQuery, page: { limit: number; cursor?: string }): Promise<Page<CaseRecord>>;
  getOfficial(username: string): Promise<Official | undefined>;
  /** Create an official; false when the username is taken. */
  createOfficial(official: Official): Promise<boolean>;
  /** Replace an official's record (disable, reset password). */
  putOfficial(official: Official): Promise<void>;
  listOfficials(): Promise<Official[]>;
  /** Counters of one period (`ALL` or `YYYY-MM`), by dimension (`ALL`, `DEPT#…`, `CAT#…`, `TYPE#…`). */
  getStats(period: string): Promise<Record<string, StatCounters>>;
  getStatsTotals(period: string): Promise<StatCounters>;
  getIdempotency(keyHash: string): Promise<IdempotencyRecord | undefined>;
  getCategory(id: string): Promise<Category | undefined>;
  listCategories(): Promise<Category[]>;
  listDepartments(): Promise<Department[]>;
  putCategory(category: Category): Promise<void>;
  putDepartment(department: Department): Promise<void>;
  /** Atomically add `delta` to the login-attempt count of `key` in one fixed window; returns the new count. */
  countAttempt(key: string, windowStart: number, windowEndsAt: number, delta: number): Promise<number>;
  clearAttempts(key: string, windowStart: number): Promise<void>;
}
