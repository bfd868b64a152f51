import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { UpdateItemCommand, $add } from 'dynamodb-toolbox/entity/actions/update';
import { DeleteItemCommand } from 'dynamodb-toolbox/entity/actions/delete';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { execute, isTransactionCancelled } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { deadlines, type ActorRole, type CaseEventKind, type CaseRecord } from '@minsheng/shared';
import type { CaseEvent, CaseStore, Category, Department, NewCase } from '../../ports/case-store';
import { key, type Model } from './table';

/** Seconds an idempotency record is kept: a retry within a day returns the same case. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/**
 * The access patterns, in one place. Each is a GetItem or a Query on the base table (no Scan):
 *
 * | pattern              | operation | key                                       |
 * |----------------------|-----------|-------------------------------------------|
 * | case by number       | GetItem   | CASE#<caseNo> / CASE                      |
 * | credential of a case | GetItem   | CASE#<caseNo> / CRED                      |
 * | timeline of a case   | Query     | CASE#<caseNo> / begins_with EVT#          |
 * | idempotency record   | GetItem   | IDEM#<sha256(key)> / IDEM                 |
 * | category by id       | GetItem   | REF#CATEGORY / CATEGORY#<id>              |
 * | all categories       | Query     | REF#CATEGORY                              |
 * | all departments      | Query     | REF#DEPARTMENT                            |
 * | login attempts       | UpdateItem ADD (atomic count) THROTTLE#<key> / W#<windowStart> |
 * | intake/work queues   | Query     | gsi1: QUEUE#<queue> / <dueAt>#<caseNo>    |
 *
 * Writes that change a case are transactions: the case (conditioned on its version) and its
 * event are written together or not at all.
 */
