import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { $add } from 'dynamodb-toolbox/entity/actions/update';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { UpdateTransaction } from 'dynamodb-toolbox/entity/actions/transactUpdate';
import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { string } from 'dynamodb-toolbox/schema/string';
import { statPeriods, type CaseRecord, type CounterDelta } from '@minsheng/shared';
import type { CaseEvent, CaseStore } from '../../ports/cases';
import { caseIndexKeys, withoutIndexAttrs } from './case-index-keys';
import { caseEntities, notificationEntities, statsEntities } from './entities';
import { conditionFailedAt, ON_CONFLICT_ONLY, retryTransaction } from './errors';
import { key } from './keys';
import { LATEST, type MinshengTable } from './table';

/** Seconds an idempotency record is kept: a retry within a day returns the same case. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;


/**
 * Cases and their events. Writes that change a case are transactions: the case (conditioned on
 * its version), its event, the statistics counters it moves and the notifications it causes are
 * written together or not at all.
 */
export function createDynamoCaseStore(table: MinshengTable): CaseStore {
  const { CaseEntity, CredentialEntity, CaseEventEntity, IdempotencyEntity } = caseEntities(table);
  const { StatsEntity } = statsEntities(table);
  const { OutboxEntity } = notificationEntities(table);

  /** The timeline/audit trail of a case, oldest first, every page. */
  const eventsOfCase = CaseEventEntity.build(AccessPattern)
    .schema(string())
    .pattern((caseNo) => ({ partition: key.case(caseNo).pk, range: { beginsWith: key.eventPrefix } }))
    .options({ ...LATEST, maxPages: Infinity });

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

  return {
    async getCase(caseNo) {
      const { Item } = await CaseEntity.build(GetItemCommand).key({ caseNo }).options(LATEST).send();
      return Item ? withoutIndexAttrs(Item as CaseRecord & Record<string, unknown>) : undefined;
    },

    async listEvents(caseNo) {
      const { Items = [] } = await eventsOfCase.query(caseNo).send();
      return Items.map((item) => item as CaseEvent);
    },

    async createCase({ record, passwordHash, event, idempotency, counters, outbox = [] }) {
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
        ...outbox.map((o) => OutboxEntity.build(PutTransaction).item({ ...o })),
      ].filter((t) => t !== undefined);
      try {
        await retryTransaction(() => execute(...transactions), ON_CONFLICT_ONLY);
        return { ok: true };
      } catch (error) {
        if (idempotency && conditionFailedAt(error, 1)) return { ok: false, reason: 'idempotency_key_taken' };
        if (conditionFailedAt(error, 0)) return { ok: false, reason: 'case_no_taken' };
        throw error;
      }
    },

    async applyChange(next, expectedVersion, event, counters, outbox = [], otherEvents = []) {
      try {
        await retryTransaction(
          () =>
            execute(
              CaseEntity.build(PutTransaction)
                .item(caseItem(next))
                .options({ condition: { attr: 'version', eq: expectedVersion } }),
              CaseEventEntity.build(PutTransaction)
                .item({ ...event })
                .options({ condition: { attr: 'eventId', exists: false } }),
              ...counterTransactions(counters, new Date(event.at)),
              ...outbox.map((o) => OutboxEntity.build(PutTransaction).item({ ...o })),
              ...otherEvents.map((e) => CaseEventEntity.build(PutTransaction).item({ ...e }).options({ condition: { attr: 'eventId', exists: false } })),
            ),
          ON_CONFLICT_ONLY,
        );
        return { ok: true };
      } catch (error) {
        if (conditionFailedAt(error, 0)) return { ok: false, reason: 'version_conflict' };
        throw error;
      }
    },

    async appendEvent(event) {
      await CaseEventEntity.build(PutItemCommand)
        .item({ ...event })
        .options({ condition: { attr: 'eventId', exists: false } })
        .send();
    },
  };
}
