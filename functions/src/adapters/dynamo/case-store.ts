import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { UpdateTransaction } from 'dynamodb-toolbox/entity/actions/transactUpdate';
import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { BatchGetRequest } from 'dynamodb-toolbox/entity/actions/batchGet';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { string } from 'dynamodb-toolbox/schema/string';
import type { CasePart, CaseRecord, CounterDelta } from '@minsheng/shared';
import type { CaseEvent, CaseStore, CaseWithCredential } from '../../ports/cases';
import { caseItem as storedCase, partItem, withoutIndexAttrs } from './case-index-keys';
import { caseEntities, citizenLinkEntities, notificationEntities } from './entities';
import { conditionFailedAt, ON_CONFLICT_ONLY, retryTransaction } from './errors';
import { key } from './keys';
import { consistentBatchGet, LATEST, type MinshengTable } from './table';

/** Seconds an idempotency record is kept: a retry within a day returns the same case. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;


/**
 * Cases and their events. Writes that change a case are transactions: the case (conditioned on
 * its version), its event and the notifications it causes are written together or not at all. The
 * statistics counters the change moves travel on the event item; the stream consumer adds them
 * (so no two case transactions contend on a counter item).
 */
export function createDynamoCaseStore(table: MinshengTable, options: { phoneKey?: Buffer } = {}): CaseStore {
  // Without the phone-search key (some tests' and benchmarks' stores) a case is written without its phone index key.
  const caseItem = (record: CaseRecord) => storedCase(record, options.phoneKey);
  const { CaseEntity, CredentialEntity, CaseEventEntity, IdempotencyEntity, CasePartEntity, AssessmentExemptionEntity } = caseEntities(table);
  /** The case as changed, on the condition that it is still the version read (index 0 of a change's transaction). */
  const versionedPut = (next: CaseRecord, expectedVersion: number) =>
    CaseEntity.build(PutTransaction)
      .item(caseItem(next))
      .options({ condition: { attr: 'version', eq: expectedVersion } });
  /** An event, written once (a retried transaction never writes it twice). */
  const newEvent = (event: CaseEvent, counters: CounterDelta[] = []) =>
    CaseEventEntity.build(PutTransaction).item(withCounters(event, counters)).options({ condition: { attr: 'eventId', exists: false } });
  const { OutboxEntity } = notificationEntities(table);
  const { CaseLinkEntity } = citizenLinkEntities(table);

  /** The timeline/audit trail of a case, oldest first, every page. */
  const eventsOfCase = CaseEventEntity.build(AccessPattern)
    .schema(string())
    .pattern((caseNo) => ({ partition: key.case(caseNo).pk, range: { beginsWith: key.eventPrefix } }))
    .options({ ...LATEST, maxPages: Infinity });

  /** The 协办 parts of a case. */
  const partsOfCase = CasePartEntity.build(AccessPattern)
    .schema(string())
    .pattern((caseNo) => ({ partition: key.case(caseNo).pk, range: { beginsWith: key.partPrefix } }))
    .options({ ...LATEST, maxPages: Infinity });

  /**
   * An event item carrying the counters its change moves: the stream consumer adds them to the
   * statistics (jobs/case-changes.ts, its statsConsumer route). No counters, no attribute (the stream filter skips it).
   */
  const withCounters = (event: CaseEvent, counters: CounterDelta[]) => (counters.length ? { ...event, counters: JSON.stringify(counters) } : { ...event });

  return {
    async getCase(caseNo) {
      const { Item } = await CaseEntity.build(GetItemCommand).key({ caseNo }).options(LATEST).send();
      return Item ? withoutIndexAttrs(Item as CaseRecord & Record<string, unknown>) : undefined;
    },

    async listEvents(caseNo) {
      const { Items = [] } = await eventsOfCase.query(caseNo).send();
      // The counters and the consumer's marker are bookkeeping of the statistics, not the timeline.
      return Items.map(({ counters: _c, countedAt: _a, ...item }) => item as CaseEvent);
    },

    async listEventCounters(caseNo) {
      const { Items = [] } = await eventsOfCase.query(caseNo).send();
      return Items.flatMap((item) => {
        const counters = (item as { counters?: unknown }).counters;
        return typeof counters === 'string' ? [{ at: String(item.at), counters: JSON.parse(counters) as CounterDelta[] }] : [];
      });
    },

    async createCase({ record, passwordHash, event, idempotency, counters, links = [], outbox = [] }) {
      const transactions = [
        CaseEntity.build(PutTransaction).item(caseItem(record)).options({ condition: { attr: 'caseNo', exists: false } }),
        idempotency
          ? IdempotencyEntity.build(PutTransaction)
              .item({ ...idempotency, ttl: Math.floor(Date.parse(idempotency.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS })
              .options({ condition: { attr: 'keyHash', exists: false } })
          : undefined,
        CredentialEntity.build(PutTransaction).item({ caseNo: record.caseNo, passwordHash, createdAt: record.createdAt }),
        CaseEventEntity.build(PutTransaction).item(withCounters(event, counters)),
        ...links.map((link) => CaseLinkEntity.build(PutTransaction).item({ ...link })),
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

    async listParts(caseNo) {
      const { Items = [] } = await partsOfCase.query(caseNo).send();
      return Items.map((i) => withoutIndexAttrs(i as unknown as CasePart & Record<string, unknown>) as CasePart);
    },

    async applyChange(next, expectedVersion, event, counters, outbox = [], otherEvents = [], parts = [], exemption) {
      try {
        await retryTransaction(
          () =>
            execute(
              versionedPut(next, expectedVersion),
              newEvent(event, counters),
              ...outbox.map((o) => OutboxEntity.build(PutTransaction).item({ ...o })),
              ...otherEvents.map((e) => newEvent(e)),
              // An event the other case's citizen sees is progress on that case (its version is left alone:
              // officials working it are not made to reload for a line on its timeline).
              ...otherEvents
                .filter((e) => e.public && e.actorRole !== 'citizen')
                .map((e) => CaseEntity.build(UpdateTransaction).item({ caseNo: e.caseNo, progressAt: e.at }).options({ condition: { attr: 'caseNo', exists: true } })),
              // 协办 parts, in the same transaction as the case (the case's version guards them).
              ...parts.map((p) => CasePartEntity.build(PutTransaction).item(partItem(p, next))),
              ...(exemption ? [AssessmentExemptionEntity.build(PutTransaction).item({ ...exemption })] : []),
            ),
          ON_CONFLICT_ONLY,
        );
        return { ok: true };
      } catch (error) {
        if (conditionFailedAt(error, 0)) return { ok: false, reason: 'version_conflict' };
        throw error;
      }
    },

    async replacePassword(next, expectedVersion, event, passwordHash) {
      try {
        await retryTransaction(
          () =>
            execute(
              versionedPut(next, expectedVersion),
              CredentialEntity.build(PutTransaction).item({ caseNo: next.caseNo, passwordHash, createdAt: next.createdAt }),
              newEvent(event),
            ),
          ON_CONFLICT_ONLY,
        );
        return { ok: true };
      } catch (error) {
        if (conditionFailedAt(error, 0)) return { ok: false, reason: 'version_conflict' };
        throw error;
      }
    },

    async getCases(caseNos) {
      const unique = [...new Set(caseNos)];
      const items = await consistentBatchGet(table, unique.map((caseNo) => CaseEntity.build(BatchGetRequest).key({ caseNo })));
      return items.filter((i) => i !== undefined).map((i) => withoutIndexAttrs(i as CaseRecord & Record<string, unknown>));
    },

    async getCasesWithCredentials(caseNos) {
      const unique = [...new Set(caseNos)];
      const found = new Map<string, CaseWithCredential>();
      const items = await consistentBatchGet(table, unique.flatMap((caseNo) => [CaseEntity.build(BatchGetRequest).key({ caseNo }), CredentialEntity.build(BatchGetRequest).key({ caseNo })]));
      unique.forEach((caseNo, i) => {
        const record = items[2 * i] as (CaseRecord & Record<string, unknown>) | undefined;
        const credential = items[2 * i + 1] as { passwordHash?: string } | undefined;
        if (record && credential?.passwordHash) found.set(caseNo, { record: withoutIndexAttrs(record), passwordHash: credential.passwordHash });
      });
      return found;
    },

    async appendEvent(event) {
      await CaseEventEntity.build(PutItemCommand)
        .item({ ...event })
        .options({ condition: { attr: 'eventId', exists: false } })
        .send();
    },
  };
}
