import { REDACTED, anonymiseText, type LibraryItemSummaryDto, type PolicySearchResponse } from '@minsheng/shared';

/** Suggestions start once this many letters, digits or Chinese characters are typed. */
export const SUGGEST_MIN_CHARS = 4;
/** A title-led query: at most this many characters of the title. */
export const SUGGEST_TITLE_MAX = 60;
/** Without a usable title: at most this many characters from the start of the (title and) content. */
export const SUGGEST_CONTENT_MAX = 40;
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

/** The citizen's own details as typed in the form: never sent in a suggestion query. */
export interface OwnDetails {
  name?: string;
  phone?: string;
  place?: string;
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const head = (text: string, max: number) => Array.from(text).slice(0, max).join('').trim();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Five or more digits, also full-width, also grouped by spaces or dashes (138 0013 8000). No
// look-behind: this must work in every WeChat engine.
const DIGIT_RUN = /[0-9\uff10-\uff19](?:[\s\-\uff0d]?[0-9\uff10-\uff19]){4,}/g;
// The placeholders anonymiseText puts in ([电话已隐去] …): nothing to search for.
const PLACEHOLDERS = new RegExp(
  Object.values(REDACTED)
    .filter((p) => p.startsWith('['))
    .map(escapeRegExp)
    .join('|'),
  'g',
);

/**
 * `text` fit for a URL that gateways and CDNs log: the citizen's own name, phone and place and
 * anything that looks personal taken out (the library's anonymisation, as for a citizen's text),
 * then any run of 5+ digits that is left. anonymiseText needs RegExp look-behind, which older
 * WeChat engines (iOS before 16.4) lack; there, only the own details and the digit runs go.
 */
export function scrubQuery(text: string, own: OwnDetails = {}): string {
  let out = text;
  try {
    out = anonymiseText(
      out,
      { names: [own.name], phones: [own.phone], addresses: [own.place] },
      { source: 'citizen', guessNames: true },
    ).text.replace(PLACEHOLDERS, ' ');
  } catch {
    for (const detail of [own.name, own.phone, own.place]) {
      const d = detail?.trim();
      if (d) out = out.split(d).join(' ');
    }
  }
  return collapse(out.replace(DIGIT_RUN, ' '));
}

/**
 * What to search for while a consultation is typed; undefined while too little is typed.
 *
 * With a title of SUGGEST_MIN_CHARS meaningful characters or more: the title alone. The match
 * score is the share of the query found in an item, so every word of the description added to
 * the query lowers the right item's score (title + 100 characters pushed it below the 0.25 cut,
 * title alone gave good suggestions in every case tried). Just the title also keeps the
 * suggestions steady while the citizen writes the description, and sends less of their text.
 * Without such a title: the start of title and content, at most SUGGEST_CONTENT_MAX characters.
 * Either way scrubbed of personal details (scrubQuery), as it goes into a GET query string.
 */
export function suggestionQuery(title: string, content: string, own: OwnDetails = {}): string | undefined {
  const t = scrubQuery(collapse(title), own);
  let text: string;
  if (meaningfulLength(t) >= SUGGEST_MIN_CHARS) {
    text = head(t, SUGGEST_TITLE_MAX);
  } else {
    // Scrubbed before it is cut (a number cut in half would no longer look like one), but only
    // a stretch a little longer than what is kept.
    text = head(scrubQuery(head(collapse(`${title} ${content}`), SUGGEST_CONTENT_MAX * 2), own), SUGGEST_CONTENT_MAX);
  }
  return meaningfulLength(text) < SUGGEST_MIN_CHARS ? undefined : text;
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
