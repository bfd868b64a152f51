/**
 * The library index's snapshot: what a cold search Lambda loads instead of reading every item.
 *
 * Two kinds of object under `search/library/` in the bucket:
 *
 * - `head.bin` — small and read at cold start (one GET): the library version it reflects, the
 *   analyzer mode and synonym groups it was built with, and per document its id, kind, date and
 *   field lengths (what ranking needs besides postings). No text.
 * - `<build>/<k>.bin` — the postings, cut into shards by a hash of the term, read only for the
 *   terms a query asks about. Per term: the count, the slots (int32, ascending) and per slot one
 *   byte of term frequency per field, uncompressed (9 bytes a posting: reading is copying; more
 *   shards keep each small). Shards of a build are written before its head, so a head never names
 *   missing shards.
 *
 * Cold start therefore grows with the number of documents only by ~20 bytes each (the head), not
 * with their text; the postings a query reads grow with how many documents hold its terms.
 */
import type { LibraryKind } from '@minsheng/shared';
import type { AnalyzerMode } from './analyzer';
import { FIELDS, type IndexDocuments, type StoredPostings } from './search-index';

const F = FIELDS.length;
const HEAD_MAGIC = 'MSLIDX01';
const SHARD_MAGIC = 'MSLSHD01';
const SEP = '\u0000';

/** A snapshot document's payload: what the index keeps of an item read from a snapshot (no text). */
export interface SnapshotStub {
  id: string;
  kind: LibraryKind;
  stub: true;
}

export interface SnapshotHeader {
  format: 1;
  /** The library version the snapshot reflects (items were read after reading it). */
  version: number;
  mode: AnalyzerMode;
  synonyms: string[][];
  docs: number;
  shards: number;
  /** The build's id: its shards are under `search/library/<build>/`. */
  build: string;
  builtAt: string;
  kinds: string[];
  /** Earlier builds still kept (warm Lambdas may read their shards for a while), newest first. */
  previous: { build: string; shards: number }[];
}

export const SNAPSHOT_PREFIX = 'search/library/';
export const HEAD_KEY = `${SNAPSHOT_PREFIX}head.bin`;
export const shardKey = (build: string, k: number) => `${SNAPSHOT_PREFIX}${build}/${k}.bin`;

/** FNV-1a over UTF-16 code units: which shard holds a term. */
export function shardOf(term: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shards;
}

// ---- Bytes ----

