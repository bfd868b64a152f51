/**
 * The library's search index as a warm Lambda holds it: loaded from the newest snapshot on first
 * use (./library-snapshot.ts: no item is read; shards of postings as queries need them, the items
 * of the page answered by id) — or, with no snapshot, built from the table — and kept in step with it — at most every few seconds one strongly consistent GetItem asks whether
 * the library version moved; if it did, one Query on the change log says which items changed and
 * only those are read again. Synonym changes, bulk imports and an index left behind longer than
 * the log is kept rebuild it whole. Changes made through this process are seen at once.
 */
import { logger } from '../../lib/log';
import type { LibrarySearch, LibrarySearchOptions } from '../../ports/library-search';
import type { LibraryItemRecord, LibraryStore } from '../../ports/library-store';
import { Analyzer, SynonymMatcher, type AnalyzerMode } from './analyzer';
import { DEFAULT_SYNONYM_GROUPS } from '@minsheng/shared';
import { DEFAULT_RANKING, SearchIndex, type Indexable, type RankingOptions } from './search-index';
import { LoadedSnapshot, writeLibrarySnapshot, type SnapshotObjects, type SnapshotWriteResult } from './library-snapshot';
import type { SnapshotStub } from './snapshot';

export interface LiveIndexOptions {
  /** How long a checked index is trusted before the version is read again (default 3 s). */
  checkEveryMs?: number;
  /** A monotonic clock in ms (tests move it); defaults to performance.now. */
  clock?: () => number;
  mode?: AnalyzerMode;
  ranking?: RankingOptions;
  /** Catch up item by item up to this many changes; beyond, rebuild. */
  maxIncremental?: number;
  /** Where the index snapshot is (the bucket); without, every cold start builds from the table. */
  snapshots?: SnapshotObjects;
}

/** What the live index holds per document: an item, or (read from a snapshot) only its id and kind. */
export type IndexedItem = LibraryItemRecord | SnapshotStub;
const isStub = (doc: IndexedItem): doc is SnapshotStub => 'stub' in doc;
export const describeIndexed = (doc: IndexedItem): Indexable => (isStub(doc) ? { id: doc.id, kind: doc.kind, date: 0, fields: {} } : describeLibraryItem(doc));

/**
 * Measured on the relevance set (functions/test/library-relevance.test.ts): every mode with
 * synonyms reaches the same precision@3; fast-bigrams builds the index about 3× faster (no
 * segmenter over documents), which is what a cold Lambda waits for.
 */
export const DEFAULT_ANALYZER_MODE: AnalyzerMode = 'fast-bigrams';

/** How an item is searched: its fields and the date that makes it recent. */
export function describeLibraryItem(item: LibraryItemRecord): Indexable {
  return {
    id: item.id,
    kind: item.kind,
    date: Date.parse(`${item.issuedAt}T00:00:00+08:00`) || 0,
    fields: {
      title: item.title,
      tags: item.tags.join(' '),
      ...(item.question ? { question: item.question } : {}),
      body: item.body,
      meta: [item.issuer, item.docNo].filter(Boolean).join(' '),
    },
  };
}

/** A fresh index of `items` (used by the live index, the relevance test and the benchmark). */
export function buildLibraryIndex(
  items: Iterable<LibraryItemRecord>,
  synonymGroups: string[][] = DEFAULT_SYNONYM_GROUPS,
  mode: AnalyzerMode = DEFAULT_ANALYZER_MODE,
  ranking: RankingOptions = DEFAULT_RANKING,
): SearchIndex<LibraryItemRecord> {
  const index = new SearchIndex<LibraryItemRecord>(new Analyzer(mode, new SynonymMatcher(synonymGroups)), describeLibraryItem, ranking);
  for (const item of items) index.upsert(item);
  return index;
}

/** The indexer's work: a new snapshot from the table, unless the newest one is current (or `force`). */
export function rebuildLibrarySnapshot(store: LibraryStore, objects: SnapshotObjects, options: { mode?: AnalyzerMode; force?: boolean; now?: Date; targetShardBytes?: number } = {}): Promise<SnapshotWriteResult> {
  return writeLibrarySnapshot(store, objects, {
    mode: options.mode ?? DEFAULT_ANALYZER_MODE,
    build: (items, synonyms, mode) => buildLibraryIndex(items, synonyms, mode),
    ...(options.force ? { force: true } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.targetShardBytes ? { targetShardBytes: options.targetShardBytes } : {}),
  });
}

interface State {
  index: SearchIndex<IndexedItem>;
  version: number;
  checkedAt: number;
  /** Set when the index came from a snapshot whose shards are still read on demand. */
  snapshot?: LoadedSnapshot;
}

