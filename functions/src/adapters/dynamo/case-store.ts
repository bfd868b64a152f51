import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { UpdateItemCommand, $add } from 'dynamodb-toolbox/entity/actions/update';
import { DeleteItemCommand } from 'dynamodb-toolbox/entity/actions/delete';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { UpdateTransaction } from 'dynamodb-toolbox/entity/actions/transactUpdate';
import { execute, isTransactionCancelled } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { DomainError, SLA_SHARDS, deadlines, shardOf, statPeriods, type ActorRole, type CaseRecord, type CounterDelta, type StatCounters } from '@minsheng/shared';
import type { CaseEvent, CaseQuery, CaseStore, Category, Department, Official } from '../../ports/case-store';
import { key, KEYS, type Model } from './table';

/** Seconds an idempotency record is kept: a retry within a day returns the same case. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;


const OPEN_RUNNING = new Set(['submitted', 'in_progress']);
const OPEN = new Set(['submitted', 'in_progress', 'awaiting_citizen']);
const FINISHED = new Set(['closed', 'rejected', 'merged']);

/**
 * Index keys of a case, derived from the case itself on every write so they can never drift:
 * gsi1 the work queue it is on, gsi2 open running cases by due date, gsi3 its owner, gsi4 escalated.
 */
export function caseIndexKeys(record: CaseRecord): Record<string, string> {
  // The schedule is derived by the services with the working calendar; older items fall back to natural days.
  const due = record.schedule?.dueAt ?? deadlines(record.clock, new Date(record.updatedAt)).dueAt.toISOString();
  const byDue = `${due}#${record.caseNo}`;
  const keys: Record<string, string> = {};
  switch (record.status) {
    case 'submitted':
      Object.assign(keys, { gsi1pk: 'Q#intake', gsi1sk: byDue });
      break;
    case 'in_progress':
    case 'awaiting_citizen':
      Object.assign(keys, { gsi1pk: `Q#dept#${record.departmentId}`, gsi1sk: byDue });
      break;
    case 'replied':
      Object.assign(keys, { gsi1pk: `Q#replied#${record.answer?.departmentId ?? record.departmentId}`, gsi1sk: `${record.answer?.at ?? record.updatedAt}#${record.caseNo}` });
      break;
    default:
      Object.assign(keys, { gsi1pk: 'Q#closed', gsi1sk: `${record.closedAt ?? record.updatedAt}#${record.caseNo}` });
  }
  if (OPEN_RUNNING.has(record.status)) Object.assign(keys, { gsi2pk: 'OPEN', gsi2sk: byDue });
  // Finished cases of a department, newest first (a handler's closed queue), on the same index.
  if (FINISHED.has(record.status) && (record.answer?.departmentId ?? record.departmentId)) {
    Object.assign(keys, { gsi2pk: `CLOSED#${record.answer?.departmentId ?? record.departmentId}`, gsi2sk: `${record.closedAt ?? record.updatedAt}#${record.caseNo}` });
  }
  if (record.ownerId) Object.assign(keys, { gsi3pk: `OWNER#${record.ownerId}`, gsi3sk: `${record.updatedAt}#${record.caseNo}` });
  if (OPEN.has(record.status) && (record.slaReached === 'overdue' || record.slaReached === 'severe')) {
    Object.assign(keys, { gsi4pk: 'ESC', gsi4sk: byDue });
  }
  if (record.schedule?.next) {
    Object.assign(keys, { gsi5pk: `SLA#${shardOf(record.caseNo, SLA_SHARDS)}`, gsi5sk: `${record.schedule.next.at}#${record.caseNo}` });
  }
  return keys;
}

const INDEX_ATTRS = Object.values(KEYS.indexes).flatMap((k) => [k.partitionKey, k.sortKey]);

