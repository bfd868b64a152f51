/**
 * An in-memory inverted index with BM25F ranking (per-field weights and length normalisation) and
 * a mild preference for recent documents. Pure code: no I/O, no dependencies.
 *
 * Postings are packed in typed arrays (a slot number and one byte of term frequency per field), so
 * 10,000 library items fit in a few tens of MB. Removing a document marks its slot dead; dead
 * postings are skipped and compacted away once they pile up, so items can change one by one
 * without rebuilding the index.
 */
import { Analyzer, normalise } from './analyzer';

export const FIELDS = ['title', 'tags', 'question', 'body', 'meta'] as const;
export type Field = (typeof FIELDS)[number];
const F = FIELDS.length;

export interface RankingOptions {
  /** How much a match in each field counts, relative to the body. */
  weights: Record<Field, number>;
  /** Length normalisation per field (0 = none, 1 = full). */
  b: Record<Field, number>;
  /** Term-frequency saturation. */
  k1: number;
  /** A new document scores up to (1 + recencyBoost)× an old one with the same match… */
  recencyBoost: number;
  /** …and that advantage halves every this many days. */
  recencyHalfLifeDays: number;
  /**
   * The relevance floor: a document is a hit only if it covers at least this share of the query's
   * content words, each weighted by how rare it is in the library (its idf; a word no document
   * contains weighs most). 外星人补贴 matches every item about 补贴, but none covers 外星人, the
   * word that says what is asked: nothing is found rather than 17 unrelated subsidies. 0 = no floor.
   */
  minCoverage: number;
  /**
   * …or at least this many of the query's words, whatever their share: a long question told in a
   * citizen's own words (我在外地打工三年了，老家的地被征了…) has many words no item uses, and an item
   * covering several of the others is on topic.
   */
  enoughWords: number;
}

export const DEFAULT_RANKING: RankingOptions = {
  weights: { title: 3, tags: 2, question: 1.5, body: 1, meta: 0.5 },
  b: { title: 0.3, tags: 0, question: 0.6, body: 0.75, meta: 0 },
  k1: 1.2,
  recencyBoost: 0.15,
  recencyHalfLifeDays: 365,
  minCoverage: 0.3,
  enoughWords: 3,
};

/** What the index needs to know about a document. */
export interface Indexable {
  id: string;
  kind: string;
  /** Milliseconds since the epoch: the document's date (recency, and "newest first"). */
  date: number;
  fields: Partial<Record<Field, string>>;
}

export interface SearchHit<T> {
  doc: T;
  score: number;
  /** Share of the query's weight (Σ idf of its terms) this document matches, 0–1. */
  match: number;
  /** Share of the query's content words (weighted by rarity) this document covers, 0–1 (1 when there are none). */
  coverage: number;
}

export interface SearchResult<T> {
  total: number;
  hits: SearchHit<T>[];
  /** The query's content words and synonym members, for highlighting and snippets. */
  words: string[];
}

interface Postings {
  slots: Int32Array;
  tfs: Uint8Array;
  n: number;
}

/** One term's postings as a snapshot stores them: slots ascending, F term frequencies per slot. */
export interface StoredPostings {
  slots: Int32Array;
  tfs: Uint8Array;
}

/** Everything ranking needs about the documents, slot by slot (what a snapshot stores besides postings). */
export interface IndexDocuments<T> {
  payloads: T[];
  kinds: string[];
  dates: Float64Array;
  /** F lengths per slot. */
  lengths: Uint16Array;
}

const DAY_MS = 24 * 3600 * 1000;

