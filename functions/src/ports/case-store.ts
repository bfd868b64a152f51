import type { ActorRole, CaseEventKind, CaseRecord, CaseStatus, CaseType, EventData } from '@minsheng/shared';

export interface Category {
  id: string;
  name: string;
  types: CaseType[];
  description?: string;
  /** Department intake usually dispatches this category to. */
  defaultDepartmentId?: string;
  sortOrder: number;
  active: boolean;
}

export interface Department {
  id: string;
  name: string;
  sortOrder: number;
  active: boolean;
}

/** One timeline/audit event: who did what, when, from where, and the status before and after. */
export interface CaseEvent {
  eventId: string;
  caseNo: string;
  at: string;
  kind: CaseEventKind;
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
  applyChange(next: CaseRecord, expectedVersion: number, event: CaseEvent): Promise<{ ok: true } | { ok: false; reason: 'version_conflict' }>;
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
