/**
 * The search index snapshot on DynamoDB Local and s3rver: the library indexer writes it to the
 * bucket; a cold search process loads it and answers without reading the list of items (only the
 * answered page's items, by id); an admin's edit is searchable at once in the process that made
 * it and within the 3 s check interval in another process that loaded the snapshot before the
 * edit; a process starting after the edit (snapshot not yet rewritten) has it in its first answer;
 * with no snapshot in the bucket a cold process still answers (built from the table).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { toShanghaiDate } from '@minsheng/shared';
import { createTestStack, type TestStack } from '../../support/stack';
import { show } from '../../support/console';
import { Session } from '../console/console-kit';
import { seedDemoLibrary } from '../../../infra/src/demo-library';
import { createDeps } from '../../../functions/src/app/deps';
import { LiveLibraryIndex, rebuildLibrarySnapshot } from '../../../functions/src/adapters/search/live-library-index';
import { HEAD_KEY } from '../../../functions/src/adapters/search/snapshot';
import { createIndexerHandler } from '../../../functions/src/jobs/library-indexer';
import type { LibraryStore } from '../../../functions/src/ports/library-store';
import { TEST_SECRET } from '../../support/stack';
import { startLocalLibraryIndexer } from '../../../infra/src/library-indexer-local';
import { decodeHead } from '../../../functions/src/adapters/search/snapshot';

let stack: TestStack;
let admin: string;

const NOW = () => new Date();

/** Another search "Lambda": its own store (counting what it is asked), the same bucket, a clock the test moves. */
function coldProcess(options: { snapshots?: boolean } = {}) {
  const base = createDeps({ TABLE_NAME: stack.tableName, AWS_REGION: 'local', DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), APP_SECRET: TEST_SECRET, EVIDENCE_BUCKET: stack.bucket, S3_ENDPOINT: inject('s3Endpoint') });
  const calls = { listItems: 0, itemsById: 0 };
  const store: LibraryStore = {
    ...base.library,
    listItems: () => (calls.listItems++, base.library.listItems()),
    getItems: (ids) => ((calls.itemsById += ids.length), base.library.getItems(ids)),
  };
  let clock = 0;
  const index = new LiveLibraryIndex(store, { clock: () => clock, checkEveryMs: 3000, ...(options.snapshots === false ? {} : { snapshots: base.storage }) });
  return {
    index,
    calls,
    advance: (ms: number) => (clock += ms),
    ids: async (q: string) => (await index.search(q, { limit: 10, now: NOW() })).hits.map((h) => h.item.id),
  };
}

beforeAll(async () => {
  stack = await createTestStack();
  await seedDemoLibrary(stack.deps);
  const session = await Session.start(stack);
  admin = await session.token('admin');
});

