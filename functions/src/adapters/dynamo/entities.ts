import { Entity } from 'dynamodb-toolbox/entity';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { number } from 'dynamodb-toolbox/schema/number';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { any } from 'dynamodb-toolbox/schema/any';
import { CASE_CHANNELS, CASE_STATUSES, CASE_TYPES, OFFICIAL_ROLES, PART_STATUSES, SLA_LEVELS, STAT_METRICS, type StatMetric } from '@minsheng/shared';
import type { UploadRecord } from '../../ports/uploads';
import type { CaseSummary } from '../../ports/cases';
import type { DispatchRecord, OpenDataFacts, PublicCaseSummary, RevisitRecord } from '@minsheng/shared';
import type { AttachmentRecord, Answer, Audience, CaseRecord, CaseType, Contact, EventData, Extension, HolidayEntry, Place, RatingRecord, SlaClock, Supplement } from '@minsheng/shared';
import { key, libraryKey } from './keys';
import type { MinshengTable } from './table';

/*
 * The items of the single table, one group per store: each store builds only the entities it
 * reads and writes, so a function bundles only those.
 */

const optionalNumber = () => number().optional();

/** A case, its credential, its timeline/audit events and the idempotency records of filings. */
export function caseEntities(table: MinshengTable) {
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
      unitId: string().optional(),
      unitPath: string().optional(),
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
      withdrawReason: string().optional(),
      channel: string().enum(...CASE_CHANNELS).optional(),
      filedBy: string().optional(),
      partnerId: string().optional(),
      revisit: any().castAs<RevisitRecord>().optional(),
      closedAt: string().optional(),
      closeReason: string().enum('rated', 'unrated', 'official').optional(),
      reviewRequired: boolean().optional(),
      firstAnswer: any().castAs<{ at: string; onTime: boolean; departmentId: string }>().optional(),
      dispatch: any().castAs<DispatchRecord>().optional(),
      exemption: any().castAs<{ by: string; at: string; reason: string }>().optional(),
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
      gsi6pk: string().optional(),
      gsi6sk: string().optional(),
      gsi7pk: string().optional(),
      gsi7sk: string().optional(),
      gsi8pk: string().optional(),
      gsi8sk: string().optional(),
      gsi9pk: string().optional(),
      gsi9sk: string().optional(),
      gsi10pk: string().optional(),
      gsi10sk: string().optional(),
      // What the public listing shows (Open311), written with gsi9's keys: that index projects only this (see publicSummary).
      pub: any().castAs<PublicCaseSummary>().optional(),
      // The open-data facts (openDataFacts): what gsi10 projects, and all the monthly export reads.
      od: any().castAs<OpenDataFacts>().optional(),
      // What a queue row shows, written with the index keys: the queues' indexes project only this (see queueSummary).
      qs: any().castAs<CaseSummary>().optional(),
      schedule: any().castAs<NonNullable<CaseRecord['schedule']>>().optional(),
      subscription: any().castAs<NonNullable<CaseRecord['subscription']>>().optional(),
      progressAt: string().optional(),
      sms: any().castAs<NonNullable<CaseRecord['sms']>>().optional(),
      attachments: any().castAs<AttachmentRecord[]>().optional(),
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
      /**
       * The statistics counters the change moves (JSON of CounterDelta[]), for the stream consumer
       * (jobs/case-changes.ts, its statsConsumer route); a string so the stream filter can test it with `exists`. Never shown.
       */
      counters: string().optional(),
      /** When the stream consumer added `counters` to the statistics (its exactly-once marker). Never shown. */
      countedAt: string().optional(),
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

  /** An assisting department's part (协办), beside the case; on the 协办 queue (gsi1) while expected. */
  const CasePartEntity = new Entity({
    name: 'CasePart',
    table,
    timestamps: false,
    schema: item({
      caseNo: string().key(),
      departmentId: string().key(),
      status: string().enum(...PART_STATUSES),
      dueAt: string(),
      assignedAt: string(),
      assignedBy: string(),
      text: string().optional(),
      attachments: any().castAs<AttachmentRecord[]>().optional(),
      submittedAt: string().optional(),
      submittedBy: string().optional(),
      returnedOnce: boolean(),
      returnReason: string().optional(),
      onTime: boolean().optional(),
      closedAt: string().optional(),
      gsi1pk: string().optional(),
      gsi1sk: string().optional(),
      qs: any().castAs<CaseSummary>().optional(),
    }),
    computeKey: ({ caseNo, departmentId }) => key.part(caseNo, departmentId),
  });

  /** A case exempted from assessment (免于考核), listed under the month of the exemption; written with the exemption. */
  const AssessmentExemptionEntity = new Entity({
    name: 'AssessmentExemption',
    table,
    timestamps: false,
    schema: item({
      month: string().key(),
      at: string().key(),
      caseNo: string().key(),
      reason: string(),
      by: string(),
      unitPath: string().optional(),
      unitId: string().optional(),
      departmentId: string().optional(),
    }),
    computeKey: ({ month, at, caseNo }) => key.assessmentExemption(month, at, caseNo),
  });

  return { CaseEntity, CredentialEntity, CaseEventEntity, IdempotencyEntity, CasePartEntity, AssessmentExemptionEntity };
}