export class SearchIndex<T> {
  private readonly postings = new Map<string, Postings>();
  /** Live documents containing each term. */
  private readonly df = new Map<string, number>();
  private readonly byId = new Map<string, number>();
  private payloads: (T | undefined)[] = [];
  private kinds: string[] = [];
  private dates = new Float64Array(64);
  private lengths = new Uint16Array(64 * F);
  private alive = new Uint8Array(64);
  private slotCount = 0;
  private liveCount = 0;
  private readonly lengthSums = new Float64Array(F);
  private scores = new Float64Array(64);
  private matched = new Float64Array(64);
  /** Per slot during a search: which of the query's words (bit i = group i) the document covers. */
  private covered = new Uint32Array(64);
  /** Live slots newest first, made on demand and dropped on every change. */
  private newestOrder: number[] | undefined;
  /**
   * Slots below this came from a snapshot whose postings are read on demand (adopt): until a term
   * is adopted, its entry (if any) holds only postings of documents added since. 0: a plain index.
   */
  private snapshotSlots = 0;
  /** Snapshot terms merged into `postings` (and `df`) so far. */
  private readonly adopted = new Set<string>();

  constructor(
    readonly analyzer: Analyzer,
    private readonly describe: (doc: T) => Indexable,
    private readonly ranking: RankingOptions = DEFAULT_RANKING,
  ) {}

  get size(): number {
    return this.liveCount;
  }

  /**
   * An index over `docs` (slots 0…n-1, all live) whose postings stay in a snapshot until adopted:
   * search() must only be asked about adopted terms (see `unadopted`).
   */
  static fromSnapshot<T>(analyzer: Analyzer, describe: (doc: T) => Indexable, ranking: RankingOptions, docs: IndexDocuments<T>): SearchIndex<T> {
    const index = new SearchIndex<T>(analyzer, describe, ranking);
    const n = docs.payloads.length;
    index.ensureCapacity(n);
    index.payloads = docs.payloads.slice();
    index.kinds = docs.kinds.slice();
    index.dates.set(docs.dates.subarray(0, n));
    index.lengths.set(docs.lengths.subarray(0, n * F));
    index.alive.fill(1, 0, n);
    for (let s = 0; s < n; s++) {
      index.byId.set(describe(docs.payloads[s]!).id, s);
      for (let f = 0; f < F; f++) index.lengthSums[f]! += docs.lengths[s * F + f]!;
    }
    index.slotCount = n;
    index.liveCount = n;
    index.snapshotSlots = n;
    return index;
  }

  /** The terms of `terms` whose snapshot postings have not been adopted yet (none for a plain index). */
  unadopted(terms: Iterable<string>): string[] {
    if (this.snapshotSlots === 0) return [];
    const out = new Set<string>();
    for (const t of terms) if (!this.adopted.has(t)) out.add(t);
    return [...out];
  }

  /**
   * Merge snapshot postings into the index: `read(term)` gives the term's stored postings (undefined:
   * not in the snapshot). Documents of the snapshot removed meanwhile are skipped in the count.
   */
  adopt(terms: string[], read: (term: string) => StoredPostings | undefined): void {
    for (const term of terms) {
      if (this.snapshotSlots === 0 || this.adopted.has(term)) continue;
      this.adopted.add(term);
      const stored = read(term);
      if (!stored || stored.slots.length === 0) continue;
      let live = 0;
      for (let i = 0; i < stored.slots.length; i++) if (this.alive[stored.slots[i]!]) live++;
      const added = this.postings.get(term);
      const n = stored.slots.length + (added?.n ?? 0);
      const slots = new Int32Array(Math.max(4, n));
      const tfs = new Uint8Array(Math.max(4, n) * F);
      slots.set(stored.slots);
      tfs.set(stored.tfs.subarray(0, stored.slots.length * F));
      if (added) {
        slots.set(added.slots.subarray(0, added.n), stored.slots.length);
        tfs.set(added.tfs.subarray(0, added.n * F), stored.slots.length * F);
      }
      this.postings.set(term, { slots, tfs, n });
      const df = live + (this.df.get(term) ?? 0);
      if (df > 0) this.df.set(term, df);
    }
  }