/**
 * The access patterns, in one place. Each is a GetItem, a Query or a conditional write on the
 * table or one of its indexes — never a Scan:
 *
 * | pattern                    | operation       | key                                          |
 * |----------------------------|-----------------|----------------------------------------------|
 * | case by number             | GetItem         | CASE#<caseNo> / CASE                         |
 * | credential of a case       | GetItem         | CASE#<caseNo> / CRED                         |
 * | timeline/audit of a case   | Query           | CASE#<caseNo> / begins_with EVT#             |
 * | idempotency record         | GetItem         | IDEM#<sha256(key)> / IDEM                    |
 * | category by id, all        | GetItem, Query  | REF#CATEGORY / CATEGORY#<id>                 |
 * | departments                | Query           | REF#DEPARTMENT                               |
 * | login attempts             | UpdateItem ADD  | THROTTLE#<key> / W#<windowStart>             |
 * | intake / department queue  | Query gsi1      | Q#intake, Q#dept#<id> / <dueAt>#<caseNo>     |
 * | closed queue               | Query gsi1 desc | Q#closed / <closedAt>#<caseNo>               |
 * | a department's closed      | Query gsi2 desc | CLOSED#<dept> / <closedAt>#<caseNo>          |
 * | due soon / overdue         | Query gsi2      | OPEN / <dueAt>#<caseNo> between / before now |
 * | mine (owner)               | Query gsi3 desc | OWNER#<official> / <updatedAt>#<caseNo>      |
 * | escalated                  | Query gsi4      | ESC / <dueAt>#<caseNo>                       |
 * | official by username, all  | GetItem, gsi1   | OFFICIAL#<username>; OFFICIALS / <username>  |
 * | statistics of a period     | Query, GetItem  | STATS#<period> / <dimension>                 |
 * | SLA steps due (the sweep)  | Query gsi5 × 8  | SLA#<shard> / <= <now>                       |
 * | outbox (the notifier)      | Query × 4       | OUTBOX#<shard>                               |
 * | an inbox                   | Query desc      | INBOX#DEPT#<id> or INBOX#ROLE#<role>         |
 * | WeChat send claim / sent   | conditional Put | WXSENT#<outbox id>                           |
 * | calendar overrides         | Query           | REF#CALENDAR / <date>                        |
 * | SLA policies               | Query           | REF#SLA_POLICY / <type>                      |
 * | library items (index build)| Query × 8 (‖)   | LIBRARY#<shard> / begins_with ITEM#          |
 * | library item by id         | GetItem         | LIBRARY#<shard of id> / ITEM#<id>            |
 * | library version            | GetItem (cons.) | LIBRARY / VERSION                            |
 * | library changes since v    | Query (cons.)   | LIBRARY#LOG / > <v, 12 digits>               |
 * | library synonyms           | GetItem         | LIBRARY / SYNONYMS                           |
 * | Q&A published from a case  | GetItem         | CASE#<caseNo> / LIBRARY                      |
 * | library change             | TransactWrite   | item + VERSION (cond.) + LIBRARY#LOG entry   |
 *   (library: functions/src/adapters/dynamo/library-store.ts)
 *
 * Writes that change a case are transactions: the case (conditioned on its version), its event
 * and the statistics counters it moves are written together or not at all.
 */
/**
 * Run a transaction, retrying when DynamoDB cancels it for a conflict with another transaction
 * touching the same item (the statistics counters are shared by every change) — with jittered
 * backoff. Condition failures are not retried: they are answers, not accidents.
 */
