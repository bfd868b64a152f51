/**
 * Writing and reading the library index snapshot (format: ./snapshot.ts) in object storage.
 *
 * The indexer (functions/src/jobs/library-indexer.ts) rebuilds it from the table when the library
 * version moved past the snapshot's; a cold search Lambda reads the head (one GET) and then only
 * the shards its queries' terms fall in, and catches up from the change log as a warm one does.
 */
import { randomUUID } from 'node:crypto';
import { logger } from '../../lib/log';
import { DEFAULT_SYNONYM_GROUPS } from '@minsheng/shared';
import type { ObjectStorage } from '../../ports/storage';
import type { LibraryIndexerResult } from '../../ports/library-search';
import type { LibraryStore } from '../../ports/library-store';
import type { AnalyzerMode } from './analyzer';
import type { IndexDocuments, SearchIndex } from './search-index';
import {
  HEAD_KEY,
  ShardReader,
  decodeHead,
  decodeHeader,
  encodeHead,
  encodeShards,
  shardCountFor,
  shardKey,
  shardOf,
  type SnapshotHeader,
  type SnapshotStub,
} from './snapshot';

/** What snapshots need of the bucket. */
export type SnapshotObjects = Pick<ObjectStorage, 'read' | 'write' | 'remove'>;

/** Earlier builds kept besides the newest: warm Lambdas that loaded one may still read its shards. */
const KEEP_PREVIOUS = 2;

/** What a rebuild did: the port's result (the indexer job logs it). */
export type SnapshotWriteResult = LibraryIndexerResult;

/**
 * Rebuild the snapshot from the table unless it already reflects the current library version (and
 * analyzer mode). The version is read first: items read after it are at least that new, and a
 * reader replays the change log from it, so a change made during the rebuild is never lost.
 */
export async function writeLibrarySnapshot(
  store: LibraryStore,
  objects: SnapshotObjects,
  options: { mode: AnalyzerMode; build: (items: Awaited<ReturnType<LibraryStore['listItems']>>, synonyms: string[][], mode: AnalyzerMode) => Pick<SearchIndex<{ id: string }>, 'exportData'>; force?: boolean; now?: Date; targetShardBytes?: number },
): Promise<SnapshotWriteResult> {
  const version = await store.getVersion();
  // Without s3:ListBucket (the functions have none) S3 answers a missing object with 403, not 404:
  // an unreadable head is treated as none (it is rewritten; only older builds are not cleaned up).
  const headBuf = await objects.read(HEAD_KEY).catch((error: unknown) => {
    logger.warn('library index snapshot head unreadable; writing a new one', { error: error as Error });
    return undefined;
  });
  const previous = headBuf ? safeHeader(headBuf) : undefined;
  if (!options.force && previous && previous.version === version && previous.mode === options.mode) return { written: false, version };

  let t = performance.now();
  const [items, synonyms] = await Promise.all([store.listItems(), store.getSynonyms()]);
  const readMs = performance.now() - t;
  t = performance.now();
  const groups = synonyms?.groups ?? DEFAULT_SYNONYM_GROUPS;
  const index = options.build(items, groups, options.mode);
  const buildMs = performance.now() - t;
  t = performance.now();
  const { docs, postings } = index.exportData();
  let estimate = 0;
  for (const p of postings.values()) estimate += 4 + p.slots.length * 9;
  const shardCount = shardCountFor(estimate, options.targetShardBytes);
  const shards = encodeShards(postings, shardCount);
  const build = `${version}-${randomUUID().slice(0, 8)}`;
  const kept = previous ? [{ build: previous.build, shards: previous.shards }, ...previous.previous].slice(0, KEEP_PREVIOUS) : [];
  const head = encodeHead(
    { format: 1, version, mode: options.mode, synonyms: groups, shards: shardCount, build, builtAt: (options.now ?? new Date()).toISOString(), previous: kept },
    docs,
  );
  const encodeMs = performance.now() - t;
  t = performance.now();
  // Shards first, the head last: a head never names shards not yet written.
  await inParallel(shards.map((body, k) => () => objects.write(shardKey(build, k), body, 'application/octet-stream')), 16);
  await objects.write(HEAD_KEY, head, 'application/octet-stream');
  const dropped = previous ? [previous, ...previous.previous].slice(KEEP_PREVIOUS) : [];
  const stale = dropped.flatMap((b) => Array.from({ length: b.shards }, (_, k) => shardKey(b.build, k)));
  for (let i = 0; i < stale.length; i += 1000) await objects.remove(stale.slice(i, i + 1000));
  const writeMs = performance.now() - t;
  return {
    written: true,
    version,
    docs: docs.payloads.length,
    shards: shardCount,
    headBytes: head.length,
    shardBytes: shards.reduce((n, s) => n + s.length, 0),
    readMs,
    buildMs,
    encodeMs,
    writeMs,
  };
}

function safeHeader(buf: Buffer): SnapshotHeader | undefined {
  try {
    return decodeHeader(buf);
  } catch {
    return undefined;
  }
}

async function inParallel(tasks: (() => Promise<unknown>)[], width: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, tasks.length) }, async () => {
      while (next < tasks.length) await tasks[next++]!();
    }),
  );
}

/** A snapshot as a search Lambda holds it: the head read, shards read (once each) as terms need them. */
export class LoadedSnapshot {
  private readonly shards = new Map<number, Promise<ShardReader>>();
  shardReads = 0;

  private constructor(
    private readonly objects: SnapshotObjects,
    readonly header: SnapshotHeader,
    readonly docs: IndexDocuments<SnapshotStub>,
    readonly headBytes: number,
    /** GET of the head, and decoding it (ms). */
    readonly readMs: number,
    readonly parseMs: number,
  ) {}

  /** The newest snapshot's head, or undefined when none was written yet. */
  static async load(objects: SnapshotObjects): Promise<LoadedSnapshot | undefined> {
    const started = performance.now();
    const buf = await objects.read(HEAD_KEY);
    if (!buf) return undefined;
    const read = performance.now();
    const { header, docs } = decodeHead(buf);
    return new LoadedSnapshot(objects, header, docs, buf.length, read - started, performance.now() - read);
  }

  /** Read the shards holding `terms` (in parallel, each once) and adopt the terms into `index`. */
  async adoptInto(index: Pick<SearchIndex<unknown>, 'adopt' | 'unadopted'>, terms: string[]): Promise<void> {
    if (terms.length === 0) return;
    const { shards, build } = this.header;
    const wanted = [...new Set(terms.map((t) => shardOf(t, shards)))];
    const readers = new Map<number, ShardReader>();
    await Promise.all(
      wanted.map(async (k) => {
        let shard = this.shards.get(k);
        if (!shard) {
          this.shardReads++;
          shard = this.objects.read(shardKey(build, k)).then((buf) => {
            if (!buf) throw new Error(`library index shard ${shardKey(build, k)} is missing`);
            return new ShardReader(buf);
          });
          shard.catch(() => this.shards.delete(k));
          this.shards.set(k, shard);
        }
        readers.set(k, await shard);
      }),
    );
    // Synchronous from here: no catch-up can run between reading and adopting.
    index.adopt(index.unadopted(terms), (term) => readers.get(shardOf(term, shards))?.read(term));
  }
}