/** Reference data: categories, departments and the units of the jurisdiction tree. */
export function referenceEntities(table: MinshengTable) {
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
      unitId: string().optional(),
    }),
    computeKey: ({ id }) => key.department(id),
  });

  const UnitEntity = new Entity({
    name: 'Unit',
    table,
    timestamps: false,
    schema: item({
      id: string().key(),
      name: string(),
      level: number(),
      parentId: string().optional(),
      path: string(),
      sortOrder: number(),
      active: boolean(),
    }),
    computeKey: ({ id }) => key.unit(id),
  });

  const DispatchRuleEntity = new Entity({
    name: 'DispatchRule',
    table,
    timestamps: false,
    schema: item({
      categoryId: string().key(),
      unitId: string().key(),
      departmentId: string(),
    }),
    computeKey: ({ categoryId, unitId }) => key.dispatchRule(categoryId, unitId),
  });

  return { CategoryEntity, DepartmentEntity, UnitEntity, DispatchRuleEntity };
}

/** Officials' accounts. */
export function officialEntities(table: MinshengTable) {
  const OfficialEntity = new Entity({
    name: 'Official',
    table,
    timestamps: false,
    schema: item({
      username: string().key(),
      displayName: string(),
      role: string().enum(...OFFICIAL_ROLES),
      departmentId: string().optional(),
      unitId: string().optional(),
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

  return { OfficialEntity };
}

/** Login-attempt windows. */
export function throttleEntities(table: MinshengTable) {
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

  return { ThrottleEntity };
}

/** Statistics counters per period and dimension. */
export function statsEntities(table: MinshengTable) {
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

  return { StatsEntity };
}

/** The outbox, its dead letters, officials' inboxes and the WeChat send claims. */
export function notificationEntities(table: MinshengTable) {
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
      attempts: number().optional(),
      retryAt: string().optional(),
      lastError: string().optional(),
    }),
    computeKey: ({ shard, createdAt, id }) => key.outbox(shard, createdAt, id),
  });

  const DeadLetterEntity = new Entity({
    name: 'DeadLetter',
    table,
    timestamps: false,
    schema: item({
      id: string().key(),
      shard: number(),
      createdAt: string(),
      audience: any().castAs<Audience>(),
      kind: string(),
      caseNo: string(),
      title: string(),
      body: string(),
      attempts: number(),
      lastError: string(),
      deadAt: string(),
    }),
    computeKey: ({ id }) => key.deadLetter(id),
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
      /** Epoch seconds: DynamoDB's TTL removes the message INBOX_RETENTION_DAYS after it was sent (older items have none). */
      ttl: number().optional(),
    }),
    computeKey: ({ inboxKey, at, id }) => key.inbox(inboxKey, at, id),
  });

  const SentEntity = new Entity({
    name: 'WeChatSent',
    table,
    timestamps: false,
    schema: item({ channel: string().key(), id: string().key(), status: string().enum('sending', 'sent'), leaseUntil: number(), at: string(), ttl: number() }),
    computeKey: ({ channel, id }) => key.sent(channel, id),
  });

  const WeChatCreditsEntity = new Entity({
    name: 'WeChatCredits',
    table,
    timestamps: false,
    schema: item({ caseNo: string().key(), credits: number() }),
    computeKey: ({ caseNo }) => key.wechatCredits(caseNo),
  });

  /** How far an official has read their inbox: every message at or before `readUpTo` is read. */
  const InboxReadEntity = new Entity({
    name: 'InboxRead',
    table,
    timestamps: false,
    schema: item({ username: string().key(), readUpTo: string() }),
    computeKey: ({ username }) => key.inboxRead(username),
  });

  return { OutboxEntity, DeadLetterEntity, InboxEntity, SentEntity, WeChatCreditsEntity, InboxReadEntity };
}