class Writer {
  private buf = Buffer.allocUnsafe(1 << 16);
  private at = 0;
  private room(n: number) {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }
  u8(v: number) {
    this.room(1);
    this.buf[this.at++] = v;
  }
  u32(v: number) {
    this.room(4);
    this.buf.writeUInt32LE(v, this.at);
    this.at += 4;
  }
  bytes(b: Uint8Array) {
    this.room(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }
  /** A length-prefixed section. */
  section(b: Uint8Array) {
    this.u32(b.length);
    this.bytes(b);
  }
  get length() {
    return this.at;
  }
  done(): Buffer {
    return this.buf.subarray(0, this.at);
  }
}

class Reader {
  at = 0;
  constructor(readonly buf: Buffer) {}
  u32(): number {
    const v = this.buf.readUInt32LE(this.at);
    this.at += 4;
    return v;
  }
  section(): Buffer {
    const n = this.u32();
    const b = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return b;
  }
  magic(expected: string) {
    const got = this.buf.toString('latin1', this.at, this.at + expected.length);
    if (got !== expected) throw new Error(`not a library index snapshot (${expected})`);
    this.at += expected.length;
  }
}

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
/** A typed array copied out of a buffer (a copy: the source offset need not be aligned). */
function copyOut<A extends Float64Array | Uint16Array>(Type: { new (n: number): A; BYTES_PER_ELEMENT: number }, bytes: Buffer): A {
  const out = new Type(bytes.length / Type.BYTES_PER_ELEMENT);
  bytesOf(out).set(bytes);
  return out;
}

function joinTerms(terms: string[]): Buffer {
  for (const t of terms) if (t.includes(SEP)) throw new Error('a term holds the separator');
  return Buffer.from(terms.join(SEP), 'utf8');
}

// ---- Head ----

export function encodeHead(header: Omit<SnapshotHeader, 'docs' | 'kinds'>, docs: IndexDocuments<{ id: string }>): Buffer {
  const n = docs.payloads.length;
  const kinds = [...new Set(docs.kinds)];
  const full: SnapshotHeader = { ...header, docs: n, kinds };
  const w = new Writer();
  w.bytes(Buffer.from(HEAD_MAGIC, 'latin1'));
  w.section(Buffer.from(JSON.stringify(full), 'utf8'));
  w.section(joinTerms(docs.payloads.map((p) => p.id)));
  w.section(Uint8Array.from(docs.kinds, (k) => kinds.indexOf(k)));
  w.section(bytesOf(docs.dates.subarray(0, n)));
  w.section(bytesOf(docs.lengths.subarray(0, n * F)));
  return w.done();
}

/** Only the header of a head object (the indexer's "is it current?" check). */
export function decodeHeader(buf: Buffer): SnapshotHeader {
  const r = new Reader(buf);
  r.magic(HEAD_MAGIC);
  return JSON.parse(r.section().toString('utf8')) as SnapshotHeader;
}

export function decodeHead(buf: Buffer): { header: SnapshotHeader; docs: IndexDocuments<SnapshotStub> } {
  const r = new Reader(buf);
  r.magic(HEAD_MAGIC);
  const header = JSON.parse(r.section().toString('utf8')) as SnapshotHeader;
  if (header.format !== 1) throw new Error(`unknown snapshot format ${header.format}`);
  const ids = header.docs === 0 ? (r.section(), []) : r.section().toString('utf8').split(SEP);
  const kindIx = r.section();
  const dates = copyOut(Float64Array, r.section());
  const lengths = copyOut(Uint16Array, r.section());
  if (ids.length !== header.docs || kindIx.length !== header.docs || dates.length !== header.docs || lengths.length !== header.docs * F) {
    throw new Error('library index snapshot is truncated');
  }
  const kinds = Array.from(kindIx, (k) => header.kinds[k]!);
  const payloads = ids.map((id, i): SnapshotStub => ({ id, kind: kinds[i] as LibraryKind, stub: true }));
  return { header, docs: { payloads, kinds, dates, lengths } };
}

// ---- Shards ----

/** The postings cut into `shards` objects by term hash. */
export function encodeShards(postings: Map<string, StoredPostings>, shards: number): Buffer[] {
  const byShard: string[][] = Array.from({ length: shards }, () => []);
  for (const term of postings.keys()) byShard[shardOf(term, shards)]!.push(term);
  return byShard.map((terms) => {
    const data = new Writer();
    const offsets = new Uint32Array(terms.length + 1);
    terms.forEach((term, i) => {
      offsets[i] = data.length;
      const p = postings.get(term)!;
      // Raw, not varints: reading a term is then two copies, which a cold process (code not yet
      // optimised by the JIT) does far faster than decoding ~10⁴ postings one by one.
      data.u32(p.slots.length);
      data.bytes(bytesOf(p.slots));
      data.bytes(p.tfs.subarray(0, p.slots.length * F));
    });
    offsets[terms.length] = data.length;
    const w = new Writer();
    w.bytes(Buffer.from(SHARD_MAGIC, 'latin1'));
    w.u32(terms.length);
    w.section(joinTerms(terms));
    w.section(bytesOf(offsets));
    w.section(data.done());
    return w.done();
  });
}

/** How many shards for postings of about `bytes`: a power of two, each about `target` bytes. */
export function shardCountFor(bytes: number, target = 128 * 1024): number {
  // Up to 4,096 shards: at 50,000 real-length items (~300 MB of postings) about 75 KB each.
  let s = 1;
  while (s < 4096 && bytes / s > target) s *= 2;
  return s;
}

/** One shard, read: postings decoded per term on demand. */
export class ShardReader {
  private readonly index = new Map<string, number>();
  private readonly offsets: Uint32Array;
  private readonly data: Buffer;

  constructor(buf: Buffer) {
    const r = new Reader(buf);
    r.magic(SHARD_MAGIC);
    const count = r.u32();
    const terms = r.section();
    const offsetBytes = r.section();
    this.offsets = new Uint32Array(count + 1);
    bytesOf(this.offsets).set(offsetBytes);
    this.data = r.section();
    if (count > 0) terms.toString('utf8').split(SEP).forEach((t, i) => this.index.set(t, i));
    if (this.index.size !== count) throw new Error('library index shard is damaged');
  }

  get termCount(): number {
    return this.index.size;
  }

  read(term: string): StoredPostings | undefined {
    const i = this.index.get(term);
    if (i === undefined) return undefined;
    const at = this.offsets[i]!;
    const n = this.data.readUInt32LE(at);
    const slots = new Int32Array(n);
    bytesOf(slots).set(this.data.subarray(at + 4, at + 4 + n * 4));
    const tfs = this.data.slice(at + 4 + n * 4, at + 4 + n * 4 + n * F);
    return { slots, tfs };
  }

  /** Every term of the shard (tests). */
  terms(): string[] {
    return [...this.index.keys()];
  }
}
