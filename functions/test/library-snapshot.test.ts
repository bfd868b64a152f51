/**
 * The library index snapshot (what a cold search Lambda loads instead of reading every item):
 * read back, it answers exactly as the index it was written from — same items, same order, same
 * scores — before and after items change; the live index loaded from it reads no list of items,
 * only the page's items by id, sees changes made since the snapshot, and falls back to the table
 * when there is no snapshot or a shard is gone.
 */
import { describe, expect, it } from 'vitest';
import { demoLibraryRecords } from '../../infra/src/demo-library';
import type { LibraryItemRecord } from '../src/ports/library-store';
import { buildLibraryIndex, describeIndexed, LiveLibraryIndex, rebuildLibrarySnapshot, type IndexedItem } from '../src/adapters/search/live-library-index';
import { DEFAULT_RANKING, SearchIndex } from '../src/adapters/search/search-index';
import { decodeHead, encodeHead, encodeShards, HEAD_KEY, ShardReader, shardOf } from '../src/adapters/search/snapshot';
import { memoryLibrary, memoryObjects } from './library-memory';

const NOW = new Date('2025-12-01T02:00:00Z');
const items = demoLibraryRecords(new Date('2025-11-01T00:00:00Z'));
const QUERIES = [
  '种粮补贴什么时候发', '老板拖欠工资不给怎么办', '孩子学校要搬走了', '拆迁补偿标准', '灵活就业怎么交社保', '异地看病怎么报销',
  '怎么申请低保', '村里乱收钱', '公积金租房能取吗', '工地晚上施工噪音太吵', '打12345多久能回复', '社保', '低保', '2025', '民安县',
  '没有这个词的查询喵', 'abc',
];

type Answer = { total: number; hits: { id: string; score: number; match: number }[] };
function answer<T extends { id: string }>(index: SearchIndex<T>, q: string, extra: { kind?: string; offset?: number } = {}): Answer {
  const r = index.search(q, { limit: 10, now: NOW, ...extra });
  return { total: r.total, hits: r.hits.map((h) => ({ id: h.doc.id, score: h.score, match: h.match })) };
}
/** Same items in the same order, scores and match shares equal within 1e-9. */
function expectSame(got: Answer, want: Answer, label: string) {
  expect(got.total, label).toBe(want.total);
  expect(got.hits.map((h) => h.id), label).toEqual(want.hits.map((h) => h.id));
  got.hits.forEach((h, i) => {
    expect(Math.abs(h.score - want.hits[i]!.score), `${label} #${i} score`).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(h.match - want.hits[i]!.match), `${label} #${i} match`).toBeLessThanOrEqual(1e-9);
  });
}

/** Write `index` as a snapshot of `shards` shards and read it back (postings adopted on demand, as a Lambda does). */
function roundTrip(index: SearchIndex<LibraryItemRecord>, shards: number) {
  const { docs, postings } = index.exportData();
  const head = encodeHead({ format: 1, version: 7, mode: 'fast-bigrams', synonyms: [], shards, build: 'b', builtAt: NOW.toISOString(), previous: [] }, docs);
  const readers = encodeShards(postings, shards).map((b) => new ShardReader(b));
  const decoded = decodeHead(head);
  expect(decoded.header).toMatchObject({ version: 7, docs: index.size, shards });
  const loaded = SearchIndex.fromSnapshot<IndexedItem>(index.analyzer, describeIndexed, DEFAULT_RANKING, decoded.docs);
  const adoptFor = (q: string) => loaded.adopt(loaded.unadopted(loaded.analyzer.analyze(q).terms), (t) => readers[shardOf(t, shards)]!.read(t));
  return { loaded, adoptFor, readers, termCount: postings.size };
}

