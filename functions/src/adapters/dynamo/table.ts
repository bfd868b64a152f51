import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Table } from 'dynamodb-toolbox/table';
import { Entity } from 'dynamodb-toolbox/entity';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { number } from 'dynamodb-toolbox/schema/number';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { any } from 'dynamodb-toolbox/schema/any';
import { CASE_STATUSES, CASE_TYPES, OFFICIAL_ROLES, SLA_LEVELS, STAT_METRICS, shardOf, type StatMetric } from '@minsheng/shared';
import type { Answer, Audience, CaseRecord, CaseType, Contact, EventData, Extension, Place, RatingRecord, SlaClock, Supplement } from '@minsheng/shared';

/**
 * Key attribute names and index names, defined once. serverless.yml declares the same names
 * (a test compares the two), and the local stack creates the table from serverless.yml.
 */
export const KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttl: 'ttl',
  indexes: {
    /** Work queues: `Q#intake`, `Q#dept#<id>`, `Q#replied#<id>`, `Q#closed`; officials: `OFFICIALS`. */
    gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Open, running cases by due date (due soon / overdue across departments). Sparse. */
    gsi2: { partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** Cases by the intake officer who owns them (首问负责, "mine"). Sparse. */
    gsi3: { partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    /** Open cases escalated by the SLA timers (overdue or severe). Sparse. */
    gsi4: { partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
    /** The timers' work: running cases by the time of their next SLA step, in SLA_SHARDS partitions. Sparse. */
    gsi5: { partitionKey: 'gsi5pk', sortKey: 'gsi5sk' },
  },
} as const;

/** Key builders: every item's keys come from here, so prefixes are never typed twice. */
export const key = {
  case: (caseNo: string) => ({ pk: `CASE#${caseNo}`, sk: 'CASE' }),
  credential: (caseNo: string) => ({ pk: `CASE#${caseNo}`, sk: 'CRED' }),
  event: (caseNo: string, eventId: string) => ({ pk: `CASE#${caseNo}`, sk: `EVT#${eventId}` }),
  eventPrefix: 'EVT#',
  idempotency: (keyHash: string) => ({ pk: `IDEM#${keyHash}`, sk: 'IDEM' }),
  category: (id: string) => ({ pk: 'REF#CATEGORY', sk: `CATEGORY#${id}` }),
  department: (id: string) => ({ pk: 'REF#DEPARTMENT', sk: `DEPARTMENT#${id}` }),
  throttle: (throttleKey: string, windowStart: number) => ({ pk: `THROTTLE#${throttleKey}`, sk: `W#${windowStart}` }),
  official: (username: string) => ({ pk: `OFFICIAL#${username}`, sk: 'OFFICIAL' }),
  outbox: (shard: number, createdAt: string, id: string) => ({ pk: `OUTBOX#${shard}`, sk: `${createdAt}#${id}` }),
  inbox: (inboxKey: string, at: string, id: string) => ({ pk: `INBOX#${inboxKey}`, sk: `${at}#${id}` }),
  wechatSent: (id: string) => ({ pk: `WXSENT#${id}`, sk: 'SENT' }),
  calendarOverride: (date: string) => ({ pk: 'REF#CALENDAR', sk: date }),
  slaPolicy: (type: string) => ({ pk: 'REF#SLA_POLICY', sk: type }),
  stats: (period: string, dim: string) => ({ pk: `STATS#${period}`, sk: dim }),
} as const;

const optionalNumber = () => number().optional();

export function createModel(documentClient: DynamoDBDocumentClient, tableName: string) {
  const table = new Table({
    documentClient,
    name: tableName,
    partitionKey: { name: KEYS.partitionKey, type: 'string' },
    sortKey: { name: KEYS.sortKey, type: 'string' },
    indexes: {
      ...(Object.fromEntries(
        Object.entries(KEYS.indexes).map(([name, k]) => [
          name,
          { type: 'global', partitionKey: { name: k.partitionKey, type: 'string' }, sortKey: { name: k.sortKey, type: 'string' } },
        ]),
      ) as Record<keyof typeof KEYS.indexes, { type: 'global'; partitionKey: { name: string; type: 'string' }; sortKey: { name: string; type: 'string' } }>),
    },
  });

  const CaseEntity = new Entity({
    name: 'Case',
    table,
    timestamps: false,
    schema: item({
      caseNo: string().key(),
      type: string().enum(...CASE_TYPES),
      categoryId: string(),
      title: string(),
      content: string(),
      status: string().enum(...CASE_STATUSES),
      version: number(),
      createdAt: string(),
      updatedAt: string(),
      anonymous: boolean(),
      contact: any().castAs<Contact>().optional(),
      location: any().castAs<Place>().optional(),
      publishConsent: boolean(),
      departmentId: string().optional(),
      ownerId: string().optional(),
      clock: any().castAs<SlaClock>(),
      slaReached: string().enum(...SLA_LEVELS),
      pendingQuestion: string().optional(),
      supplements: any().castAs<Supplement[]>(),
      answer: any().castAs<Answer>().optional(),
      round: number(),
      ratings: any().castAs<RatingRecord[]>(),
      extension: any().castAs<Extension>().optional(),
      mergedInto: string().optional(),
      rejectReason: string().optional(),
      closedAt: string().optional(),
      closeReason: string().enum('rated', 'unrated', 'official').optional(),
      reviewRequired: boolean().optional(),
      firstAnswer: any().castAs<{ at: string; onTime: boolean; departmentId: string }>().optional(),
      // Index keys, derived from the case on every write (see caseIndexKeys).
      gsi1pk: string().optional(),
      gsi1sk: string().optional(),
      gsi2pk: string().optional(),
      gsi2sk: string().optional(),
      gsi3pk: string().optional(),
      gsi3sk: string().optional(),
      gsi4pk: string().optional(),
      gsi4sk: string().optional(),
      gsi5pk: string().optional(),
      gsi5sk: string().optional(),
      schedule: any().castAs<NonNullable<CaseRecord['schedule']>>().optional(),
      subscription: any().castAs<NonNullable<CaseRecord['subscription']>>().optional(),
    }),
    computeKey: ({ caseNo }) => key.case(caseNo),
  });

  const CredentialEntity = new Entity({
    name: 'Credential',
    table,
    timestamps: false,
    schema: item({
      caseNo: string().key(),
      passwordHash: string(),
      createdAt: string(),
    }),
    computeKey: ({ caseNo }) => key.credential(caseNo),
  });

  const CaseEventEntity = new Entity({
    name: 'CaseEvent',
    table,
    timestamps: false,
    schema: item({
      caseNo: string().key(),
      eventId: string().key(),
      at: string(),
      kind: string(),
      actorRole: string(),
      actorId: string(),
      fromStatus: string().enum(...CASE_STATUSES).optional(),
      toStatus: string().enum(...CASE_STATUSES),
      public: boolean(),
      data: any().castAs<EventData>(),
      client: any().castAs<{ ip?: string; userAgent?: string }>().optional(),
    }),
    computeKey: ({ caseNo, eventId }) => key.event(caseNo, eventId),
  });

  const IdempotencyEntity = new Entity({
    name: 'Idempotency',
    table,
    timestamps: false,
    schema: item({
      keyHash: string().key(),
      bodyHash: string(),
      caseNo: string(),
      createdAt: string(),
      ttl: number(),
    }),
    computeKey: ({ keyHash }) => key.idempotency(keyHash),
  });

  const CategoryEntity = new Entity({
    name: 'Category',
    table,
    timestamps: false,
    schema: item({
      id: string().key(),
      name: string(),
      types: any().castAs<CaseType[]>(),
      description: string().optional(),
      defaultDepartmentId: string().optional(),
      sortOrder: number(),
      active: boolean(),
    }),
    computeKey: ({ id }) => key.category(id),
  });

  const DepartmentEntity = new Entity({
    name: 'Department',
    table,
    timestamps: false,
    schema: item({
      id: string().key(),
      name: string(),
      sortOrder: number(),
      active: boolean(),
    }),
    computeKey: ({ id }) => key.department(id),
  });

  const ThrottleEntity = new Entity({
    name: 'Throttle',
    table,
    timestamps: false,
    schema: item({
      throttleKey: string().key(),
      windowStart: number().key(),
      attempts: number(),
      windowEndsAt: number(),
      ttl: number(),
    }),
    computeKey: ({ throttleKey, windowStart }) => key.throttle(throttleKey, windowStart),
  });

  const OfficialEntity = new Entity({
    name: 'Official',
    table,
    timestamps: false,
    schema: item({
      username: string().key(),
      displayName: string(),
      role: string().enum(...OFFICIAL_ROLES),
      departmentId: string().optional(),
      passwordHash: string(),
      disabled: boolean(),
      /** Raised on disable and password reset: tokens issued before stop working at once. */
      tokenVersion: number(),
      createdAt: string(),
      updatedAt: string(),
      gsi1pk: string(),
      gsi1sk: string(),
    }),
    computeKey: ({ username }) => key.official(username),
  });

  const StatsEntity = new Entity({
    name: 'Stats',
    table,
    timestamps: false,
    schema: item({
      period: string().key(),
      dim: string().key(),
      ...(Object.fromEntries(STAT_METRICS.map((m) => [m, number().optional()])) as Record<StatMetric, ReturnType<typeof optionalNumber>>),
    }),
    computeKey: ({ period, dim }) => key.stats(period, dim),
  });

  const OutboxEntity = new Entity({
    name: 'Outbox',
    table,
    timestamps: false,
    schema: item({
      shard: number().key(),
      createdAt: string().key(),
      id: string().key(),
      audience: any().castAs<Audience>(),
      kind: string(),
      caseNo: string(),
      title: string(),
      body: string(),
    }),
    computeKey: ({ shard, createdAt, id }) => key.outbox(shard, createdAt, id),
  });

  const InboxEntity = new Entity({
    name: 'Inbox',
    table,
    timestamps: false,
    schema: item({
      inboxKey: string().key(),
      at: string().key(),
      id: string().key(),
      kind: string(),
      caseNo: string(),
      title: string(),
      body: string(),
    }),
    computeKey: ({ inboxKey, at, id }) => key.inbox(inboxKey, at, id),
  });

  const WeChatSentEntity = new Entity({
    name: 'WeChatSent',
    table,
    timestamps: false,
    schema: item({ id: string().key(), status: string().enum('sending', 'sent'), leaseUntil: number(), at: string(), ttl: number() }),
    computeKey: ({ id }) => key.wechatSent(id),
  });

  const CalendarOverrideEntity = new Entity({
    name: 'CalendarOverride',
    table,
    timestamps: false,
    schema: item({ date: string().key(), work: boolean(), note: string().optional() }),
    computeKey: ({ date }) => key.calendarOverride(date),
  });

  const SlaPolicyEntity = new Entity({
    name: 'SlaPolicy',
    table,
    timestamps: false,
    schema: item({
      type: string().enum(...CASE_TYPES).key(),
      answerDays: number(),
      warnDays: number(),
      severeDays: number(),
      dayMode: string().enum('natural', 'working'),
    }),
    computeKey: ({ type }) => key.slaPolicy(type),
  });

  return { table, OutboxEntity, InboxEntity, WeChatSentEntity, CalendarOverrideEntity, SlaPolicyEntity, OfficialEntity, StatsEntity, CaseEntity, CredentialEntity, CaseEventEntity, IdempotencyEntity, CategoryEntity, DepartmentEntity, ThrottleEntity };
}

export type Model = ReturnType<typeof createModel>;

// ---- Policy library (issue #7): items, the library version and its change log, synonyms ----

/** Library items are spread over this many partitions, read in parallel when an index is built. */
export const LIBRARY_SHARDS = 8;

/** Key builders of the policy library (see the access-pattern table in case-store.ts). */
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

export function createLibraryEntities(table: Model['table']) {
  const LibraryItemEntity = new Entity({
    name: 'LibraryItem',
    table,
    timestamps: false,
    schema: item({
      id: string().key(),
      kind: string().enum('policy', 'qa'),
      title: string(),
      body: string(),
      question: string().optional(),
      issuer: string().optional(),
      issuedAt: string(),
      docNo: string().optional(),
      sourceUrl: string().optional(),
      tags: any().castAs<string[]>(),
      categoryId: string().optional(),
      sourceCaseNo: string().optional(),
      revision: number(),
      createdAt: string(),
      updatedAt: string(),
      createdBy: string(),
      updatedBy: string(),
    }),
    computeKey: ({ id }) => libraryKey.item(id),
  });

  const LibraryVersionEntity = new Entity({
    name: 'LibraryVersion',
    table,
    timestamps: false,
    schema: item({ scope: string().key(), version: number(), at: string() }),
    computeKey: () => libraryKey.version(),
  });

  const LibraryChangeEntity = new Entity({
    name: 'LibraryChange',
    table,
    timestamps: false,
    schema: item({
      version: number().key(),
      op: string().enum('put', 'delete', 'synonyms', 'bulk'),
      itemId: string().optional(),
      at: string(),
      ttl: number(),
    }),
    computeKey: ({ version }) => libraryKey.change(version),
  });

  const LibraryCaseLinkEntity = new Entity({
    name: 'LibraryCaseLink',
    table,
    timestamps: false,
    schema: item({ caseNo: string().key(), itemId: string(), at: string() }),
    computeKey: ({ caseNo }) => libraryKey.caseLink(caseNo),
  });

  const LibrarySynonymsEntity = new Entity({
    name: 'LibrarySynonyms',
    table,
    timestamps: false,
    schema: item({ scope: string().key(), groups: any().castAs<string[][]>(), revision: number().optional(), updatedAt: string(), updatedBy: string() }),
    computeKey: () => libraryKey.synonyms(),
  });

  return { LibraryItemEntity, LibraryVersionEntity, LibraryChangeEntity, LibraryCaseLinkEntity, LibrarySynonymsEntity };
}