export interface LiveIndexStats {
  fullBuilds: number;
  snapshotLoads: number;
  incrementalUpdates: number;
  versionChecks: number;
  /** Shards of postings read, and items read by id for the answers' pages. */
  shardReads: number;
  itemsFetched: number;
  lastBuildMs?: number;
  /** The last snapshot load: GET of its head, decoding it, and all of it up to a usable index (ms). */
  lastSnapshotReadMs?: number;
  lastSnapshotParseMs?: number;
  lastLoadMs?: number;
  version?: number;
  size?: number;
}

export class LiveLibraryIndex implements LibrarySearch {
  private state: State | undefined;
  /** The latest check queued or running; `begun` once it has started reading the table. */
  private queue: { promise: Promise<State>; begun: boolean } | undefined;
  /** Set by invalidate(): this process changed the library since the last check began. */
  private dirty = false;
  private readonly checkEveryMs: number;
  private readonly clock: () => number;
  private readonly counters: LiveIndexStats = { fullBuilds: 0, snapshotLoads: 0, incrementalUpdates: 0, versionChecks: 0, shardReads: 0, itemsFetched: 0 };

  constructor(
    private readonly store: LibraryStore,
    private readonly options: LiveIndexOptions = {},
  ) {
    this.checkEveryMs = options.checkEveryMs ?? 3000;
    this.clock = options.clock ?? (() => performance.now());
  }

  get stats(): LiveIndexStats {
    return {
      ...this.counters,
      shardReads: this.counters.shardReads + (this.state?.snapshot?.shardReads ?? 0),
      ...(this.state ? { version: this.state.version, size: this.state.index.size } : {}),
    };
  }

  search(query: string, options: LibrarySearchOptions & { now: Date }): ReturnType<LibrarySearch['search']> {
    return this.searchOnce(query, options, true);
  }

  private async searchOnce(query: string, options: LibrarySearchOptions & { now: Date }, mayReload: boolean): ReturnType<LibrarySearch['search']> {
    const index = await this.current({ fresh: options.fresh ?? false });
    const snapshot = this.state?.index === index ? this.state.snapshot : undefined;
    if (snapshot) {
      try {
        await snapshot.adoptInto(index, index.unadopted(index.analyzer.analyze(query).terms));
      } catch (error) {
        // A shard gone (its build replaced long ago) or unreadable: start again from the newest snapshot, once.
        if (!mayReload) throw error;
        logger.warn('library index shard unreadable; loading the index again', { error: error as Error });
        this.forget(index);
        return this.searchOnce(query, { ...options, fresh: true }, false);
      }
    }
    const result = index.search(query, { limit: options.limit, offset: options.offset ?? 0, now: options.now, ...(options.kind ? { kind: options.kind } : {}) });
    const { items, missing } = await this.hydrate(result.hits.map((h) => h.doc));
    const hits = result.hits.flatMap((h, i) => (items[i] ? [{ item: items[i], score: h.score, match: h.match }] : []));
    return { total: result.total - missing, words: result.words, hits };
  }

  async newest(options: LibrarySearchOptions) {
    const index = await this.current({ fresh: options.fresh ?? false });
    const { total, docs } = index.newest({ limit: options.limit, offset: options.offset ?? 0, ...(options.kind ? { kind: options.kind } : {}) });
    const { items, missing } = await this.hydrate(docs);
    return { total: total - missing, items: items.filter((i): i is LibraryItemRecord => Boolean(i)) };
  }

  /**
   * The items of a page: a snapshot's documents are read from the table by id (strongly
   * consistent: an item deleted since the index last looked is left out — `missing`).
   */
  private async hydrate(docs: IndexedItem[]): Promise<{ items: (LibraryItemRecord | undefined)[]; missing: number }> {
    const ids = docs.filter(isStub).map((d) => d.id);
    if (ids.length === 0) return { items: docs as LibraryItemRecord[], missing: 0 };
    this.counters.itemsFetched += ids.length;
    const found = new Map((await this.store.getItems(ids)).map((item) => [item.id, item]));
    const items = docs.map((d) => (isStub(d) ? found.get(d.id) : d));
    return { items, missing: items.filter((i) => !i).length };
  }

  private forget(index: SearchIndex<IndexedItem>): void {
    if (this.state?.index !== index) return;
    this.counters.shardReads += this.state.snapshot?.shardReads ?? 0;
    this.state = undefined;
  }

  /** This process changed the library: the next read checks the version first. */
  invalidate(): void {
    this.dirty = true;
  }

  /**
   * The index, checked against the table if the last check is older than `checkEveryMs` — or,
   * with `fresh` or after `invalidate()`, by a check that begins after this call (so it cannot miss
   * a change made just before). Checks never overlap; concurrent callers share one. If a check
   * fails (storage unavailable) a warm index answers as it is, unless `fresh` was asked for.
   */
  async current(options: { fresh?: boolean } = {}): Promise<SearchIndex<IndexedItem>> {
    const state = this.state;
    if (state && !options.fresh && !this.dirty && this.clock() - state.checkedAt < this.checkEveryMs) return state.index;
    const strict = Boolean(options.fresh) || this.dirty;
    const queued = this.queue;
    const run = queued && (!strict || !queued.begun) ? queued.promise : this.enqueue();
    try {
      return (await run).index;
    } catch (error) {
      if (state && !options.fresh) {
        logger.warn('library index check failed; answering from the warm index', { error: error as Error });
        return state.index;
      }
      throw error;
    }
  }