export function createDynamoCaseStore(model: Model): CaseStore {
  const { table, CaseEntity, CredentialEntity, CaseEventEntity, IdempotencyEntity, CategoryEntity, DepartmentEntity, ThrottleEntity } = model;

  const caseItem = (record: CaseRecord) => ({ ...record, ...queueKeys(record) });
  const eventItem = (event: CaseEvent) => ({ ...event });

  async function queryAll<T>(run: (exclusiveStartKey?: Record<string, unknown>) => Promise<{ Items?: T[]; LastEvaluatedKey?: Record<string, unknown> }>): Promise<T[]> {
    const items: T[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await run(startKey);
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  return {
    async getCase(caseNo) {
      const { Item } = await CaseEntity.build(GetItemCommand).key({ caseNo }).send();
      return Item ? toCaseRecord(Item) : undefined;
    },

    async getPasswordHash(caseNo) {
      const { Item } = await CredentialEntity.build(GetItemCommand).key({ caseNo }).send();
      return Item?.passwordHash;
    },

    async listEvents(caseNo) {
      const items = await queryAll((exclusiveStartKey) =>
        table
          .build(QueryCommand)
          .entities(CaseEventEntity)
          .query({ partition: key.case(caseNo).pk, range: { beginsWith: key.eventPrefix } })
          .options({ ...(exclusiveStartKey ? { exclusiveStartKey } : {}) })
          .send(),
      );
      return items.map(toCaseEvent);
    },

    async createCase({ record, passwordHash, event, idempotency }) {
      const notExists = { attr: 'caseNo', exists: false } as const;
      const transactions = [
        CaseEntity.build(PutTransaction).item(caseItem(record)).options({ condition: notExists }),
        CredentialEntity.build(PutTransaction).item({ caseNo: record.caseNo, passwordHash, createdAt: record.createdAt }),
        CaseEventEntity.build(PutTransaction).item(eventItem(event)),
        ...(idempotency
          ? [
              IdempotencyEntity.build(PutTransaction)
                .item({ ...idempotency, ttl: Math.floor(Date.parse(idempotency.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS })
                .options({ condition: { attr: 'keyHash', exists: false } }),
            ]
          : []),
      ] as const;
      try {
        await execute(...transactions);
        return { ok: true };
      } catch (error) {
        if (isTransactionCancelled(error)) {
          const reasons = error.CancellationReasons ?? [];
          if (reasons[3]?.Code === 'ConditionalCheckFailed') return { ok: false, reason: 'idempotency_key_taken' };
          if (reasons[0]?.Code === 'ConditionalCheckFailed') return { ok: false, reason: 'case_no_taken' };
        }
        throw error;
      }
    },

    async applyChange(next, expectedVersion, event) {
      try {
        await execute(
          CaseEntity.build(PutTransaction)
            .item(caseItem(next))
            .options({ condition: { attr: 'version', eq: expectedVersion } }),
          CaseEventEntity.build(PutTransaction)
            .item(eventItem(event))
            .options({ condition: { attr: 'eventId', exists: false } }),
        );
        return { ok: true };
      } catch (error) {
        if (isTransactionCancelled(error) && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
          return { ok: false, reason: 'version_conflict' };
        }
        throw error;
      }
    },

    async getIdempotency(keyHash) {
      const { Item } = await IdempotencyEntity.build(GetItemCommand).key({ keyHash }).send();
      return Item ? { keyHash: Item.keyHash, bodyHash: Item.bodyHash, caseNo: Item.caseNo, createdAt: Item.createdAt } : undefined;
    },

    async getCategory(id) {
      const { Item } = await CategoryEntity.build(GetItemCommand).key({ id }).send();
      return Item ? toCategory(Item) : undefined;
    },

    async listCategories() {
      const items = await queryAll((exclusiveStartKey) =>
        table
          .build(QueryCommand)
          .entities(CategoryEntity)
          .query({ partition: key.category('').pk })
          .options({ ...(exclusiveStartKey ? { exclusiveStartKey } : {}) })
          .send(),
      );
      return items.map(toCategory).sort((a, b) => a.sortOrder - b.sortOrder);
    },

    async listDepartments() {
      const items = await queryAll((exclusiveStartKey) =>
        table
          .build(QueryCommand)
          .entities(DepartmentEntity)
          .query({ partition: key.department('').pk })
          .options({ ...(exclusiveStartKey ? { exclusiveStartKey } : {}) })
          .send(),
      );
      return items.map(toDepartment).sort((a, b) => a.sortOrder - b.sortOrder);
    },

    async putCategory(category) {
      await CategoryEntity.build(PutItemCommand).item(category).send();
    },

    async putDepartment(department) {
      await DepartmentEntity.build(PutItemCommand).item(department).send();
    },

    async countAttempt(throttleKey, windowStart, windowEndsAt, delta) {
      const { Attributes } = await ThrottleEntity.build(UpdateItemCommand)
        .item({ throttleKey, windowStart, attempts: $add(delta), windowEndsAt, ttl: Math.ceil(windowEndsAt / 1000) + 3600 })
        .options({ returnValues: 'UPDATED_NEW' })
        .send();
      return Attributes?.attempts ?? delta;
    },

    async clearAttempts(throttleKey, windowStart) {
      await ThrottleEntity.build(DeleteItemCommand).key({ throttleKey, windowStart }).send();
    },
  };
}

/** Which work queue a case is on, keyed for "most urgent first" (earliest due date first). */
export function queueKeys(record: CaseRecord): { gsi1pk?: string; gsi1sk?: string } {
  if (record.status !== 'submitted') return {};
  const due = deadlines(record.clock, new Date(record.updatedAt)).dueAt.toISOString();
  return { gsi1pk: 'QUEUE#intake', gsi1sk: `${due}#${record.caseNo}` };
}

// ---- Mapping stored items to domain shapes (stored items carry keys and index attributes) ----

type StoredCase = Record<string, unknown> & CaseRecord;

function toCaseRecord(item: StoredCase): CaseRecord {
  const { gsi1pk: _a, gsi1sk: _b, ...rest } = item as StoredCase & { gsi1pk?: string; gsi1sk?: string };
  return rest;
}

function toCaseEvent(item: Omit<CaseEvent, 'kind' | 'actorRole'> & { kind: string; actorRole: string }): CaseEvent {
  return { ...item, kind: item.kind as CaseEventKind, actorRole: item.actorRole as ActorRole };
}

function toCategory(item: Category): Category {
  return {
    id: item.id,
    name: item.name,
    types: item.types,
    sortOrder: item.sortOrder,
    active: item.active,
    ...(item.description ? { description: item.description } : {}),
    ...(item.defaultDepartmentId ? { defaultDepartmentId: item.defaultDepartmentId } : {}),
  };
}

function toDepartment(item: Department): Department {
  return { id: item.id, name: item.name, sortOrder: item.sortOrder, active: item.active };
}
