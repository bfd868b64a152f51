import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Table } from 'dynamodb-toolbox/table';
import { Entity } from 'dynamodb-toolbox/entity';
import { item } from 'dynamodb-toolbox/schema/item';
import { string } from 'dynamodb-toolbox/schema/string';
import { number } from 'dynamodb-toolbox/schema/number';
import { boolean } from 'dynamodb-toolbox/schema/boolean';
import { any } from 'dynamodb-toolbox/schema/any';
import { CASE_STATUSES, CASE_TYPES, SLA_LEVELS } from '@minsheng/shared';
import type { Answer, CaseType, Contact, EventData, Extension, Place, RatingRecord, SlaClock, Supplement } from '@minsheng/shared';

/**
 * Key attribute names and index names, defined once. serverless.yml declares the same names
 * (a test compares the two), and the local stack creates the table from serverless.yml.
 */
export const KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttl: 'ttl',
  indexes: {
    gsi1: { partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
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
} as const;

export function createModel(documentClient: DynamoDBDocumentClient, tableName: string) {
  const table = new Table({
    documentClient,
    name: tableName,
    partitionKey: { name: KEYS.partitionKey, type: 'string' },
    sortKey: { name: KEYS.sortKey, type: 'string' },
    indexes: {
      gsi1: {
        type: 'global',
        partitionKey: { name: KEYS.indexes.gsi1.partitionKey, type: 'string' },
        sortKey: { name: KEYS.indexes.gsi1.sortKey, type: 'string' },
      },
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
      // Queue index: which work list the case is on and how urgent it is there.
      gsi1pk: string().optional(),
      gsi1sk: string().optional(),
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

  return { table, CaseEntity, CredentialEntity, CaseEventEntity, IdempotencyEntity, CategoryEntity, DepartmentEntity, ThrottleEntity };
}

export type Model = ReturnType<typeof createModel>;