  /** A check (or first build) that starts once the one before it has finished. */
  private enqueue(): Promise<State> {
    const previous = this.queue?.promise.catch(() => undefined);
    const entry = { begun: false } as { promise: Promise<State>; begun: boolean };
    entry.promise = (async () => {
      await previous;
      entry.begun = true;
      const wasDirty = this.dirty;
      this.dirty = false;
      try {
        return this.state ? await this.catchUp(this.state) : await this.build();
      } catch (error) {
        this.dirty ||= wasDirty;
        throw error;
      }
    })().finally(() => {
      if (this.queue === entry) this.queue = undefined;
    });
    this.queue = entry;
    return entry.promise;
  }

  /** The first index: from the newest snapshot (caught up from the change log), else from the table. */
  private async build(): Promise<State> {
    if (this.options.snapshots) {
      try {
        const loaded = await this.load(this.options.snapshots);
        if (loaded) return loaded;
      } catch (error) {
        logger.warn('library index snapshot unreadable; building the index from the table', { error: error as Error });
      }
    }
    return this.buildFromTable();
  }

  private async load(objects: SnapshotObjects): Promise<State | undefined> {
    const started = performance.now();
    const snapshot = await LoadedSnapshot.load(objects);
    const mode = this.options.mode ?? DEFAULT_ANALYZER_MODE;
    if (!snapshot || snapshot.header.mode !== mode) {
      logger.info(snapshot ? 'library index snapshot built with another analyzer; building from the table' : 'no library index snapshot yet; building from the table');
      return undefined;
    }
    const { header, docs } = snapshot;
    const analyzer = new Analyzer(mode, new SynonymMatcher(header.synonyms));
    const index = SearchIndex.fromSnapshot<IndexedItem>(analyzer, describeIndexed, this.options.ranking ?? DEFAULT_RANKING, docs);
    this.counters.snapshotLoads++;
    this.counters.lastLoadMs = performance.now() - started;
    this.counters.lastSnapshotReadMs = snapshot.readMs;
    this.counters.lastSnapshotParseMs = snapshot.parseMs;
    this.state = { index, version: header.version, checkedAt: this.clock(), snapshot };
    // What changed since the snapshot was written (usually nothing or a few items; else a rebuild).
    return this.catchUp(this.state);
  }

  private async buildFromTable(): Promise<State> {
    const started = performance.now();
    // The version first: items read after it are at least that new, and changes after it are replayed.
    const version = await this.store.getVersion();
    const [items, synonyms] = await Promise.all([this.store.listItems(), this.store.getSynonyms()]);
    const index = new SearchIndex<IndexedItem>(
      new Analyzer(this.options.mode ?? DEFAULT_ANALYZER_MODE, new SynonymMatcher(synonyms?.groups ?? DEFAULT_SYNONYM_GROUPS)),
      describeIndexed,
      this.options.ranking ?? DEFAULT_RANKING,
    );
    for (const item of items) index.upsert(item);
    this.counters.fullBuilds++;
    this.counters.lastBuildMs = performance.now() - started;
    this.state = { index, version, checkedAt: this.clock() };
    return this.state;
  }

  private async catchUp(state: State): Promise<State> {
    const checkedAt = this.clock();
    this.counters.versionChecks++;
    const version = await this.store.getVersion();
    if (version === state.version) {
      state.checkedAt = checkedAt;
      return state;
    }
    const max = this.options.maxIncremental ?? 500;
    const changes = await this.store.listChangesSince(state.version, max + 1);
    const contiguous = changes.every((c, i) => c.version === state.version + 1 + i) && (changes.at(-1)?.version ?? 0) >= version;
    if (!contiguous || changes.length > max || changes.some((c) => c.op === 'synonyms' || c.op === 'bulk')) {
      if (state.snapshot) logger.info('library index snapshot too far behind (or before a synonym change or import); building from the table', { snapshotVersion: state.version, version });
      return this.buildFromTable();
    }

    const ids = [...new Set(changes.map((c) => c.itemId).filter((id): id is string => Boolean(id)))];
    const found = new Map((await this.store.getItems(ids)).map((item) => [item.id, item]));
    for (const id of ids) {
      const item = found.get(id);
      if (item) state.index.upsert(item);
      else state.index.remove(id);
    }
    this.counters.incrementalUpdates++;
    state.version = changes.at(-1)!.version;
    state.checkedAt = checkedAt;
    return state;
  }
}