describe('the index snapshot', () => {
  it('read back, answers every query exactly as the index it was written from (ids, order, scores), newest first too', () => {
    const fresh = buildLibraryIndex(items);
    for (const shards of [1, 8]) {
      const { loaded, adoptFor, readers, termCount } = roundTrip(fresh, shards);
      // Every term is in exactly one shard.
      expect(readers.reduce((n, r) => n + r.termCount, 0)).toBe(termCount);
      expect(loaded.size).toBe(items.length);
      for (const q of QUERIES) {
        adoptFor(q);
        expectSame(answer(loaded, q), answer(fresh, q), `${shards} shards: ${q}`);
        expectSame(answer(loaded, q, { kind: 'qa' }), answer(fresh, q, { kind: 'qa' }), `${shards} shards, qa: ${q}`);
        expectSame(answer(loaded, q, { offset: 5 }), answer(fresh, q, { offset: 5 }), `${shards} shards, page 2: ${q}`);
      }
      expect(loaded.newest({ limit: 200 }).docs.map((d) => d.id)).toEqual(fresh.newest({ limit: 200 }).docs.map((d) => d.id));
      expect(loaded.newest({ limit: 200, kind: 'qa' }).docs.map((d) => d.id)).toEqual(fresh.newest({ limit: 200, kind: 'qa' }).docs.map((d) => d.id));
    }
    // Sanity of the comparison: the queries do find things.
    expect(answer(fresh, '低保').total).toBeGreaterThan(0);
  });

  it('after items are replaced, removed and added (some terms read before, some after), answers like a fresh build of the result', () => {
    const { loaded, adoptFor } = roundTrip(buildLibraryIndex(items), 4);
    // Half the queries' postings are read before the changes, half after.
    QUERIES.slice(0, 8).forEach(adoptFor);
    const removed = items.filter((_, n) => n % 3 === 0);
    const changed = items.filter((_, n) => n % 3 === 1).map((i) => ({ ...i, title: `${i.title}（修订）`, body: `${i.body} 补充说明：低保和社保的办理渠道。` }));
    const added = items.slice(0, 5).map((i, n) => ({ ...i, id: `new-${n}`, title: `新增 ${i.title}` }));
    for (const i of removed) loaded.remove(i.id);
    for (const i of changed) loaded.upsert(i);
    for (const i of added) loaded.upsert(i);
    QUERIES.forEach(adoptFor);
    const kept = items.filter((_, n) => n % 3 === 2);
    const expected = buildLibraryIndex([...kept, ...changed, ...added]);
    expect(loaded.size).toBe(expected.size);
    for (const q of QUERIES) expectSame(answer(loaded, q), answer(expected, q), q);
  });
});

