import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { DeleteTransaction } from 'dynamodb-toolbox/entity/actions/transactDelete';
import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { number } from 'dynamodb-toolbox/schema/number';
import { BatchPutRequest } from 'dynamodb-toolbox/entity/actions/batchPut';
import { BatchWriteCommand, execute as executeBatchWrite } from 'dynamodb-toolbox/table/actions/batchWrite';
import type { LibraryChange, LibraryItemRecord, LibraryStore, PublicationWrite, SaveResult, StoredSynonyms } from '../../ports/library-store';
import { caseEntities, libraryEntities } from './entities';
import { cancellationReasons, retryTransaction, type WriteTransaction } from './errors';
import { LIBRARY_SHARDS, libraryKey } from './keys';
import { LATEST, type MinshengTable } from './table';

/** Change-log entries live a week: an index further behind than that rebuilds from the items. */
const CHANGE_TTL_SECONDS = 7 * 24 * 3600;
const SCOPE = 'LIBRARY';


/**
 * The library on the single table. Items are spread over LIBRARY_SHARDS partitions (a full build
 * reads them in parallel); every change is a transaction with the version item (conditioned on the version
 * read, so changes are numbered without gaps) and a change-log entry.
 */
export function createDynamoLibraryStore(table: MinshengTable): LibraryStore {
  const { CaseEventEntity } = caseEntities(table);
  const { LibraryItemEntity, LibraryVersionEntity, LibraryChangeEntity, LibraryCaseLinkEntity, LibrarySynonymsEntity } = libraryEntities(table);

  /** Every item of one shard (a full index build reads the LIBRARY_SHARDS shards at once). */
  const itemsOfShard = LibraryItemEntity.build(AccessPattern)
    .schema(number())
    .pattern((shard) => ({ partition: libraryKey.itemPartition(shard), range: { beginsWith: libraryKey.itemPrefix } }))
    .options({ maxPages: Infinity });
  /** Change-log entries after a version, oldest first. */
  const changesSince = LibraryChangeEntity.build(AccessPattern)
    .schema(number())
    .pattern((version) => ({ partition: libraryKey.changeLog, range: { gt: libraryKey.change(version).sk } }))
    .options(LATEST);

  async function getVersion(): Promise<number> {
    const { Item } = await LibraryVersionEntity.build(GetItemCommand).key({ scope: SCOPE }).options(LATEST).send();
    return Item?.version ?? 0;
  }

  /** The writes that number a change: the version moves from `current` to `current + 1`, and the log says what changed. */
  function versionWrites(current: number, change: Omit<LibraryChange, 'version'>, at: string) {
    const next = current + 1;
    return [
      LibraryVersionEntity.build(PutTransaction)
        .item({ scope: SCOPE, version: next, at })
        .options({ condition: current === 0 ? { attr: 'version', exists: false } : { attr: 'version', eq: current } }),
      LibraryChangeEntity.build(PutTransaction).item({
        version: next,
        op: change.op,
        ...(change.itemId ? { itemId: change.itemId } : {}),
        at,
        ttl: Math.floor(Date.parse(at) / 1000) + CHANGE_TTL_SECONDS,
      }),
    ];
  }

  /**
   * Run `build(version)` as one transaction; when another change took the version first (the
   * version condition failed) or transactions collided, read the version again and retry.
   * `ownConditions` are the positions of the caller's own conditions: their failure is the answer.
   */
  /** The synonym list as the admin saw it: saved at `expectedRevision`, or (null) none saved — the built-in list. */
  const synonymsCondition = (expectedRevision: number | null | undefined) =>
    expectedRevision === undefined
      ? {}
      : expectedRevision === null
        ? { condition: { attr: 'scope', exists: false } as const }
        : expectedRevision === 1
          ? { condition: { or: [{ attr: 'revision' as const, eq: 1 }, { attr: 'revision' as const, exists: false }] } }
          : { condition: { attr: 'revision', eq: expectedRevision } as const };

  async function commit(build: (version: number) => WriteTransaction[], ownConditions: number[], versionAt: number): Promise<SaveResult> {
    let version = 0;
    try {
      await retryTransaction(
        async () => {
          version = await getVersion();
          await execute(...build(version));
        },
        {
          // Another change took the version first, or transactions collided: read the version again.
          retryable: (reasons) => !ownConditions.some((i) => reasons[i] === 'ConditionalCheckFailed') && (reasons[versionAt] === 'ConditionalCheckFailed' || reasons.includes('TransactionConflict')),
          attempts: 8,
          baseDelayMs: 10,
        },
      );
      return { ok: true, version: version + 1 };
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (ownConditions.some((i) => reasons[i] === 'ConditionalCheckFailed')) return { ok: false, reason: 'revision_conflict' };
      throw error;
    }
  }

  const toRecord = (item: Record<string, unknown>): LibraryItemRecord => {
    const { id, kind, title, body, question, issuer, issuedAt, docNo, sourceUrl, tags, categoryId, sourceCaseNo, revision, createdAt, updatedAt, createdBy, updatedBy } =
      item as unknown as LibraryItemRecord;
    return {
      id,
      kind,
      title,
      body,
      ...(question !== undefined ? { question } : {}),
      ...(issuer !== undefined ? { issuer } : {}),
      issuedAt,
      ...(docNo !== undefined ? { docNo } : {}),
      ...(sourceUrl !== undefined ? { sourceUrl } : {}),
      tags: tags ?? [],
      ...(categoryId !== undefined ? { categoryId } : {}),
      ...(sourceCaseNo !== undefined ? { sourceCaseNo } : {}),
      revision,
      createdAt,
      updatedAt,
      createdBy,
      updatedBy,
    };
  };

  return {
    getVersion,

    async listChangesSince(version, limit) {
      const { Items = [] } = await changesSince.query(version).options({ limit }).send();
      return Items.map((c) => ({ version: c.version, op: c.op, ...(c.itemId ? { itemId: c.itemId } : {}) }));
    },

    async listItems() {
      const shards = await Promise.all(
        Array.from({ length: LIBRARY_SHARDS }, async (_, shard) => {
          const { Items = [] } = await itemsOfShard.query(shard).send();
          return Items.map(toRecord);
        }),
      );
      return shards.flat();
    },

    async getItem(id, options = {}) {
      const { Item } = await LibraryItemEntity.build(GetItemCommand)
        .key({ id })
        .options({ consistent: options.consistent ?? false })
        .send();
      return Item ? toRecord(Item) : undefined;
    },

    async getItems(ids) {
      const out: LibraryItemRecord[] = [];
      // Usually one or a few (what changed since an index last looked): GetItems, ten at a time.
      for (let i = 0; i < ids.length; i += 10) {
        const found = await Promise.all(
          ids.slice(i, i + 10).map((id) => LibraryItemEntity.build(GetItemCommand).key({ id }).options(LATEST).send()),
        );
        for (const { Item } of found) if (Item) out.push(toRecord(Item));
      }
      return out;
    },

    async getPublishedItemId(caseNo) {
      const { Item } = await LibraryCaseLinkEntity.build(GetItemCommand).key({ caseNo }).options(LATEST).send();
      return Item?.itemId;
    },

    async saveItem(record, expectedRevision, publication?: PublicationWrite) {
      const itemWrite = LibraryItemEntity.build(PutTransaction)
        .item({ ...record })
        .options({ condition: expectedRevision === 0 ? { attr: 'id', exists: false } : { attr: 'revision', eq: expectedRevision } });
      return commit(
        (version) => [
          itemWrite,
          ...versionWrites(version, { op: 'put', itemId: record.id }, record.updatedAt),
          ...(publication
            ? [
                // A first publication claims the case's link: two officials publishing at once make one item.
                LibraryCaseLinkEntity.build(PutTransaction)
                  .item({ caseNo: publication.caseNo, itemId: record.id, at: record.updatedAt })
                  .options(expectedRevision === 0 ? { condition: { attr: 'caseNo', exists: false } } : {}),
                CaseEventEntity.build(PutTransaction)
                  .item({ ...publication.event })
                  .options({ condition: { attr: 'eventId', exists: false } }),
              ]
            : []),
        ],
        publication ? [0, 3] : [0],
        1,
      );
    },

    async deleteItem(record, expectedRevision, at) {
      return commit(
        (version) => [
          LibraryItemEntity.build(DeleteTransaction)
            .key({ id: record.id })
            .options({ condition: { attr: 'revision', eq: expectedRevision } }),
          ...versionWrites(version, { op: 'delete', itemId: record.id }, at),
          ...(record.sourceCaseNo ? [LibraryCaseLinkEntity.build(DeleteTransaction).key({ caseNo: record.sourceCaseNo })] : []),
        ],
        [0],
        1,
      );
    },

    async importItems(records, at) {
      for (let i = 0; i < records.length; i += 25) {
        const requests = records.slice(i, i + 25).map((r) => LibraryItemEntity.build(BatchPutRequest).item({ ...r }));
        await executeBatchWrite({ maxAttempts: 8 }, table.build(BatchWriteCommand).requests(...requests));
      }
      await commit((version) => versionWrites(version, { op: 'bulk' }, at), [], 0);
    },

    async getSynonyms() {
      const { Item } = await LibrarySynonymsEntity.build(GetItemCommand).key({ scope: SCOPE }).options(LATEST).send();
      // Lists saved before revisions were kept count as revision 1.
      return Item ? { groups: Item.groups, revision: Item.revision ?? 1, updatedAt: Item.updatedAt, updatedBy: Item.updatedBy } : undefined;
    },

    async putSynonyms(synonyms: StoredSynonyms, expectedRevision?: number | null) {
      return commit(
        (version) => [
          LibrarySynonymsEntity.build(PutTransaction)
            .item({ scope: SCOPE, ...synonyms })
            .options(synonymsCondition(expectedRevision)),
          ...versionWrites(version, { op: 'synonyms' }, synonyms.updatedAt),
        ],
        expectedRevision === undefined ? [] : [0],
        1,
      );
    },

    async deleteSynonyms(at: string, expectedRevision?: number | null) {
      return commit(
        (version) => [
          LibrarySynonymsEntity.build(DeleteTransaction)
            .key({ scope: SCOPE })
            .options(synonymsCondition(expectedRevision)),
          ...versionWrites(version, { op: 'synonyms' }, at),
        ],
        expectedRevision === undefined ? [] : [0],
        1,
      );
    },
  };
}
