import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { DeleteTransaction } from 'dynamodb-toolbox/entity/actions/transactDelete';
import { execute, isTransactionCancelled, type ExecuteTransactWriteInput } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { BatchPutRequest } from 'dynamodb-toolbox/entity/actions/batchPut';
import { BatchWriteCommand, execute as executeBatchWrite } from 'dynamodb-toolbox/table/actions/batchWrite';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import type { LibraryChange, LibraryItemRecord, LibraryStore, PublicationWrite, SaveResult, StoredSynonyms } from '../../ports/library-store';
import { createLibraryEntities, LIBRARY_SHARDS, libraryKey, type Model } from './table';

/** Change-log entries live a week: an index further behind than that rebuilds from the items. */
const CHANGE_TTL_SECONDS = 7 * 24 * 3600;
const SCOPE = 'LIBRARY';

type WriteTransaction = Extract<ExecuteTransactWriteInput[number], { params: unknown }>;

function reasonsOf(error: unknown): (string | undefined)[] {
  return isTransactionCancelled(error) ? (error.CancellationReasons ?? []).map((r) => r.Code) : [];
}

/**
 * The library on the single table. Items are spread over LIBRARY_SHARDS partitions (a full build
 * reads them in parallel); every change is a transaction with the version item (conditioned on the version
 * read, so changes are numbered without gaps) and a change-log entry.
 */
export function createDynamoLibraryStore(model: Model): LibraryStore {
  const { table, CaseEventEntity } = model;
  const { LibraryItemEntity, LibraryVersionEntity, LibraryChangeEntity, LibraryCaseLinkEntity, LibrarySynonymsEntity } = createLibraryEntities(table);

  async function getVersion(): Promise<number> {
    const { Item } = await LibraryVersionEntity.build(GetItemCommand).key({ scope: SCOPE }).options({ consistent: true }).send();
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
    for (let attempt = 0; attempt < 8; attempt++) {
      const version = await getVersion();
      try {
        await execute(...build(version));
        return { ok: true, version: version + 1 };
      } catch (error) {
        const reasons = reasonsOf(error);
        if (reasons.length === 0) throw error;
        if (ownConditions.some((i) => reasons[i] === 'ConditionalCheckFailed')) return { ok: false, reason: 'revision_conflict' };
        const retry = reasons[versionAt] === 'ConditionalCheckFailed' || reasons.includes('TransactionConflict');
        if (!retry || attempt === 7) throw error;
        await new Promise((r) => setTimeout(r, 10 * 2 ** attempt * (0.5 + Math.random())));
      }
    }
    throw new Error('unreachable');
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
      const result = await table
        .build(QueryCommand)
        .entities(LibraryChangeEntity)
        .query({ partition: libraryKey.changeLog, range: { gt: libraryKey.change(version).sk } })
        .options({ consistent: true, limit })
        .send();
      return (result.Items ?? []).map((c) => ({ version: c.version, op: c.op, ...(c.itemId ? { itemId: c.itemId } : {}) }));
    },

    async listItems() {
      const shards = await Promise.all(
        Array.from({ length: LIBRARY_SHARDS }, async (_, shard) => {
          const items: LibraryItemRecord[] = [];
          let exclusiveStartKey: Record<string, unknown> | undefined;
          do {
            const page = await table
              .build(QueryCommand)
              .entities(LibraryItemEntity)
              .query({ partition: libraryKey.itemPartition(shard), range: { beginsWith: libraryKey.itemPrefix } })
              .options({ ...(exclusiveStartKey ? { exclusiveStartKey } : {}) })
              .send();
            for (const item of page.Items ?? []) items.push(toRecord(item));
            exclusiveStartKey = page.LastEvaluatedKey;
          } while (exclusiveStartKey);
          return items;
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
          ids.slice(i, i + 10).map((id) => LibraryItemEntity.build(GetItemCommand).key({ id }).options({ consistent: true }).send()),
        );
        for (const { Item } of found) if (Item) out.push(toRecord(Item));
      }
      return out;
    },

    async getPublishedItemId(caseNo) {
      const { Item } = await LibraryCaseLinkEntity.build(GetItemCommand).key({ caseNo }).options({ consistent: true }).send();
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
      const { Item } = await LibrarySynonymsEntity.build(GetItemCommand).key({ scope: SCOPE }).options({ consistent: true }).send();
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