describe('the library index snapshot', () => {
  it('with none in the bucket yet, a cold process builds from the table and answers', async () => {
    expect(await stack.deps.storage.read(HEAD_KEY)).toBeUndefined();
    const cold = coldProcess();
    expect((await cold.ids('怎么申请低保')).length).toBeGreaterThan(0);
    expect(cold.index.stats).toMatchObject({ fullBuilds: 1, snapshotLoads: 0 });
    expect(cold.calls.listItems).toBe(1);
  });

  it('written by the indexer; a cold process loads it, answers as a build from the table, and never lists the items', async () => {
    const indexerHandler = createIndexerHandler(() => stack.deps);
    const written = await indexerHandler({});
    expect(written).toMatchObject({ written: true, docs: 74 });
    expect((await indexerHandler({})).written).toBe(false); // nothing changed since

    const cold = coldProcess();
    const fromTable = coldProcess({ snapshots: false });
    for (const query of ['怎么申请低保', '老板拖欠工资不给怎么办', '异地看病怎么报销', '拆迁补偿标准']) {
      const got = await cold.index.search(query, { limit: 10, now: NOW() });
      const want = await fromTable.index.search(query, { limit: 10, now: NOW() });
      expect(got.hits.map((h) => h.item.id), query).toEqual(want.hits.map((h) => h.item.id));
      expect(got.total, query).toBe(want.total);
      expect(got.hits[0]!.item.body.length, query).toBeGreaterThan(20);
    }
    expect(cold.calls.listItems).toBe(0);
    expect(cold.index.stats).toMatchObject({ fullBuilds: 0, snapshotLoads: 1 });
    expect(cold.calls.itemsById).toBeLessThanOrEqual(40);

    // Through the public route too (snippets come from the bodies read by id).
    const res = await stack.request('GET', `/api/policies?q=${encodeURIComponent('低保')}&limit=3`);
    expect(res.status, show(res)).toBe(200);
    expect(res.body.items[0].snippet).toContain('低保');
  });

  it('an admin’s edit: searchable at once where it was made, within 3 s in a process warm from the snapshot, and in a process starting after it', async () => {
    await rebuildLibrarySnapshot(stack.deps.library, stack.deps.storage);
    const warm = coldProcess();
    expect(await warm.ids('蜂蜜产业')).toEqual([]);
    expect(warm.index.stats.snapshotLoads).toBe(1);

    const body = {
      title: '民安县蜂蜜产业扶持办法',
      issuer: '民安县农业农村局',
      issuedAt: toShanghaiDate(new Date()),
      body: '对在本县从事中蜂养殖、存栏50群以上的蜂农，每群补贴80元，由乡镇核实后发放。',
      tags: ['惠农补贴'],
    };
    const created = await stack.request('POST', '/api/console/admin/policies', { token: admin, body });
    expect(created.status, show(created)).toBe(201);
    const id = created.body.id as string;

    // The editing process: at once (the admin list reads fresh; the public search too after invalidate()).
    const list = await stack.request('GET', `/api/console/admin/policies?q=${encodeURIComponent('蜂蜜产业')}`, { token: admin });
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    const pub = await stack.request('GET', `/api/policies?q=${encodeURIComponent('蜂蜜产业')}`);
    expect(pub.body.items[0].id).toBe(id);

    // The other process trusts its index for 3 s of its clock, then catches up from the change log.
    expect(await warm.ids('蜂蜜产业')).toEqual([]);
    warm.advance(3001);
    expect((await warm.ids('蜂蜜产业'))[0]).toBe(id);
    expect(warm.index.stats).toMatchObject({ fullBuilds: 0, incrementalUpdates: 1 });

    // A process starting now loads the snapshot written before the edit and catches up before answering.
    const later = coldProcess();
    expect((await later.ids('蜂蜜产业'))[0]).toBe(id);
    expect(later.calls.listItems).toBe(0);

    // Deleted: gone from the warm process's answers within the interval (not shown from the snapshot).
    const removed = await stack.request('DELETE', `/api/console/admin/policies/${id}?expectedRevision=1`, { token: admin });
    expect(removed.status, show(removed)).toBe(200);
    warm.advance(3001);
    expect(await warm.ids('蜂蜜产业')).toEqual([]);
  });

  it('on the local stack (npm start) the indexer runs on its schedule and rewrites the snapshot after a change', async () => {
    const version = async () => {
      const head = await stack.deps.storage.read(HEAD_KEY);
      return head ? decodeHead(head).header.version : -1;
    };
    const lines: string[] = [];
    const indexer = startLocalLibraryIndexer(stack.deps, (line) => lines.push(line), 200);
    try {
      await expect.poll(version, { timeout: 20_000 }).toBe(await stack.deps.library.getVersion());
      const item = (await stack.deps.library.getItem('demo-dibao-biaozhun-2025', { consistent: true }))!;
      const saved = await stack.deps.library.saveItem({ ...item, title: `${item.title}（修订）`, revision: item.revision + 1 }, item.revision);
      expect(saved.ok).toBe(true);
      await expect.poll(version, { timeout: 20_000 }).toBe(saved.ok ? saved.version : -1);
      expect(lines.some((l) => l.startsWith('library index snapshot written'))).toBe(true);
    } finally {
      indexer.stop();
    }
  });
});
