import { normaliseForSearch } from './library-synonyms';

/**
 * How a case's title and content become search terms (issue #16, case search and duplicates):
 * NFKC and lower case, then overlapping character pairs over every run of Chinese characters
 * (`路灯不亮` → 路灯 灯不 不亮) and whole runs of Latin letters and digits of two or more (`5号楼`
 * gives `号楼`; `wifi`, `2024`). No dictionary: a pair index finds any phrase of two characters
 * or more wherever the segmenter would have cut it, which is what an operator typing a few words of a
 * caller's complaint needs. Matches are then checked against the text itself (every query word a
 * substring), so the pairs only have to narrow the candidates, never decide a match alone.
 */
const RUNS = /\p{Script=Han}+|[a-z0-9]+/gu;
const HAN = /^\p{Script=Han}+$/u;

/** Distinct terms of a text, in order of first appearance, at most `max`. */
export function caseTerms(text: string, max = Infinity): string[] {
  const out = new Set<string>();
  for (const [run] of normaliseForSearch(text).matchAll(RUNS)) {
    if (HAN.test(run)) {
      for (let i = 0; i + 1 < run.length; i++) {
        out.add(run.slice(i, i + 2));
        if (out.size >= max) return [...out];
      }
    } else if (run.length >= 2) {
      out.add(run);
      if (out.size >= max) return [...out];
    }
  }
  return [...out];
}

/** Terms indexed per case: its title first, then its content, up to this many distinct ones (the cost of a filing's index writes). */
export const MAX_INDEXED_TERMS = 1000;

/** What a case is indexed under: its title and content, title first. */
export function indexedTerms(c: { title: string; content: string }): string[] {
  return caseTerms(`${c.title}\n${c.content}`, MAX_INDEXED_TERMS);
}

/** The words of a search query (split on spaces and punctuation), normalised. */
export function queryWords(q: string): string[] {
  return [...new Set([...normaliseForSearch(q).matchAll(RUNS)].map(([w]) => w))];
}

/** Whether every query word occurs in the case's title or content (what a search result must satisfy). */
export function textHasAll(c: { title: string; content: string }, words: readonly string[]): boolean {
  const text = normaliseForSearch(`${c.title}\n${c.content}`);
  return words.every((w) => text.includes(w));
}

/** Jaccard similarity of two term sets: |A ∩ B| / |A ∪ B| (0 when both are empty). */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  let both = 0;
  for (const t of sa) if (sb.has(t)) both++;
  const union = sa.size + sb.size - both;
  return union ? both / union : 0;
}

/**
 * Two cases are "very similar text" (疑似重复) at a Jaccard similarity of their title+content
 * character pairs of at least this. Two callers describing one broken street lamp or one noisy site
 * in their own words share most content pairs (地点, the object, the fault) and typically score
 * 0.3–0.6; unrelated cases of the same category share only the category's vocabulary (小区, 物业, 反映)
 * and stay under 0.15 (the duplicates test checks both sides). 0.3 keeps the operator's list short.
 */
export const SIMILAR_TEXT_THRESHOLD = 0.3;

/** Duplicate candidates: open cases filed within this many days. */
export const DUPLICATE_WINDOW_DAYS = 30;
/** At most this many candidates are shown. */
export const MAX_DUPLICATES = 10;
