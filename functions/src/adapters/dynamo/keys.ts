import { shardOf } from '@minsheng/shared';

/** Library items are spread over this many partitions, read in parallel when an index is built. */
export const LIBRARY_SHARDS = 8;

/**
 * Every key of the single table, in one place: partition and sort keys of each item, and the
 * index partitions the queues, the timers and the lists read. Nothing else types a prefix.
 */
export const key = {
  case: (caseNo: string) => ({ pk: `CASE#${caseNo}`, sk: 'CASE' }),
  credential: (caseNo: string) => ({ pk: `CASE#${caseNo}`, sk: 'CRED' }),
  event: (caseNo: string, eventId: string) => ({ pk: `CASE#${caseNo}`, sk: `EVT#${eventId}` }),
  eventPrefix: 'EVT#',
  idempotency: (keyHash: string) => ({ pk: `IDEM#${keyHash}`, sk: 'IDEM' }),
  category: (id: string) => ({ pk: 'REF#CATEGORY', sk: `CATEGORY#${id}` }),
  categories: 'REF#CATEGORY',
  department: (id: string) => ({ pk: 'REF#DEPARTMENT', sk: `DEPARTMENT#${id}` }),
  departments: 'REF#DEPARTMENT',
  throttle: (throttleKey: string, windowStart: number) => ({ pk: `THROTTLE#${throttleKey}`, sk: `W#${windowStart}` }),
  official: (username: string) => ({ pk: `OFFICIAL#${username}`, sk: 'OFFICIAL' }),
  outbox: (shard: number, createdAt: string, id: string) => ({ pk: `OUTBOX#${shard}`, sk: `${createdAt}#${id}` }),
  outboxPartition: (shard: number) => `OUTBOX#${shard}`,
  inbox: (inboxKey: string, at: string, id: string) => ({ pk: `INBOX#${inboxKey}`, sk: `${at}#${id}` }),
  inboxPartition: (inboxKey: string) => `INBOX#${inboxKey}`,
  wechatSent: (id: string) => ({ pk: `WXSENT#${id}`, sk: 'SENT' }),
  calendarOverride: (date: string) => ({ pk: 'REF#CALENDAR', sk: date }),
  calendarOverrides: 'REF#CALENDAR',
  slaPolicy: (type: string) => ({ pk: 'REF#SLA_POLICY', sk: type }),
  slaPolicies: 'REF#SLA_POLICY',
  stats: (period: string, dim: string) => ({ pk: `STATS#${period}`, sk: dim }),
  statsPartition: (period: string) => `STATS#${period}`,
} as const;

/** Index partitions (the `gsiNpk` values): work queues, due dates, owners, escalations, SLA timers, officials. */
export const indexKey = {
  intakeQueue: 'Q#intake',
  departmentQueue: (departmentId: string) => `Q#dept#${departmentId}`,
  repliedQueue: (departmentId: string | undefined) => `Q#replied#${departmentId}`,
  closedQueue: 'Q#closed',
  openByDue: 'OPEN',
  closedOfDepartment: (departmentId: string) => `CLOSED#${departmentId}`,
  owner: (officialId: string) => `OWNER#${officialId}`,
  escalated: 'ESC',
  slaShard: (shard: number) => `SLA#${shard}`,
  officials: 'OFFICIALS',
} as const;

/** Key builders of the policy library (see the access-pattern table in access-patterns.ts). */
export const libraryKey = {
  /** Items by a hash of their id: a full build is LIBRARY_SHARDS paged Queries at once. */
  item: (id: string) => ({ pk: `LIBRARY#${shardOf(id, LIBRARY_SHARDS)}`, sk: `ITEM#${id}` }),
  itemPartition: (shard: number) => `LIBRARY#${shard}`,
  itemPrefix: 'ITEM#',
  /** The library version, bumped in the transaction of every change. */
  version: () => ({ pk: 'LIBRARY', sk: 'VERSION' }),
  synonyms: () => ({ pk: 'LIBRARY', sk: 'SYNONYMS' }),
  /** What changed at each version (kept a week), so warm indexes catch up with one Query. */
  change: (version: number) => ({ pk: 'LIBRARY#LOG', sk: String(version).padStart(12, '0') }),
  changeLog: 'LIBRARY#LOG',
  /** The Q&A a consultation was published as (beside the case, never on the public item). */
  caseLink: (caseNo: string) => ({ pk: `CASE#${caseNo}`, sk: 'LIBRARY' }),
} as const;
