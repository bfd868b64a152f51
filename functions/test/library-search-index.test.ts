/**
 * The search index's mechanics: changing items one by one (with removals and compaction) answers
 * exactly as an index built afresh; titles outrank bodies; newer outranks older on equal text;
 * the analyzer cuts Chinese as designed; the built-in synonyms are a valid admin list; the live
 * index catches up from the change log and rebuilds when it must.
 */
import { describe, expect, it } from 'vitest';
import { synonymsInputSchema } from '@minsheng/shared';
import { demoLibraryRecords } from '../../infra/src/demo-library';
import type { LibraryChange, LibraryItemRecord, LibraryStore, StoredSynonyms } from '../src/ports/library-store';
import { Analyzer, SynonymMatcher } from '../src/adapters/search/analyzer';
import { DEFAULT_SYNONYM_GROUPS } from '@minsheng/shared';
import { buildLibraryIndex, LiveLibraryIndex } from '../src/adapters/search/live-library-index';
import { DEFAULT_RANKING } from '../src/adapters/search/search-index';
import { snippetOf } from '../src/services/library/present';

const NOW = new Date('2025-12-01T00:00:00Z');
const items = demoLibraryRecords(new Date('2025-11-01T00:00:00Z'));
const QUERIES = ['种粮补贴什么时候发', '拖欠工资', '异地就医备案', '低保', '拆迁补偿标准', '社保', '噪音', '2025'];
const answers = (index: ReturnType<typeof buildLibraryIndex>) =>
  QUERIES.map((q) => index.search(q, { limit: 10, now: NOW }).hits.map((h) => `${h.doc.id}:${h.score.toFixed(6)}`));

const item = (id: string, title: string, body: string, issuedAt = '2025-01-01', kind: 'policy' | 'qa' = 'policy'): LibraryItemRecord => ({
  id,
  kind,
  title,
  body,
  issuedAt,
  tags: [],
  revision: 1,
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  createdBy: 'admin',
  updatedBy: 'admin',
});

describe('the analyzer', () => {
  const analyzer = new Analyzer('words+bigrams', new SynonymMatcher(DEFAULT_SYNONYM_GROUPS));

  it('drops question words, keeps bigrams of content runs, longer words, numbers, and adds synonym concepts', () => {
    const { terms, words } = analyzer.analyze('灵活就业怎么交社保？2025年');
    expect(terms).toEqual(expect.arrayContaining(['灵活', '活就', '就业', '交社', '社保', '2025', '~社会保险', '~灵活就业']));
    expect(terms).not.toContain('怎么');
    expect(words).toEqual(expect.arrayContaining(['灵活', '就业', '2025']));
  });

  it('fast-bigrams: a document cut without the segmenter holds every term of a query it contains', () => {
    const fast = new Analyzer('fast-bigrams', new SynonymMatcher(DEFAULT_SYNONYM_GROUPS));
    const doc = '农民工被拖欠工资的，可以到县劳动保障监察大队投诉，也可拨打12333。灵活就业人员的社保按月缴纳。';
    const terms = new Set(fast.analyzeDocument(doc));
    for (const q of ['拖欠工资', '劳动保障监察大队投诉', '拨打12333', '灵活就业人员', '社保按月缴纳']) {
      expect(doc).toContain(q);
      for (const t of fast.analyze(q).terms) expect(terms.has(t), `${q}: ${t}`).toBe(true);
    }
    // Pairs across a particle are not terms; pairs inside words are.
    expect(terms.has('的社')).toBe(false);
    expect(new Set(fast.analyzeDocument('耕地地力保护补贴')).has('地地')).toBe(true);
  });

  it('normalises full-width characters and case', () => {
    expect(analyzer.analyze('ＡＰＰ１２３３３').terms).toEqual(analyzer.analyze('app12333').terms);
  });

  it('matches overlapping synonym groups, each once per stretch of text', () => {
    const concepts = analyzer.analyze('城乡居民基本养老保险').terms.filter((t) => t.startsWith('~'));
    expect(concepts.sort()).toEqual(['~养老保险', '~城乡居民基本养老保险']);
  });
});