  /**
   * The documents and postings as a snapshot stores them: dead slots compacted away first, so slots
   * are 0…size-1 and every posting list ascends. Only for a plain (fully in memory) index.
   */
  exportData(): { docs: IndexDocuments<T>; postings: Map<string, StoredPostings> } {
    if (this.snapshotSlots > 0) throw new Error('exportData needs an index built in memory, not one read from a snapshot');
    if (this.slotCount !== this.liveCount) this.compact();
    const n = this.slotCount;
    const postings = new Map<string, StoredPostings>();
    for (const [term, p] of this.postings) postings.set(term, { slots: p.slots.subarray(0, p.n), tfs: p.tfs.subarray(0, p.n * F) });
    return {
      docs: { payloads: this.payloads.slice(0, n) as T[], kinds: this.kinds.slice(0, n), dates: this.dates.slice(0, n), lengths: this.lengths.slice(0, n * F) },
      postings,
    };
  }

  get termCount(): number {
    return this.postings.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): T | undefined {
    const slot = this.byId.get(id);
    return slot === undefined ? undefined : this.payloads[slot];
  }

  /** Add a document, or replace the one with the same id. */
  upsert(doc: T): void {
    const d = this.describe(doc);
    this.remove(d.id);
    this.newestOrder = undefined;
    const slot = this.slotCount++;
    this.ensureCapacity(this.slotCount);
    this.payloads[slot] = doc;
    this.kinds[slot] = d.kind;
    this.dates[slot] = d.date;
    this.alive[slot] = 1;
    this.byId.set(d.id, slot);
    this.liveCount++;

    const perTerm = new Map<string, Uint8Array>();
    FIELDS.forEach((field, f) => {
      const text = d.fields[field];
      // A reused slot (after compaction) may hold an earlier document's lengths.
      this.lengths[slot * F + f] = 0;
      if (!text) return;
      const terms = this.analyzer.analyzeDocument(text);
      const len = Math.min(terms.length, 65535);
      this.lengths[slot * F + f] = len;
      this.lengthSums[f]! += len;
      for (const term of terms) {
        let tf = perTerm.get(term);
        if (!tf) {
          tf = new Uint8Array(F);
          perTerm.set(term, tf);
        }
        if (tf[f]! < 255) tf[f]!++;
      }
    });
    for (const [term, tf] of perTerm) {
      let p = this.postings.get(term);
      if (!p) {
        p = { slots: new Int32Array(4), tfs: new Uint8Array(4 * F), n: 0 };
        this.postings.set(term, p);
      }
      if (p.n === p.slots.length) {
        const slots = new Int32Array(p.slots.length * 2);
        slots.set(p.slots);
        const tfs = new Uint8Array(p.tfs.length * 2);
        tfs.set(p.tfs);
        p.slots = slots;
        p.tfs = tfs;
      }
      p.slots[p.n] = slot;
      p.tfs.set(tf, p.n * F);
      p.n++;
      this.df.set(term, (this.df.get(term) ?? 0) + 1);
    }
  }

  /** Remove a document by id (no-op when absent). */
  remove(id: string): void {
    const slot = this.byId.get(id);
    if (slot === undefined) return;
    const doc = this.payloads[slot]!;
    const d = this.describe(doc);
    // Document frequencies of its terms go down now; its postings are skipped until compaction.
    const seen = new Set<string>();
    FIELDS.forEach((field, f) => {
      const text = d.fields[field];
      this.lengthSums[f]! -= this.lengths[slot * F + f]!;
      if (!text || slot < this.snapshotSlots) return;
      for (const term of this.analyzer.analyzeDocument(text)) seen.add(term);
    });
    // A snapshot's document: its text is not here. Terms adopted so far that hold it count it in
    // their df (found by binary search: postings ascend); terms adopted later skip it as dead.
    if (slot < this.snapshotSlots) for (const term of this.adopted) if (this.holds(term, slot)) seen.add(term);
    for (const term of seen) {
      const n = (this.df.get(term) ?? 1) - 1;
      if (n > 0) this.df.set(term, n);
      else this.df.delete(term);
    }
    this.alive[slot] = 0;
    this.payloads[slot] = undefined;
    this.newestOrder = undefined;
    this.byId.delete(id);
    this.liveCount--;
    // Not while snapshot postings are still to be adopted: they hold the old slot numbers.
    if (this.snapshotSlots === 0 && this.slotCount > 256 && this.slotCount - this.liveCount > this.slotCount / 4) this.compact();
  }

