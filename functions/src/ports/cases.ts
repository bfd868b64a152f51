import type { ActorRole, CasePart, CaseRecord, CaseStatus, CounterDelta, EventData, EventKind, OpenDataFacts, SlaClock } from '@minsheng/shared';
import type { CaseLink } from './citizen-links';
import type { OutboxItem } from './notifications';
import type { ExemptionListing } from './assessment';

/** One timeline/audit event: who did what, when, from where, and the status before and after. */
export interface CaseEvent {
  eventId: string;
  caseNo: string;
  at: string;
  kind: EventKind;
  actorRole: ActorRole;
  actorId: string;
  fromStatus?: CaseStatus;
  toStatus: CaseStatus;
  /** Whether the citizen sees it on their timeline (from the event vocabulary). */
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
  /** Notifications the filing sends (the filed SMS), written in its transaction. */
  outbox?: OutboxItem[];
  /** Identities the case is linked to from the start (the phone given at filing). */
  links?: Omit<CaseLink, 'seenProgressAt'>[];
}

/** A case with its password hash, as the status batch reads them. */
export interface CaseWithCredential {
  record: CaseRecord;
  passwordHash: string;
}

/** Cases and their events: every change is one version-guarded transaction with its event. */
export interface CaseStore {
  getCase(caseNo: string): Promise<CaseRecord | undefined>;
  listEvents(caseNo: string): Promise<CaseEvent[]>;
  /** The statistics counters each of the case's events carried, with when it happened (an exemption takes back the assessment's). */
  listEventCounters(caseNo: string): Promise<{ at: string; counters: CounterDelta[] }[]>;
  /** Create the case, its credential, its first event and (if given) its idempotency record atomically. */
  createCase(input: NewCase): Promise<{ ok: true } | { ok: false; reason: 'case_no_taken' | 'idempotency_key_taken' }>;
  /**
   * Replace the case if it is still at `expectedVersion`, and append its event (+ counters, outbox,
   * and events it causes on other cases, e.g. the kept case of a merge), atomically.
   */
  applyChange(
    next: CaseRecord,
    expectedVersion: number,
    event: CaseEvent,
    counters: CounterDelta[],
    outbox?: OutboxItem[],
    otherEvents?: CaseEvent[],
    /** 协办 parts to (re)write with the change (each carries the case's fresh queue summary). */
    parts?: CasePart[],
    /** 免于考核: the case's line in its month's list of exemptions, written with the exemption. */
    exemption?: ExemptionListing,
  ): Promise<{ ok: true } | { ok: false; reason: 'version_conflict' }>;
  /** The 协办 parts of a case (one strongly consistent Query beside the case). */
  listParts(caseNo: string): Promise<CasePart[]>;
  /** Append an audit-only event (no state change), e.g. an unmasked view of contact details. */
  appendEvent(event: CaseEvent): Promise<void>;
  /**
   * Replace the case (at `expectedVersion`) and its password hash, and append the event that
   * records the reset, atomically.
   */
  replacePassword(next: CaseRecord, expectedVersion: number, event: CaseEvent, passwordHash: string): Promise<{ ok: true } | { ok: false; reason: 'version_conflict' }>;
  /** Cases by number, in one batch read (at most 100); missing ones are left out. */
  getCases(caseNos: string[]): Promise<CaseRecord[]>;
  /** Cases and their password hashes, in one batch read (at most 50 case numbers); missing ones are absent. */
  getCasesWithCredentials(caseNos: string[]): Promise<Map<string, CaseWithCredential>>;
}

/** A case's secrets: the password hash and the idempotency records of filings. */
export interface CredentialStore {
  getPasswordHash(caseNo: string): Promise<string | undefined>;
  getIdempotency(keyHash: string): Promise<IdempotencyRecord | undefined>;
}

/** The lists officials work from; each is one Query on an index. */
export type CaseQuery =
  /** `unitId`: that unit's intake queue (absent: the root's). */
  | { kind: 'intake'; unitId?: string }
  | { kind: 'department'; departmentId: string; dueBefore?: string; dueFrom?: string }
  /**
   * `county`: the county-wide partitions (gsi6/gsi7) instead of the city-wide ones; `withinPath`: only
   * the cases of that subtree (a township's view: its county's partition, filtered in the Query).
   */
  | { kind: 'closed'; departmentId?: string; county?: string; withinPath?: string }
  /** An assisting department's parts still expected (协办): the part items' own index keys. */
  | { kind: 'assisting'; departmentId: string }
  /** 已答复: the department's answered cases awaiting the citizen's rating, most recently answered first. */
  | { kind: 'answered'; departmentId: string }
  | { kind: 'owner'; officialId: string }
  | { kind: 'escalated'; county?: string; withinPath?: string }
  | { kind: 'open_by_due'; dueBefore?: string; dueFrom?: string; county?: string; withinPath?: string }
  /** 回访: replied cases not given up on, answered before `answeredBefore` (oldest first); below the root, the county's partition. */
  | { kind: 'revisit'; answeredBefore: string; county?: string; withinPath?: string };

export interface Page<T> {
  items: T[];
  /** Opaque continuation; absent on the last page. */
  cursor?: string;
}

/**
 * What a queue row needs of a case, and no more: stored on the case item (`qs`) with its index
 * keys, the only attribute the queues' indexes carry besides the keys. The full case is read only
 * when it is opened.
 */
export interface CaseSummary {
  caseNo: string;
  type: CaseRecord['type'];
  categoryId: string;
  /** As the citizen wrote it; masked when presented. */
  title: string;
  status: CaseStatus;
  departmentId?: string;
  /** The department that answered (a replied or finished case), when not the one it is with. */
  answerDepartmentId?: string;
  ownerId?: string;
  /** Where the case sits (absent: the root), for the township views' filter on their county's partition. */
  unitPath?: string;
  createdAt: string;
  clock: SlaClock;
  version: number;
  /** A replied case: when it was answered (the 回访 queue's order and due test) and its unreachable 回访 attempts this round. */
  answeredAt?: string;
  revisitAttempts?: number;
  /** On a 协办 queue row: the part's department, due date and status (the case's fields are the lead's). */
  part?: { departmentId: string; dueAt: string; status: CasePart['status'] };
}

/** Lists of cases: the officials' queues and the SLA timers' due steps. */
export interface CaseQueues {
  /** A queue page as its rows show it: read from the index alone (no read of the cases). */
  listCaseSummaries(query: CaseQuery, page: { limit: number; cursor?: string }): Promise<Page<CaseSummary>>;
  /** Full cases of a list (the timers' re-timing): the index's keys, then one consistent BatchGet per page. */
  listCases(query: CaseQuery, page: { limit: number; cursor?: string }): Promise<Page<CaseRecord>>;
  /**
   * Open data: the facts of the cases filed in a Shanghai month (`YYYY-MM`) that sit in one 区/县 (`area`, or
   * `root` for the cases held at the city), by filing time — one Query page of gsi10, which carries nothing else.
   */
  listFiledInMonth(month: string, area: string, page: { limit: number; cursor?: string }): Promise<Page<OpenDataFacts>>;
  /** How many cases a list holds (a COUNT Query on its index, paged through; reads no case items). */
  countCases(query: CaseQuery): Promise<number>;
  /** Running cases whose next SLA step is due at or before `now`, from one shard of the timers' index. */
  listSlaDue(shard: number, now: string, page: { limit: number; cursor?: string }): Promise<Page<CaseRecord>>;
}
