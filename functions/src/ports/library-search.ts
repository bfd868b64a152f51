import type { LibraryKind } from '@minsheng/shared';
import type { LibraryItemRecord } from './library-store';

export interface LibrarySearchHit {
  item: LibraryItemRecord;
  /** Relevance; comparable within one answer only. */
  score: number;
  /** Share (0–1) of the query's weight the item matches. */
  match: number;
}

export interface LibrarySearchOptions {
  limit: number;
  offset?: number;
  kind?: LibraryKind;
  /** Check against the table before answering (console lists right after an edit). */
  fresh?: boolean;
}

/**
 * Searching the library. Today an in-memory index in each warm Lambda (adapters/search); at
 * scale an adapter over OpenSearch implements the same port (see README, "Policy library").
 */
export interface LibrarySearch {
  /** Ranked Chinese search; `words` are the query's content words, for snippets and highlighting. */
  search(query: string, options: LibrarySearchOptions & { now: Date }): Promise<{ total: number; hits: LibrarySearchHit[]; words: string[] }>;
  /** Every item, newest first. */
  newest(options: LibrarySearchOptions): Promise<{ total: number; items: LibraryItemRecord[] }>;
  /** This process just changed the library: the next answer must include the change. */
  invalidate(): void;
}

/** What rebuilding the snapshot did (the indexer's log line). */
export interface LibraryIndexerResult {
  /** False when the snapshot already reflected the library version. */
  written: boolean;
  version: number;
  docs?: number;
  shards?: number;
  headBytes?: number;
  shardBytes?: number;
  readMs?: number;
  buildMs?: number;
  encodeMs?: number;
  writeMs?: number;
}

/**
 * Rebuilding what cold searches load (the in-memory adapter's index snapshot) from the table when
 * the library changed. An OpenSearch adapter would index on each change instead and make this a no-op.
 */
export interface LibraryIndexer {
  rebuild(options?: { force?: boolean }): Promise<LibraryIndexerResult>;
}
