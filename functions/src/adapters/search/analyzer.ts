/**
 * Chinese text analysis for the library search: normalisation, word segmentation with the
 * runtime's own ICU dictionary (Intl.Segmenter, no package), character bigrams over runs of
 * content words, stop words, and synonym groups folded into one concept term each.
 *
 * Why bigrams as well as words: the segmenter splits colloquial and compound terms unevenly
 * (社保 → 社|保, 异地 → 异|地, 种粮 → 种|粮) and differently in a query and a document; overlapping
 * bigrams match them either way. The relevance test measures each mode (words, bigrams, both).
 */
import { normaliseForSearch } from '@minsheng/shared';

/**
 * How text becomes terms. `words`: the segmenter's words. `bigrams`: overlapping character pairs
 * over runs of content words. `words+bigrams`: both (words longer than two characters added).
 * `fast-bigrams`: queries as in `bigrams`; documents cut into pairs over every run of Chinese
 * characters without the segmenter (a superset of what any query can ask for), which makes
 * building the index several times faster.
 */
export type AnalyzerMode = 'words' | 'bigrams' | 'words+bigrams' | 'fast-bigrams';

/** Function words and question words: they say how a citizen asks, not what about. */
const STOP_WORDS = new Set(
  (
    '的 了 吗 呢 吧 啊 呀 哦 嘛 么 是 在 我 你 您 他 她 它 和 与 及 或 要 想 能 会 可 也 都 就 还 又 这 那 把 被 让 给 有 没 不 ' +
    '怎 啥 咋 哪 谁 几 请 问 该 去 来 到 得 地 着 过 对 从 向 将 以 为 于 之 其 等 如 但 而 且 并 个 些 办 下 上 里 说 跟 找 ' +
    '怎么 怎样 怎么办 怎么样 怎么回事 如何 什么 什么时候 啥时候 为什么 为啥 哪里 哪儿 哪些 哪个 多少 多久 几时 可以 能否 是否 ' +
    '请问 一下 我们 你们 他们 她们 咱们 自己 这个 那个 这样 那样 这些 那些 还是 或者 以及 因为 所以 但是 如果 已经 现在 ' +
    '时候 知道 没有 不是 就是 一个 一些 有关 关于 相关 问题 情况 咨询 请求 反映 谢谢 您好 你好 麻烦 帮忙 希望 今年 去年 ' +
    '明年 目前 一直 还没 到底 应该 需要 能不能 可不可以 有没有 是不是 要不要 咋办 咋样 谁管 不给 给我 我家 我的 我们的 有人'
  ).split(/\s+/),
);