describe('the index', () => {
  it('changed item by item (with removals and compaction) answers exactly like a fresh build', () => {
    const fresh = buildLibraryIndex(items);
    const live = buildLibraryIndex([]);
    // Add everything twice over (replacing), remove a third, put half of those back, in a scrambled order.
    for (let round = 0; round < 4; round++) for (const i of [...items].reverse()) live.upsert({ ...i, title: `${i.title}（第${round}版）` });
    for (const i of items) live.upsert(i);
    const removed = items.filter((_, n) => n % 3 === 0);
    for (const i of removed) live.remove(i.id);
    for (const i of removed.filter((_, n) => n % 2 === 0)) live.upsert(i);
    const expected = buildLibraryIndex(items.filter((i) => !removed.includes(i) || removed.indexOf(i) % 2 === 0));
    expect(live.size).toBe(expected.size);
    expect(answers(live)).toEqual(answers(expected));
    // And putting the rest back gives the full library again.
    for (const i of removed) live.upsert(i);
    expect(answers(live)).toEqual(answers(fresh));
    expect(live.newest({ limit: 200 }).docs.map((d) => d.id)).toEqual(fresh.newest({ limit: 200 }).docs.map((d) => d.id));
  });

  it('prefers a match in the title to one in the body, and a newer item to an older one with the same text', () => {
    const index = buildLibraryIndex([
      item('body-only', '关于做好春季农业生产工作的通知', '今年继续发放耕地地力保护补贴。'),
      item('in-title', '耕地地力保护补贴发放办法', '补贴按承包面积发放。'),
      item('old', '低保标准调整通知', '城乡低保标准提高。', '2015-01-01'),
      item('new', '低保标准调整通知', '城乡低保标准提高。', '2025-06-01'),
    ]);
    expect(index.search('耕地地力保护补贴', { limit: 2, now: NOW }).hits.map((h) => h.doc.id)).toEqual(['in-title', 'body-only']);
    const [newer, older] = index.search('低保标准', { limit: 2, now: NOW }).hits;
    expect([newer!.doc.id, older!.doc.id]).toEqual(['new', 'old']);
    // Mild: recency changes the order of equals, not of a much better match.
    expect(newer!.score / older!.score).toBeLessThan(1.16);
  });

  it('has a relevance floor: an item must cover enough of what is asked, not just one common word of it', () => {
    const index = buildLibraryIndex([
      item('subsidy', '农机购置补贴实施办法', '购买农机具的农户可以申请补贴。'),
      item('alien', '外星人接待办法', '发现外星人时请报告。'),
    ]);
    const search = (q: string) => index.search(q, { limit: 10, now: NOW }).hits.map((h) => h.doc.id);
    // 补贴 alone would match the subsidy; 外星人 is what is asked about, and this one item does not cover it.
    expect(buildLibraryIndex([item('subsidy', '农机购置补贴实施办法', '购买农机具的农户可以申请补贴。')]).search('外星人补贴', { limit: 10, now: NOW }).total).toBe(0);
    // When the library does hold the word, the item that covers it is found first.
    expect(search('外星人补贴')[0]).toBe('alien');
    expect(search('买农机有补贴吗')).toEqual(['subsidy']);
    // Without a floor (minCoverage 0) the old behaviour: every item sharing a word.
    const noFloor = buildLibraryIndex([item('subsidy', '农机购置补贴实施办法', '购买农机具的农户可以申请补贴。')], undefined, undefined, { ...DEFAULT_RANKING, minCoverage: 0 });
    expect(noFloor.search('外星人补贴', { limit: 10, now: NOW }).total).toBe(1);
  });

  it('the floor only removes items, never reorders them, and leaves real questions (short, colloquial or long) with answers', () => {
    const withFloor = buildLibraryIndex(items);
    const without = buildLibraryIndex(items, undefined, undefined, { ...DEFAULT_RANKING, minCoverage: 0 });
    const questions = [
      '种粮补贴什么时候发',
      '拖欠工资',
      '低保一个月多少钱',
      '楼下饭店油烟太大',
      '晚上有人来强拆我家房子',
      '打12345多久能回复',
      '我在外地打工三年了，老家的地被征了，补偿款一直没给，想问问征地补偿标准是多少，去哪里反映',
    ];
    for (const q of questions) {
      const kept = withFloor.search(q, { limit: 50, now: NOW }).hits.map((h) => h.doc.id);
      const all = without.search(q, { limit: 50, now: NOW }).hits.map((h) => h.doc.id);
      expect(kept.length, q).toBeGreaterThan(0);
      expect(all.filter((id) => kept.includes(id)), q).toEqual(kept);
    }
    // The long question's first answer is the land-compensation standard, and an unrelated item that
    // shares only 外地打工 with it (the floor's reason to exist) is gone.
    const long = withFloor.search(questions.at(-1)!, { limit: 10, now: NOW }).hits.map((h) => h.doc.id);
    expect(long[0]).toBe('demo-jiti-tudi-zhengshou-biaozhun');
    expect(long).not.toContain('demo-qa-waidi-dagong-yanglao');
  });

  it('lists newest first and filters by kind', () => {
    const index = buildLibraryIndex(items);
    const newest = index.newest({ limit: 5 });
    expect(newest.total).toBe(items.length);
    const dates = newest.docs.map((d) => d.issuedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(index.newest({ limit: 100, kind: 'qa' }).docs.every((d) => d.kind === 'qa')).toBe(true);
    expect(index.search('低保', { limit: 100, kind: 'qa', now: NOW }).hits.every((h) => h.doc.kind === 'qa')).toBe(true);
  });
});

describe('the built-in synonyms', () => {
  it('are a list an admin could have saved (no term in two groups, within the limits)', () => {
    const parsed = synonymsInputSchema.safeParse({ groups: DEFAULT_SYNONYM_GROUPS });
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
  });
});

/** A library store in memory, with a change log, for the live index's bookkeeping. */
function memoryStore(initial: LibraryItemRecord[]) {
  const itemsById = new Map(initial.map((i) => [i.id, i]));
  const log: LibraryChange[] = [];
  let synonyms: StoredSynonyms | undefined;
  let calls = { listItems: 0, getItems: 0 };
  const bump = (change: Omit<LibraryChange, 'version'>) => log.push({ version: log.length + 1, ...change });
  const store: LibraryStore = {
    getVersion: async () => log.length,
    listChangesSince: async (v, limit) => log.filter((c) => c.version > v).slice(0, limit),
    listItems: async () => (calls.listItems++, [...itemsById.values()]),
    getItem: async (id) => itemsById.get(id),
    getItems: async (ids) => (calls.getItems++, ids.flatMap((id) => (itemsById.has(id) ? [itemsById.get(id)!] : []))),
    getPublishedItemId: async () => undefined,
    saveItem: async (i) => (itemsById.set(i.id, i), bump({ op: 'put', itemId: i.id }), { ok: true, version: log.length }),
    deleteItem: async (i) => (itemsById.delete(i.id), bump({ op: 'delete', itemId: i.id }), { ok: true, version: log.length }),
    importItems: async (list) => {
      list.forEach((i) => itemsById.set(i.id, i));
      bump({ op: 'bulk' });
    },
    getSynonyms: async () => synonyms,
    putSynonyms: async (s) => {
      synonyms = s;
      bump({ op: 'synonyms' });
      return { ok: true, version: log.length };
    },
    deleteSynonyms: async () => {
      synonyms = undefined;
      bump({ op: 'synonyms' });
      return { ok: true, version: log.length };
    },
  };
  return { store, calls: () => calls, log, forget: (n: number) => log.splice(0, n) };
}

describe('the live index', () => {
  it('trusts itself for the check interval, then catches up item by item; synonyms, imports and gaps rebuild it', async () => {
    let clock = 0;
    const mem = memoryStore(items.slice(0, 10));
    const live = new LiveLibraryIndex(mem.store, { clock: () => clock, checkEveryMs: 3000 });
    expect((await live.current()).size).toBe(10);
    expect(live.stats).toMatchObject({ fullBuilds: 1, versionChecks: 0 });

    await mem.store.saveItem(items[10]!, 0);
    expect((await live.current()).size).toBe(10); // not checked yet
    clock += 3000;
    expect((await live.current()).size).toBe(11);
    expect(live.stats).toMatchObject({ fullBuilds: 1, incrementalUpdates: 1, versionChecks: 1 });

    await mem.store.deleteItem(items[0]!, 1, NOW.toISOString());
    expect((await live.current({ fresh: true })).has(items[0]!.id)).toBe(false);
    expect(live.stats.fullBuilds).toBe(1);

    await mem.store.putSynonyms({ groups: [['甲', '乙']], revision: 1, updatedAt: NOW.toISOString(), updatedBy: 'admin' });
    live.invalidate();
    await live.current();
    expect(live.stats.fullBuilds).toBe(2);

    // Changes the log no longer holds (older than its retention): rebuild.
    await mem.store.saveItem(items[11]!, 0);
    await mem.store.saveItem(items[12]!, 0);
    mem.forget(mem.log.length - 1);
    live.invalidate();
    expect((await live.current()).has(items[11]!.id)).toBe(true);
    expect(live.stats.fullBuilds).toBe(3);
  });

  it('a read after this process wrote is never answered by a check that began before the write', async () => {
    let clock = 0;
    const mem = memoryStore(items.slice(0, 3));
    const live = new LiveLibraryIndex(mem.store, { clock: () => clock });
    await live.current();
    // A slow check begins: it reads the version now, and answers later.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const getVersion = mem.store.getVersion;
    mem.store.getVersion = async () => {
      const version = await getVersion();
      await gate;
      return version;
    };
    clock += 5000;
    const early = live.current();
    await new Promise((r) => setTimeout(r, 0));
    // Meanwhile this process writes, and asks again (as the admin list and search after a publish do).
    await mem.store.saveItem(items[5]!, 0);
    live.invalidate();
    const afterWrite = live.current();
    const fresh = live.current({ fresh: true });
    release();
    await early;
    expect((await afterWrite).has(items[5]!.id)).toBe(true);
    expect((await fresh).has(items[5]!.id)).toBe(true);
  });

  it('asks the table once for many simultaneous searches, and answers from the warm index if the table is down', async () => {
    let clock = 0;
    const mem = memoryStore(items.slice(0, 5));
    let versionReads = 0;
    const getVersion = mem.store.getVersion;
    mem.store.getVersion = async () => (versionReads++, getVersion());
    const live = new LiveLibraryIndex(mem.store, { clock: () => clock });
    await Promise.all(Array.from({ length: 20 }, () => live.current()));
    expect(versionReads).toBe(1);
    clock += 5000;
    mem.store.getVersion = async () => {
      throw Object.assign(new Error('down'), { name: 'ServiceUnavailable' });
    };
    expect((await live.current()).size).toBe(5);
    await expect(live.current({ fresh: true })).rejects.toThrow('down');
  });
});

describe('snippets', () => {
  it('show the match even after text that normalisation lengthens (…… → ......, ㎡ → m2)', () => {
    const body = `${'其他内容……'.repeat(20)}住房面积不足30㎡的家庭可申请青藤补贴，每户每年发放一次。${'后面的内容。'.repeat(40)}`;
    const snippet = snippetOf(body, ['青藤补贴']);
    expect(snippet).toContain('青藤补贴');
    expect(snippet.startsWith('…')).toBe(true);
    // Cut from the original text: its own characters, not their normalised forms.
    expect(snippet).toContain('30㎡');
  });
});