/** Recovery codes sent by SMS: the code's keyed hash, its expiry and the tries counted. */
export function recoveryEntities(table: MinshengTable) {
  const RecoveryCodeEntity = new Entity({
    name: 'RecoveryCode',
    table,
    timestamps: false,
    schema: item({ identity: string().key(), codeHash: string(), expiresAt: number(), tries: number(), ttl: number() }),
    computeKey: ({ identity }) => key.recoveryCode(identity),
  });
  return { RecoveryCodeEntity };
}

/** Uploads on their way to a case (evidence): removed by TTL two days after they were asked for. */
export function uploadEntities(table: MinshengTable) {
  const UploadEntity = new Entity({
    name: 'Upload',
    table,
    timestamps: false,
    schema: item({
      uploadId: string().key(),
      purpose: string().enum('filing', 'supplement', 'official'),
      owner: string(),
      declaredType: string(),
      status: string().enum('pending', 'ready', 'attached'),
      createdAt: string(),
      postExpiresAt: number(),
      file: any().castAs<NonNullable<UploadRecord['file']>>().optional(),
      caseNo: string().optional(),
      ttl: number(),
    }),
    computeKey: ({ uploadId }) => key.upload(uploadId),
  });
  return { UploadEntity };
}

/** Admins' SLA policies and holiday-calendar overrides. */
export function slaSettingsEntities(table: MinshengTable) {
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
      revisitDays: number().optional(),
    }),
    computeKey: ({ type }) => key.slaPolicy(type),
  });

  const CalendarYearEntity = new Entity({
    name: 'CalendarYear',
    table,
    timestamps: false,
    schema: item({
      year: number().key(),
      holidays: any().castAs<HolidayEntry[]>(),
      source: string().enum('notice', 'ics'),
      enteredAt: string(),
      enteredBy: string(),
      enteredByName: string(),
    }),
    computeKey: ({ year }) => key.calendarYear(year),
  });

  const CalendarChangeEntity = new Entity({
    name: 'CalendarChange',
    table,
    timestamps: false,
    schema: item({
      at: string().key(),
      id: string().key(),
      by: string(),
      byName: string(),
      kind: string().enum('year_entered', 'override_set', 'override_deleted'),
      year: optionalNumber(),
      date: string().optional(),
      work: boolean().optional(),
      daysOff: optionalNumber(),
      workdays: optionalNumber(),
      summary: string(),
    }),
    computeKey: ({ at, id }) => key.calendarChange(at, id),
  });

  /** A re-timing job (services/sla/retime-job.ts): inserted with its calendar change, its INSERT starts the stream job. */
  const RetimeJobEntity = new Entity({
    name: 'RetimeJob',
    table,
    timestamps: false,
    schema: item({
      id: string().key(),
      status: string().enum('queued', 'running', 'done', 'superseded', 'failed'),
      total: number(),
      done: number(),
      rescheduled: number(),
      queuedAt: string(),
      startedAt: string().optional(),
      finishedAt: string().optional(),
      by: string(),
      byName: string(),
      summary: string(),
      reason: string().optional(),
      cursor: string().optional(),
      attempts: number(),
    }),
    computeKey: ({ id }) => key.retimeJob(id),
  });

  return { CalendarOverrideEntity, SlaPolicyEntity, CalendarYearEntity, CalendarChangeEntity, RetimeJobEntity };
}

/** The policy library: items, the version and its change log, case links, synonyms. */
export function libraryEntities(table: MinshengTable) {
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

/** Cases linked to citizen identities (keyed hashes of an openid or a phone number). */
export function citizenLinkEntities(table: MinshengTable) {
  const CaseLinkEntity = new Entity({
    name: 'CaseLink',
    table,
    timestamps: false,
    schema: item({
      identity: string().key(),
      caseNo: string().key(),
      via: string().enum('wechat', 'phone'),
      linkedAt: string(),
      seenProgressAt: string().optional(),
    }),
    computeKey: ({ identity, caseNo }) => key.caseLink(identity, caseNo),
  });

  return { CaseLinkEntity };
}