const HAN_ONLY = /^\p{Script=Han}+$/u;
/** Particles that never belong to a searched word (unlike 地 in 耕地 or 和 in 人力资源和社会保障). */
const PARTICLES = new Set([...'的了吗呢吧啊呀哦嘛'].map((c) => c.charCodeAt(0)));
// Built on first use, not at import: ICU's dictionary costs milliseconds that only searches need.
let segmenter: Intl.Segmenter | undefined;
const wordSegmenter = () => (segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' }));

/** NFKC (full-width letters and digits to half-width) and lower case. */
export const normalise = normaliseForSearch;

/** A synonym group's concept term: its first member, marked so it can never collide with a real token. */
const conceptTerm = (canonical: string) => `~${canonical}`;

/** Synonym groups compiled for matching: member → concept term, looked up by first character. */
export class SynonymMatcher {
  private readonly byFirst = new Map<string, { member: string; concept: string }[]>();
  readonly groups: string[][];

  constructor(groups: string[][]) {
    this.groups = groups.map((g) => [...new Set(g.map((t) => normalise(t.trim())).filter(Boolean))]).filter((g) => g.length >= 2);
    for (const group of this.groups) {
      const concept = conceptTerm(group[0]!);
      for (const member of group) {
        const first = member[0]!;
        const list = this.byFirst.get(first) ?? [];
        list.push({ member, concept });
        this.byFirst.set(first, list);
      }
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.member.length - a.member.length);
  }

  /**
   * The concept terms of the members found in `text` (normalised), once per occurrence. Groups may
   * overlap (城乡居民基本养老保险 holds 养老保险), but one group counts a stretch of text once.
   */
  concepts(text: string): string[] {
    return this.conceptSpans(text).map((s) => s.concept);
  }

  /** As `concepts`, with where each member was found in `text` (UTF-16 offsets, end exclusive). */
  conceptSpans(text: string): { concept: string; start: number; end: number }[] {
    const out: { concept: string; start: number; end: number }[] = [];
    const endOf = new Map<string, number>();
    for (let i = 0; i < text.length; i++) {
      const candidates = this.byFirst.get(text[i]!);
      if (!candidates) continue;
      for (const c of candidates) {
        if ((endOf.get(c.concept) ?? 0) > i || !text.startsWith(c.member, i)) continue;
        out.push({ concept: c.concept, start: i, end: i + c.member.length });
        endOf.set(c.concept, i + c.member.length);
      }
    }
    return out;
  }

  /** The members found in `text`, for highlighting. */
  members(text: string): string[] {
    const out = new Set<string>();
    for (let i = 0; i < text.length; i++) {
      const hit = this.byFirst.get(text[i]!)?.find((c) => text.startsWith(c.member, i));
      if (hit) out.add(hit.member);
    }
    return [...out];
  }
}

type Span = { start: number; end: number; terms: string[] };

/**
 * Adjacent single characters the segmenter split (强|拆, 社|保) are one word for the floor, as their
 * bigrams are for matching; a single character alone stays without terms (it may still carry a
 * synonym's concept).
 */
function joinSingles(text: string, spans: Span[]): Span[] {
  const out: Span[] = [];
  let run: Span | undefined;
  const flush = () => {
    if (!run) return;
    const chars = Array.from(text.slice(run.start, run.end));
    out.push({ start: run.start, end: run.end, terms: chars.length < 2 ? [] : chars.slice(1).map((c, i) => chars[i]! + c) });
    run = undefined;
  };
  for (const s of spans) {
    const single = s.terms.length === 0;
    if (single && run && run.end === s.start) run.end = s.end;
    else if (single) {
      flush();
      run = { ...s };
    } else {
      flush();
      out.push(s);
    }
  }
  flush();
  return out;
}

export interface AnalyzedText {
  /** Index terms, repeated as often as they occur. */
  terms: string[];
  /** Content words as typed (normalised), for highlighting and snippets. */
  words: string[];
  /**
   * Queries only: the query's content words, each as the terms any one of which shows a document
   * speaks of it (its bigrams or itself, and the concept of a synonym member overlapping it). The
   * relevance floor asks how much of the query a document covers, word by word. Single characters
   * without a synonym are left out: documents index runs of two or more as bigrams, so a lone 赔 or
   * 查 says little about whether a document is on topic.
   */
  groups?: string[][];
}

export class Analyzer {
  constructor(
    readonly mode: AnalyzerMode,
    readonly synonyms: SynonymMatcher,
  ) {}

  /** Terms of a document field (`fast-bigrams` skips the segmenter here); words are not needed. */
  analyzeDocument(raw: string): string[] {
    if (this.mode !== 'fast-bigrams') return this.analyze(raw).terms;
    const text = normalise(raw);
    const terms: string[] = [];
    let runStart = -1;
    let wordStart = -1;
    const flushRun = (end: number) => {
      if (runStart < 0) return;
      if (end - runStart === 1) {
        const ch = text[runStart]!;
        if (!STOP_WORDS.has(ch)) terms.push(ch);
      } else {
        for (let i = runStart; i + 1 < end; i++) terms.push(text.slice(i, i + 2));
      }
      runStart = -1;
    };
    const flushWord = (end: number) => {
      if (wordStart < 0) return;
      terms.push(text.slice(wordStart, end));
      wordStart = -1;
    };
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // CJK unified ideographs and extension A (the rare characters outside the BMP are skipped).
      if (PARTICLES.has(c)) {
        // 的, 了, 吗 … join nothing a citizen searches for: cut the run there, as a query's stop words do.
        flushRun(i);
        flushWord(i);
      } else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) {
        flushWord(i);
        if (runStart < 0) runStart = i;
      } else if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) {
        flushRun(i);
        if (wordStart < 0) wordStart = i;
      } else {
        flushRun(i);
        flushWord(i);
      }
    }
    flushRun(text.length);
    flushWord(text.length);
    for (const concept of this.synonyms.concepts(text)) terms.push(concept);
    return terms;
  }

  /** Terms and content words of a query (or, except in `fast-bigrams` mode, of a document). */
  analyze(raw: string): AnalyzedText {
    const text = normalise(raw);
    const terms: string[] = [];
    const words: string[] = [];
    const spans: { start: number; end: number; terms: string[] }[] = [];
    let run = '';
    const flush = () => {
      if (run.length === 0) return;
      // The run as typed is a word to highlight too, where the segmenter cut it into single characters (种|粮).
      if (Array.from(run).length >= 2 && !words.includes(run)) words.push(run);
      if (this.mode !== 'words') {
        const chars = Array.from(run);
        if (chars.length === 1) terms.push(chars[0]!);
        for (let i = 0; i + 1 < chars.length; i++) terms.push(chars[i]! + chars[i + 1]!);
      }
      run = '';
    };
    for (const seg of wordSegmenter().segment(text)) {
      const w = seg.segment;
      if (!seg.isWordLike || STOP_WORDS.has(w)) {
        flush();
        continue;
      }
      if (HAN_ONLY.test(w)) {
        const chars = Array.from(w);
        const pairs = chars.slice(1).map((c, i) => chars[i]! + c);
        const wordTerms = this.mode === 'words' ? [w] : this.mode === 'words+bigrams' && chars.length >= 3 ? [...pairs, w] : pairs;
        spans.push({ start: seg.index, end: seg.index + w.length, terms: chars.length === 1 ? [] : wordTerms });
        run += w;
        if (w.length >= 2) words.push(w);
        // Words mode indexes every word; with bigrams, only words longer than a bigram add something.
        if (this.mode === 'words' || (this.mode === 'words+bigrams' && Array.from(w).length >= 3)) terms.push(w);
      } else {
        flush();
        // A lone letter or digit says nothing (the 1 of "alert(1)" matched half the library).
        if (Array.from(w).length < 2) continue;
        // Numbers and Latin words (12333, 2025, app) as they are.
        terms.push(w);
        spans.push({ start: seg.index, end: seg.index + w.length, terms: [w] });
        if (w.length >= 2) words.push(w);
      }
    }
    flush();
    const concepts = this.synonyms.conceptSpans(text);
    for (const c of concepts) terms.push(c.concept);
    const wordGroups = joinSingles(text, spans)
      // 多少钱 is how a question ends, not what it asks about.
      .filter((s) => !s.terms.some((t) => STOP_WORDS.has(t)))
      .map((s) => [...new Set([...s.terms, ...concepts.filter((c) => c.start < s.end && c.end > s.start).map((c) => c.concept)])])
      .filter((g) => g.length > 0);
    // Words one synonym member spans (社|保) are one word to cover, not two.
    const groups = [...new Map(wordGroups.map((g) => [g.join('|'), g])).values()];
    return { terms, words, groups };
  }
}
