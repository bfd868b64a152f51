import type { LibraryItemSummaryDto, PolicySearchResponse } from '@minsheng/shared';

/** Suggestions start once this many letters, digits or Chinese characters are typed. */
export const SUGGEST_MIN_CHARS = 4;
/** The query is the title and the start of the content, up to this many characters. */
export const SUGGEST_QUERY_MAX = 100;
/** Items matching less of the query than this are not worth the citizen's attention. */
export const SUGGEST_MATCH_MIN = 0.25;
export const SUGGEST_LIMIT = 3;
export const SUGGEST_DELAY_MS = 400;

// Chinese characters (CJK and its extension A, compatibility ideographs), Latin letters and digits, also full-width.
const MEANINGFUL = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;

/** How many characters of `text` carry meaning (spaces and punctuation do not count). */
export function meaningfulLength(text: string): number {
  return text.match(MEANINGFUL)?.length ?? 0;
}

/**
 * What to search for while a consultation is typed: the title, then the start of the content,
 * spaces collapsed, at most SUGGEST_QUERY_MAX characters; undefined while too little is typed.
 */
export function suggestionQuery(title: string, content: string): string | undefined {
  const text = `${title} ${content}`.replace(/\s+/g, ' ').trim();
  if (meaningfulLength(text) < SUGGEST_MIN_CHARS) return undefined;
  return Array.from(text).slice(0, SUGGEST_QUERY_MAX).join('').trim();
}

/** The hits worth showing under the form: those matching enough of the query, at most three. */
export function usefulSuggestions(items: readonly LibraryItemSummaryDto[]): LibraryItemSummaryDto[] {
  return items.filter((item) => typeof item.match === 'number' && item.match >= SUGGEST_MATCH_MIN).slice(0, SUGGEST_LIMIT);
}

export interface Suggester {
  /** The latest query (undefined: nothing to suggest). Debounced; only the newest answer is shown. */
  update(query: string | undefined): void;
  dispose(): void;
}

/**
 * Suggestions while typing: waits `delayMs` after the last change, searches, and passes on the
 * useful hits of the newest query only (a slow earlier answer never overwrites a later one).
 * Failures are silent: the suggestions help, they never stand in the way of filing.
 */
export function createSuggester(options: {
  search: (q: string) => Promise<Pick<PolicySearchResponse, 'items'>>;
  onResult: (items: LibraryItemSummaryDto[]) => void;
  delayMs?: number;
}): Suggester {
  const delay = options.delayMs ?? SUGGEST_DELAY_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  let current: string | undefined;
  return {
    update(query) {
      if (query === current) return;
      current = query;
      const mine = ++latest;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (!query) {
        options.onResult([]);
        return;
      }
      timer = setTimeout(() => {
        timer = undefined;
        options.search(query).then(
          (res) => {
            if (mine === latest) options.onResult(usefulSuggestions(res.items));
          },
          () => {
            // Silent: what is shown stays; typing on retries.
          },
        );
      }, delay);
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      latest++;
      current = undefined;
    },
  };
}
