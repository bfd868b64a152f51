import { LIBRARY_KIND_LABELS, formatShanghaiIso, normaliseForSearch as normalise, type LibraryAdminItemDto, type LibraryItemDto, type LibraryItemSummaryDto } from '@minsheng/shared';
import type { LibraryItemRecord } from '../../ports/library-store';

const SNIPPET_CHARS = 90;
const LEAD_CHARS = 24;

/**
 * Up to ~90 characters of `text` around the first of `words` found in it (the beginning when
 * none is), on whole characters, with … where it was cut. Plain text: the UIs render it as text.
 */
export function snippetOf(text: string, words: string[]): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  // Match in normalised text, cut in the original. NFKC usually keeps CJK text one code unit per
  // character; where it changes lengths (…… → ......, ㎡ → m2) normalise one character at a time,
  // remembering which character each normalised code unit came from (slower: only then).
  let lower = normalise(flat);
  let charAt: (offset: number) => number = (offset) => Array.from(flat.slice(0, offset)).length;
  if (lower.length !== flat.length) {
    const map: number[] = [];
    lower = '';
    chars.forEach((ch, i) => {
      const n = normalise(ch);
      lower += n;
      for (let k = 0; k < n.length; k++) map.push(i);
    });
    charAt = (offset) => map[offset]!;
  }
  let at = -1;
  // Longest words first: a whole phrase beats one of its characters.
  for (const w of [...words].sort((a, b) => b.length - a.length)) {
    const i = lower.indexOf(w);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  const startChar = at <= 0 ? 0 : Math.max(0, charAt(at) - LEAD_CHARS);
  const slice = chars.slice(startChar, startChar + SNIPPET_CHARS).join('');
  return `${startChar > 0 ? '…' : ''}${slice}${startChar + SNIPPET_CHARS < chars.length ? '…' : ''}`;
}

/** The query words that occur in the item's title or snippet, for the UI to highlight. */
function highlightsOf(item: LibraryItemRecord, snippet: string, words: string[]): string[] {
  const haystack = normalise(`${item.title} ${snippet}`);
  const found = words.filter((w) => w.length >= 2 && haystack.includes(w));
  // 拖欠工资 covers 欠工资 and 工资: keep the longest.
  return found.filter((w) => !found.some((other) => other !== w && other.includes(w)));
}

type Names = { category(id: string): string | undefined };

function common(item: LibraryItemRecord, names?: Names) {
  const categoryName = item.categoryId ? names?.category(item.categoryId) : undefined;
  return {
    id: item.id,
    kind: item.kind,
    kindLabel: LIBRARY_KIND_LABELS[item.kind],
    title: item.title,
    ...(item.issuer ? { issuer: item.issuer } : {}),
    issuedAt: item.issuedAt,
    ...(item.docNo ? { docNo: item.docNo } : {}),
    tags: item.tags,
    ...(item.categoryId ? { categoryId: item.categoryId } : {}),
    ...(categoryName ? { categoryName } : {}),
  };
}

export function toSummary(item: LibraryItemRecord, words: string[], rank?: { score: number; match: number }): LibraryItemSummaryDto {
  // A Q&A is found by its question; show the question around the match, else the answer.
  const source = item.kind === 'qa' && item.question ? `${item.question} ${item.body}` : item.body;
  const snippet = snippetOf(source, words);
  return {
    ...common(item),
    snippet,
    ...(rank
      ? { highlights: highlightsOf(item, snippet, words), score: Math.round(rank.score * 1000) / 1000, match: Math.round(rank.match * 100) / 100 }
      : {}),
  };
}

export function toItemDto(item: LibraryItemRecord, names?: Names): LibraryItemDto {
  return {
    ...common(item, names),
    body: item.body,
    ...(item.kind === 'qa' ? { answer: item.body, ...(item.question ? { question: item.question } : {}) } : {}),
    ...(item.sourceUrl ? { sourceUrl: item.sourceUrl } : {}),
    updatedAt: formatShanghaiIso(new Date(item.updatedAt)),
  };
}

export function toAdminItemDto(item: LibraryItemRecord, names?: Names): LibraryAdminItemDto {
  return {
    ...toItemDto(item, names),
    revision: item.revision,
    createdAt: formatShanghaiIso(new Date(item.createdAt)),
    createdBy: item.createdBy,
    updatedBy: item.updatedBy,
    ...(item.sourceCaseNo ? { sourceCaseNo: item.sourceCaseNo } : {}),
  };
}