describe('the live index with a snapshot', () => {
  it('loads it at cold start without listing the items, reads only the page’s items, and answers as a build from the table', async () => {
    const mem = memoryLibrary(items);
    const { bucket } = memoryObjects();
    await mem.store.saveItem({ ...items[0]!, revision: 2 }, 1); // version 1
    const written = await rebuildLibrarySnapshot(mem.store, bucket, { now: NOW });
    expect(written).toMatchObject({ written: true, version: 1, docs: items.length });
    mem.calls.listItems = 0;

    const cold = new LiveLibraryIndex(mem.store, { snapshots: bucket });
    const fromTable = new LiveLibraryIndex(memoryLibrary(items).store);
    for (const q of QUERIES) {
      const got = await cold.search(q, { limit: 10, now: NOW });
      const want = await fromTable.search(q, { limit: 10, now: NOW });
      expect(got.hits.map((h) => h.item.id), q).toEqual(want.hits.map((h) => h.item.id));
      expect(got.total).toBe(want.total);
      got.hits.forEach((h, i) => expect(Math.abs(h.score - want.hits[i]!.score)).toBeLessThanOrEqual(1e-9));
      // Whole items, as stored (the snippet needs the body).
      for (const h of got.hits) expect(h.item).toEqual(mem.items.get(h.item.id));
    }
    expect(mem.calls.listItems).toBe(0);
    expect(cold.stats).toMatchObject({ fullBuilds: 0, snapshotLoads: 1 });
    const page = await cold.newest({ limit: 5 });
    expect(page.items.map((i) => i.id)).toEqual((await fromTable.newest({ limit: 5 })).items.map((i) => i.id));
    expect(page.items[0]!.body.length).toBeGreaterThan(0);
    expect(page.total).toBe(items.length);
    // Only the answered pages' items were read by id: at most 10 per search, 5 for the list.
    expect(mem.calls.itemsRead).toBeLessThanOrEqual(QUERIES.length * 10 + 5);
  });

  it('a change made after the snapshot was written is in a cold index’s first answer; a deleted item is not', async () => {
    const mem = memoryLibrary(items);
    const { bucket } = memoryObjects();
    await rebuildLibrarySnapshot(mem.store, bucket, { now: NOW });
    const target = items.find((i) => i.id === 'demo-dibao-biaozhun-2025')!;
    await mem.store.saveItem({ ...target, title: '乡村振兴蜂蜜产业扶持办法', revision: 2 }, 1);
    const gone = items.find((i) => i.id === 'demo-gongzufang-shenqing')!;
    await mem.store.deleteItem(gone, 1, NOW.toISOString());

    const cold = new LiveLibraryIndex(mem.store, { snapshots: bucket });
    const honey = await cold.search('蜂蜜产业', { limit: 3, now: NOW });
    expect(honey.hits[0]?.item.id).toBe(target.id);
    const rent = await cold.search('公租房怎么申请', { limit: 10, now: NOW });
    expect(rent.hits.map((h) => h.item.id)).not.toContain(gone.id);
    expect((await cold.newest({ limit: 200 })).total).toBe(items.length - 1);
    expect(cold.stats).toMatchObject({ fullBuilds: 0, snapshotLoads: 1, incrementalUpdates: 1 });
    expect(mem.calls.listItems).toBe(1); // the indexer's, none since
  });

  it('a snapshot from before an import (or a synonym change) is not used as it is: the cold index builds from the table', async () => {
    const mem = memoryLibrary(items);
    const { bucket } = memoryObjects();
    await rebuildLibrarySnapshot(mem.store, bucket);
    await mem.store.importItems([{ ...items[0]!, id: 'imported-1', title: '乡村振兴蜂蜜产业扶持办法' }], NOW.toISOString());
    const cold = new LiveLibraryIndex(mem.store, { snapshots: bucket });
    expect((await cold.search('蜂蜜产业', { limit: 3, now: NOW })).hits[0]?.item.id).toBe('imported-1');
    expect(cold.stats).toMatchObject({ snapshotLoads: 1, fullBuilds: 1 });
  });

  it('without a snapshot builds from the table; the indexer rewrites only when the library moved, keeping two earlier builds', async () => {
    const mem = memoryLibrary(items);
    const { bucket, objects } = memoryObjects();
    const cold = new LiveLibraryIndex(mem.store, { snapshots: bucket });
    expect((await cold.search('低保', { limit: 3, now: NOW })).hits.length).toBe(3);
    expect(cold.stats).toMatchObject({ fullBuilds: 1, snapshotLoads: 0 });

    const builds: string[] = [];
    const head = () => decodeHead(objects.get(HEAD_KEY)!).header;
    expect((await rebuildLibrarySnapshot(mem.store, bucket)).written).toBe(true);
    builds.push(head().build);
    expect((await rebuildLibrarySnapshot(mem.store, bucket)).written).toBe(false);
    for (let n = 0; n < 3; n++) {
      await mem.store.saveItem({ ...items[n]!, revision: 2 }, 1);
      expect((await rebuildLibrarySnapshot(mem.store, bucket)).written).toBe(true);
      builds.push(head().build);
    }
    const shardBuilds = new Set([...objects.keys()].filter((k) => k !== HEAD_KEY).map((k) => k.split('/')[2]));
    expect([...shardBuilds].sort()).toEqual(builds.slice(-3).sort());
    expect(head().previous.map((p) => p.build)).toEqual([builds[2], builds[1]]);
  });

  it('a shard gone (its build deleted) makes the index load the newest snapshot again, and still answer', async () => {
    const mem = memoryLibrary(items);
    const { bucket, objects } = memoryObjects();
    // Small shards, so that the second query needs one not read yet.
    await rebuildLibrarySnapshot(mem.store, bucket, { targetShardBytes: 2048 });
    const live = new LiveLibraryIndex(mem.store, { snapshots: bucket });
    expect((await live.search('低保', { limit: 3, now: NOW })).hits.length).toBe(3);
    await mem.store.saveItem({ ...items[0]!, revision: 2 }, 1);
    await rebuildLibrarySnapshot(mem.store, bucket, { targetShardBytes: 2048 });
    for (const key of [...objects.keys()]) if (key !== HEAD_KEY && !key.includes(`/${decodeHead(objects.get(HEAD_KEY)!).header.build}/`)) objects.delete(key);
    const again = await live.search('异地看病怎么报销', { limit: 3, now: NOW });
    expect(again.hits.map((h) => h.item.id)).toContain('demo-yidi-jiuyi-jiesuan');
    expect(live.stats.snapshotLoads).toBe(2);

    // Shards unreadable (the head still is): the search fails after one reload; it does not loop.
    const read = bucket.read;
    bucket.read = async (key) => {
      if (key === HEAD_KEY) return read(key);
      throw Object.assign(new Error('shards down'), { name: 'ServiceUnavailable' });
    };
    await expect(live.search('公积金租房能取吗', { limit: 3, now: NOW })).rejects.toThrow('shards down');
    expect(live.stats.snapshotLoads).toBe(3);
    // The bucket down altogether: a cold start builds from the table and answers.
    bucket.read = async () => {
      throw Object.assign(new Error('bucket down'), { name: 'ServiceUnavailable' });
    };
    const cold = new LiveLibraryIndex(mem.store, { snapshots: bucket });
    expect((await cold.search('公积金租房能取吗', { limit: 3, now: NOW })).hits.length).toBeGreaterThan(0);
    expect(cold.stats).toMatchObject({ fullBuilds: 1, snapshotLoads: 0 });
  });
});