  private holds(term: string, slot: number): boolean {
    const p = this.postings.get(term);
    if (!p) return false;
    let lo = 0;
    let hi = p.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = p.slots[mid]!;
      if (s === slot) return true;
      if (s < slot) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Documents by date, newest first (ties by id). */
  newest(options: { limit: number; offset?: number; kind?: string }): { total: number; docs: T[] } {
    if (!this.newestOrder) {
      const order: number[] = [];
      for (let s = 0; s < this.slotCount; s++) if (this.alive[s]) order.push(s);
      const ids = new Map(order.map((s) => [s, this.describe(this.payloads[s]!).id]));
      order.sort((a, b) => this.dates[b]! - this.dates[a]! || (ids.get(a)! < ids.get(b)! ? -1 : 1));
      this.newestOrder = order;
    }
    const slots = options.kind ? this.newestOrder.filter((s) => this.kinds[s] === options.kind) : this.newestOrder;
    const offset = options.offset ?? 0;
    return { total: slots.length, docs: slots.slice(offset, offset + options.limit).map((s) => this.payloads[s]!) };
  }

  /** Ranked search: BM25F over the query's terms (synonym concepts included) × recency. */
  search(query: string, options: { limit: number; offset?: number; kind?: string; now: Date }): SearchResult<T> {
    const { terms, words, groups = [] } = this.analyzer.analyze(query);
    const weights = new Map<string, number>();
    for (const t of terms) weights.set(t, 1);
    const highlightWords = [...new Set([...words, ...this.analyzer.synonyms.members(normalise(query))])];
    if (weights.size === 0 || this.liveCount === 0) return { total: 0, hits: [], words: highlightWords };

    const { k1 } = this.ranking;
    const w = FIELDS.map((f) => this.ranking.weights[f]);
    const b = FIELDS.map((f) => this.ranking.b[f]);
    const avg = FIELDS.map((_, f) => Math.max(1, this.lengthSums[f]! / Math.max(1, this.liveCount)));
    const N = this.liveCount;
    const scores = this.scores;
    const matched = this.matched;
    const touched: number[] = [];
    let queryWeight = 0;
    const idfOf = (term: string) => {
      const df = this.df.get(term) ?? 0;
      return Math.log(1 + (N - df + 0.5) / (df + 0.5));
    };
    // The floor's words (at most 31, one bit each): a word weighs as its most common form does.
    const floorGroups = groups.slice(0, 31);
    const groupWeights = floorGroups.map((g) => Math.min(...g.map(idfOf)));
    const groupTotal = groupWeights.reduce((a, b) => a + b, 0);
    const groupBits = new Map<string, number>();
    floorGroups.forEach((g, i) => {
      for (const t of g) groupBits.set(t, (groupBits.get(t) ?? 0) | (1 << i));
    });
    const covered = this.covered;

    for (const [term, qw] of weights) {
      const df = this.df.get(term) ?? 0;
      const idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
      queryWeight += qw * idf;
      const p = this.postings.get(term);
      if (!p || df === 0) continue;
      const bits = groupBits.get(term) ?? 0;
      for (let i = 0; i < p.n; i++) {
        const slot = p.slots[i]!;
        if (!this.alive[slot]) continue;
        let tfw = 0;
        const base = i * F;
        for (let f = 0; f < F; f++) {
          const tf = p.tfs[base + f]!;
          if (tf === 0) continue;
          tfw += (w[f]! * tf) / (1 - b[f]! + (b[f]! * this.lengths[slot * F + f]!) / avg[f]!);
        }
        if (scores[slot] === 0 && matched[slot] === 0) touched.push(slot);
        scores[slot]! += (qw * idf * tfw) / (k1 + tfw);
        matched[slot]! += qw * idf;
        covered[slot]! |= bits;
      }
    }

    const now = options.now.getTime();
    const halfLife = this.ranking.recencyHalfLifeDays * DAY_MS;
    const hits: { slot: number; score: number; match: number; coverage: number }[] = [];
    for (const slot of touched) {
      const raw = scores[slot]!;
      const share = matched[slot]!;
      const bits = covered[slot]!;
      scores[slot] = 0;
      matched[slot] = 0;
      covered[slot] = 0;
      if (options.kind && this.kinds[slot] !== options.kind) continue;
      const covers = groupTotal > 0 ? coverage(bits, groupWeights) / groupTotal : 1;
      if (covers < this.ranking.minCoverage && bitCount(bits) < this.ranking.enoughWords) continue;
      const age = Math.max(0, now - this.dates[slot]!);
      const recency = 1 + this.ranking.recencyBoost * Math.pow(0.5, age / halfLife);
      hits.push({ slot, score: raw * recency, match: queryWeight > 0 ? Math.min(1, share / queryWeight) : 0, coverage: covers });
    }
    hits.sort((x, y) => y.score - x.score || this.dates[y.slot]! - this.dates[x.slot]!);
    const offset = options.offset ?? 0;
    return {
      total: hits.length,
      hits: hits.slice(offset, offset + options.limit).map((h) => ({ doc: this.payloads[h.slot]!, score: h.score, match: h.match, coverage: h.coverage })),
      words: highlightWords,
    };
  }

  private ensureCapacity(n: number): void {
    if (n <= this.alive.length) return;
    const cap = Math.max(n, this.alive.length * 2);
    const grow = <A extends Float64Array | Uint16Array | Uint8Array | Uint32Array>(a: A, size: number): A => {
      const next = new (a.constructor as new (size: number) => A)(size);
      next.set(a);
      return next;
    };
    this.dates = grow(this.dates, cap);
    this.lengths = grow(this.lengths, cap * F);
    this.alive = grow(this.alive, cap);
    this.scores = grow(this.scores, cap);
    this.matched = grow(this.matched, cap);
    this.covered = grow(this.covered, cap);
  }

  /** Drop dead slots: renumber live ones and rewrite postings without the dead. */
  private compact(): void {
    this.newestOrder = undefined;
    const remap = new Int32Array(this.slotCount).fill(-1);
    let next = 0;
    for (let s = 0; s < this.slotCount; s++) {
      if (!this.alive[s]) continue;
      remap[s] = next;
      this.payloads[next] = this.payloads[s];
      this.kinds[next] = this.kinds[s]!;
      this.dates[next] = this.dates[s]!;
      this.lengths.copyWithin(next * F, s * F, s * F + F);
      this.alive[next] = 1;
      next++;
    }
    for (let s = next; s < this.slotCount; s++) {
      this.alive[s] = 0;
      this.payloads[s] = undefined;
    }
    this.payloads.length = next;
    this.kinds.length = next;
    this.slotCount = next;
    for (const [id, slot] of this.byId) this.byId.set(id, remap[slot]!);
    for (const [term, p] of this.postings) {
      let n = 0;
      for (let i = 0; i < p.n; i++) {
        const to = remap[p.slots[i]!]!;
        if (to < 0) continue;
        p.slots[n] = to;
        p.tfs.copyWithin(n * F, i * F, i * F + F);
        n++;
      }
      if (n === 0) this.postings.delete(term);
      else p.n = n;
    }
  }
}

/** The summed weights of the words whose bits are set. */
function coverage(bits: number, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) if (bits & (1 << i)) sum += weights[i]!;
  return sum;
}

function bitCount(bits: number): number {
  let n = 0;
  for (let b = bits; b; b &= b - 1) n++;
  return n;
}