async function transact(run: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await run();
      return;
    } catch (error) {
      const reasons = (error as { name?: string; CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      const conflictOnly =
        (error as { name?: string }).name === 'TransactionCanceledException' &&
        reasons.some((r) => r.Code === 'TransactionConflict') &&
        !reasons.some((r) => r.Code === 'ConditionalCheckFailed');
      if (!conflictOnly || attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 20 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}

/**
 * Strongly consistent reads, for items a request may read right after it (or the citizen's or
 * official's previous request) wrote them: the case before a version-guarded change (a stale read
 * would answer a current expectedVersion with 409), its timeline shown after an action, the
 * password of a case filed a second ago, an idempotency record, an official's account (a disabled
 * account or reset password takes effect at once). DynamoDB Local is always consistent, so this
 * is only observable in AWS; the adapter test checks the reads ask for it.
 */
const LATEST = { consistent: true } as const;

export function createDynamoCaseStore(model: Model): CaseStore {
  const {
    table,
    CaseEntity,
    CredentialEntity,
    CaseEventEntity,
    IdempotencyEntity,
    CategoryEntity,
    DepartmentEntity,
    ThrottleEntity,
    OfficialEntity,
    StatsEntity,
    OutboxEntity,
    InboxEntity,
    WeChatSentEntity,
    CalendarOverrideEntity,
    SlaPolicyEntity,
  } = model;

  const caseItem = (record: CaseRecord) => ({ ...record, ...caseIndexKeys(record) });

  /** One UpdateItem per (period, dimension) with every metric the change adds to it. */
  function counterTransactions(deltas: CounterDelta[], at: Date) {
    const grouped = new Map<string, { period: string; dim: string; adds: Record<string, number> }>();
    for (const period of statPeriods(at)) {
      for (const delta of deltas) {
        for (const dim of delta.dims) {
          const id = `${period}|${dim}`;
          const entry = grouped.get(id) ?? { period, dim, adds: {} };
          entry.adds[delta.metric] = (entry.adds[delta.metric] ?? 0) + delta.by;
          grouped.set(id, entry);
        }
      }
    }
    return [...grouped.values()].map(({ period, dim, adds }) =>
      StatsEntity.build(UpdateTransaction).item({ period, dim, ...Object.fromEntries(Object.entries(adds).map(([m, by]) => [m, $add(by)])) } as never),
    );
  }

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
      const { Item } = await CaseEntity.build(GetItemCommand).key({ caseNo }).options(LATEST).send();
      return Item ? toCaseRecord(Item) : undefined;
    },

    async getPasswordHash(caseNo) {
      const { Item } = await CredentialEntity.build(GetItemCommand).key({ caseNo }).options(LATEST).send();
      return Item?.passwordHash;
    },

    async listEvents(caseNo) {
      const items = await queryAll((exclusiveStartKey) =>
        table
          .build(QueryCommand)
          .entities(CaseEventEntity)
          .query({ partition: key.case(caseNo).pk, range: { beginsWith: key.eventPrefix } })
          .options({ ...LATEST, ...(exclusiveStartKey ? { exclusiveStartKey } : {}) })
          .send(),
      );
      return items.map(toCaseEvent);
    },

    async createCase({ record, passwordHash, event, idempotency, counters }) {
      const transactions = [
        CaseEntity.build(PutTransaction).item(caseItem(record)).options({ condition: { attr: 'caseNo', exists: false } }),
        idempotency
          ? IdempotencyEntity.build(PutTransaction)
              .item({ ...idempotency, ttl: Math.floor(Date.parse(idempotency.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS })
              .options({ condition: { attr: 'keyHash', exists: false } })
          : undefined,
        CredentialEntity.build(PutTransaction).item({ caseNo: record.caseNo, passwordHash, createdAt: record.createdAt }),
        CaseEventEntity.build(PutTransaction).item({ ...event }),
        ...counterTransactions(counters, new Date(record.createdAt)),
      ].filter((t) => t !== undefined);
      try {
        await transact(() => execute(...transactions));
        return { ok: true };
      } catch (error) {
        if (isTransactionCancelled(error)) {
          const reasons = error.CancellationReasons ?? [];
          if (idempotency && reasons[1]?.Code === 'ConditionalCheckFailed') return { ok: false, reason: 'idempotency_key_taken' };
          if (reasons[0]?.Code === 'ConditionalCheckFailed') return { ok: false, reason: 'case_no_taken' };
        }
        throw error;
      }
    },

    async applyChange(next, expectedVersion, event, counters, outbox = []) {
      try {
        await transact(() =>
          execute(
            CaseEntity.build(PutTransaction)
              .item(caseItem(next))
              .options({ condition: { attr: 'version', eq: expectedVersion } }),
            CaseEventEntity.build(PutTransaction)
              .item({ ...event })
              .options({ condition: { attr: 'eventId', exists: false } }),
            ...counterTransactions(counters, new Date(event.at)),
            ...outbox.map((o) => OutboxEntity.build(PutTransaction).item({ ...o })),
          ),
        );
        return { ok: true };
      } catch (error) {
        if (isTransactionCancelled(error) && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
          return { ok: false, reason: 'version_conflict' };
        }
        throw error;
      }
    },

    async appendEvent(event) {
      await CaseEventEntity.build(PutItemCommand)
        .item({ ...event })
        .options({ condition: { attr: 'eventId', exists: false } })
        .send();
    },

    async listCases(query, page) {
      const { index, partition, range, reverse } = queryKeys(query);
      const exclusiveStartKey = page.cursor ? decodeCursor(page.cursor, index, partition) : undefined;
      const result = await table
        .build(QueryCommand)
        .entities(CaseEntity)
        .query({ index, partition, ...(range ? { range } : {}) } as never)
        .options({ limit: page.limit, reverse, ...(exclusiveStartKey ? { exclusiveStartKey } : {}) })
        .send();
      return {
        items: (result.Items ?? []).map((item) => toCaseRecord(item as never)),
        ...(result.LastEvaluatedKey ? { cursor: encodeCursor(result.LastEvaluatedKey) } : {}),
      };
    },

    async listSlaDue(shard, now, page) {
      const partition = `SLA#${shard}`;
      const exclusiveStartKey = page.cursor ? decodeCursor(page.cursor, 'gsi5', partition) : undefined;
      // '~' sorts after '#': every step due at or before `now`, whatever the case number.
      const result = await table
        .build(QueryCommand)
        .entities(CaseEntity)
        .query({ index: 'gsi5', partition, range: { lte: `${now}~` } })
        .options({ limit: page.limit, ...(exclusiveStartKey ? { exclusiveStartKey } : {}) })
        .send();
      return {
        items: (result.Items ?? []).map((item) => toCaseRecord(item as never)),
        ...(result.LastEvaluatedKey ? { cursor: encodeCursor(result.LastEvaluatedKey) } : {}),
      };
    },

    async listOutbox(shard, limit) {
      const result = await table.build(QueryCommand).entities(OutboxEntity).query({ partition: `OUTBOX#${shard}` }).options({ limit }).send();
      return (result.Items ?? []).map((o) => ({ ...o }));
    },

    async deleteOutbox(item) {
      await OutboxEntity.build(DeleteItemCommand).key({ shard: item.shard, createdAt: item.createdAt, id: item.id }).send();
    },

    async putInboxItem(item) {
      try {
        await InboxEntity.build(PutItemCommand).item(item).options({ condition: { attr: 'id', exists: false } }).send();
        return true;
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    async listInbox(inboxKeys, limit) {
      const pages = await Promise.all(
        inboxKeys.map((k) => table.build(QueryCommand).entities(InboxEntity).query({ partition: `INBOX#${k}` }).options({ limit, reverse: true }).send()),
      );
      return pages
        .flatMap((p) => p.Items ?? [])
        .map((i) => ({ ...i }))
        .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
        .slice(0, limit);
    },

    async claimWeChatSend(id, now, leaseMs) {
      const ttl = Math.floor(now.getTime() / 1000) + 30 * 24 * 3600;
      try {
        await WeChatSentEntity.build(PutItemCommand)
          .item({ id, status: 'sending', leaseUntil: now.getTime() + leaseMs, at: now.toISOString(), ttl })
          .options({ condition: { or: [{ attr: 'id', exists: false }, { and: [{ attr: 'status', eq: 'sending' }, { attr: 'leaseUntil', lt: now.getTime() }] }] } })
          .send();
        return 'claimed';
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
        const { Item } = await WeChatSentEntity.build(GetItemCommand).key({ id }).options({ consistent: true }).send();
        return Item?.status === 'sent' ? 'sent' : 'busy';
      }
    },

    async markWeChatSent(id, now) {
      await WeChatSentEntity.build(PutItemCommand)
        .item({ id, status: 'sent', leaseUntil: 0, at: now.toISOString(), ttl: Math.floor(now.getTime() / 1000) + 30 * 24 * 3600 })
        .send();
    },

    async releaseWeChatSend(id) {
      await WeChatSentEntity.build(DeleteItemCommand).key({ id }).options({ condition: { attr: 'status', eq: 'sending' } }).send().catch(() => undefined);
    },

    async listCalendarOverrides() {
      const items = await queryAll((exclusiveStartKey) =>
        table
          .build(QueryCommand)
          .entities(CalendarOverrideEntity)
          .query({ partition: key.calendarOverride('').pk })
          .options({ ...(exclusiveStartKey ? { exclusiveStartKey } : {}) })
          .send(),
      );
      return items.map((o) => ({ date: o.date, work: o.work, ...(o.note ? { note: o.note } : {}) }));
    },

    async putCalendarOverride(override) {
      await CalendarOverrideEntity.build(PutItemCommand).item(override).send();
    },

    async deleteCalendarOverride(date) {
      await CalendarOverrideEntity.build(DeleteItemCommand).key({ date }).send();
    },

    async listSlaPolicies() {
      const result = await table.build(QueryCommand).entities(SlaPolicyEntity).query({ partition: key.slaPolicy('').pk }).send();
      return Object.fromEntries(
        (result.Items ?? []).map((p) => [p.type, { answerDays: p.answerDays, warnDays: p.warnDays, severeDays: p.severeDays, dayMode: p.dayMode }]),
      );
    },

    async putSlaPolicy(type, policy) {
      await SlaPolicyEntity.build(PutItemCommand).item({ type, ...policy }).send();
    },

    async getIdempotency(keyHash) {
      const { Item } = await IdempotencyEntity.build(GetItemCommand).key({ keyHash }).options(LATEST).send();
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

    async getOfficial(username) {
      const { Item } = await OfficialEntity.build(GetItemCommand).key({ username }).options(LATEST).send();
      return Item ? toOfficial(Item) : undefined;
    },

    async createOfficial(official) {
      try {
        await OfficialEntity.build(PutItemCommand)
          .item({ ...official, gsi1pk: 'OFFICIALS', gsi1sk: official.username })
          .options({ condition: { attr: 'username', exists: false } })
          .send();
        return true;
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    async putOfficial(official) {
      await OfficialEntity.build(PutItemCommand)
        .item({ ...official, gsi1pk: 'OFFICIALS', gsi1sk: official.username })
        .send();
    },

    async listOfficials() {
      const items = await queryAll((exclusiveStartKey) =>
        table
          .build(QueryCommand)
          .entities(OfficialEntity)
          .query({ index: 'gsi1', partition: 'OFFICIALS' })
          .options({ ...(exclusiveStartKey ? { exclusiveStartKey } : {}) })
          .send(),
      );
      return items.map(toOfficial);
    },

    async getStats(period) {
      const items = await queryAll((exclusiveStartKey) =>
        table
          .build(QueryCommand)
          .entities(StatsEntity)
          .query({ partition: `STATS#${period}` })
          .options({ ...(exclusiveStartKey ? { exclusiveStartKey } : {}) })
          .send(),
      );
      return Object.fromEntries(items.map((item) => [item.dim, toCounters(item)]));
    },

    async getStatsTotals(period) {
      const { Item } = await StatsEntity.build(GetItemCommand).key({ period, dim: 'ALL' }).send();
      return Item ? toCounters(Item) : {};
    },
  };
}

// ---- Queues: which index, partition and range each list reads ----

type RangeCondition = { between: [string, string] } | { lt: string } | { gte: string };

function queryKeys(query: CaseQuery): { index: string; partition: string; range?: RangeCondition; reverse: boolean } {
  const dueRange = (q: { dueBefore?: string; dueFrom?: string }): RangeCondition | undefined =>
    q.dueFrom && q.dueBefore ? { between: [q.dueFrom, q.dueBefore] } : q.dueBefore ? { lt: q.dueBefore } : q.dueFrom ? { gte: q.dueFrom } : undefined;
  switch (query.kind) {
    case 'intake':
      return { index: 'gsi1', partition: 'Q#intake', reverse: false };
    case 'department': {
      const range = dueRange(query);
      return { index: 'gsi1', partition: `Q#dept#${query.departmentId}`, ...(range ? { range } : {}), reverse: false };
    }
    case 'closed':
      return query.departmentId
        ? { index: 'gsi2', partition: `CLOSED#${query.departmentId}`, reverse: true }
        : { index: 'gsi1', partition: 'Q#closed', reverse: true };
    case 'owner':
      return { index: 'gsi3', partition: `OWNER#${query.officialId}`, reverse: true };
    case 'escalated':
      return { index: 'gsi4', partition: 'ESC', reverse: false };
    case 'open_by_due': {
      const range = dueRange(query);
      return { index: 'gsi2', partition: 'OPEN', ...(range ? { range } : {}), reverse: false };
    }
  }
}

function encodeCursor(lastKey: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(lastKey)).toString('base64url');
}

/** A cursor is only accepted for the list it came from: it cannot open another partition. */
function decodeCursor(cursor: string, index: string, partition: string): Record<string, unknown> {
  const invalid = () => new DomainError('VALIDATION_FAILED', { fields: { cursor: '翻页标记无效，请从第一页重新开始' } });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid();
  const entries = Object.entries(parsed as Record<string, unknown>);
  const allowed = new Set([KEYS.partitionKey, KEYS.sortKey, ...INDEX_ATTRS]);
  if (!entries.every(([k, v]) => allowed.has(k as never) && typeof v === 'string')) throw invalid();
  const pkAttr = KEYS.indexes[index as keyof typeof KEYS.indexes].partitionKey;
  if ((parsed as Record<string, unknown>)[pkAttr] !== partition) throw invalid();
  return parsed as Record<string, unknown>;
}

// ---- Mapping stored items to domain shapes (stored items carry keys and index attributes) ----

function withoutIndexAttrs<T extends Record<string, unknown>>(item: T): T {
  const out: Record<string, unknown> = { ...item };
  for (const attr of INDEX_ATTRS) delete out[attr];
  return out as T;
}

function toCaseRecord(item: CaseRecord & Record<string, unknown>): CaseRecord {
  return withoutIndexAttrs(item);
}

function toCaseEvent(item: Omit<CaseEvent, 'actorRole'> & { actorRole: string }): CaseEvent {
  return { ...item, actorRole: item.actorRole as ActorRole };
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

function toOfficial(item: Official & Record<string, unknown>): Official {
  const { gsi1pk: _a, gsi1sk: _b, ...rest } = item;
  return rest as Official;
}

function toCounters(item: Record<string, unknown>): StatCounters {
  const { period: _p, dim: _d, ...counters } = item;
  return counters as StatCounters;
}
