/**
 * The library's search index as a warm Lambda holds it: built from the table on first use, and
 * kept in step with it — at most every few seconds one strongly consistent GetItem asks whether
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

export interface LiveIndexOptions {
  /** How long a checked index is trusted before the version is read again (default 3 s). */
  checkEveryMs?: number;
  /** A monotonic clock in ms (tests move it); defaults to performance.now. */
  clock?: () => number;
  mode?: AnalyzerMode;
  ranking?: RankingOptions;
  /** Catch up item by item up to this many changes; beyond, rebuild. */
  maxIncremental?: number;
}

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

interface State {
  index: SearchIndex<LibraryItemRecord>;
  version: number;
  checkedAt: number;
}

export interface LiveIndexStats {
  fullBuilds: number;
  incrementalUpdates: number;
  versionChecks: number;
  lastBuildMs?: number;
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
  private readonly counters: LiveIndexStats = { fullBuilds: 0, incrementalUpdates: 0, versionChecks: 0 };

  constructor(
    private readonly store: LibraryStore,
    private readonly options: LiveIndexOptions = {},
  ) {
    this.checkEveryMs = options.checkEveryMs ?? 3000;
    this.clock = options.clock ?? (() => performance.now());
  }

  get stats(): LiveIndexStats {
    return { ...this.counters, ...(this.state ? { version: this.state.version, size: this.state.index.size } : {}) };
  }

  async search(query: string, options: LibrarySearchOptions & { now: Date }) {
    const index = await this.current({ fresh: options.fresh ?? false });
    const result = index.search(query, { limit: options.limit, offset: options.offset ?? 0, now: options.now, ...(options.kind ? { kind: options.kind } : {}) });
    return { total: result.total, words: result.words, hits: result.hits.map((h) => ({ item: h.doc, score: h.score, match: h.match })) };
  }

  async newest(options: LibrarySearchOptions) {
    const index = await this.current({ fresh: options.fresh ?? false });
    const { total, docs } = index.newest({ limit: options.limit, offset: options.offset ?? 0, ...(options.kind ? { kind: options.kind } : {}) });
    return { total, items: docs };
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
  async current(options: { fresh?: boolean } = {}): Promise<SearchIndex<LibraryItemRecord>> {
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

  private async build(): Promise<State> {
    const started = performance.now();
    // The version first: items read after it are at least that new, and changes after it are replayed.
    const version = await this.store.getVersion();
    const [items, synonyms] = await Promise.all([this.store.listItems(), this.store.getSynonyms()]);
    const index = buildLibraryIndex(items, synonyms?.groups ?? DEFAULT_SYNONYM_GROUPS, this.options.mode, this.options.ranking);
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
    if (!contiguous || changes.length > max || changes.some((c) => c.op === 'synonyms' || c.op === 'bulk')) return this.build();

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
