/** A piece of text, emphasised or not. Rendered as text, never as HTML. */
export interface TextSegment {
  text: string;
  hit: boolean;
}

/** One character folded as the search folds text (NFKC, lower case), so `ＡＰＰ` matches `app`. */
function fold(s: string): string {
  try {
    return s.normalize('NFKC').toLowerCase();
  } catch {
    return s.toLowerCase();
  }
}

/**
 * `text` cut into plain segments, those that are one of `words` (the API's `highlights`) marked
 * as hits. Matching ignores case and full-width forms; overlapping words merge into one hit.
 */
export function splitHighlights(text: string, words: readonly string[] | undefined): TextSegment[] {
  if (!text) return [];
  const terms = [...new Set((words ?? []).map(fold).filter((w) => w.trim().length > 0))];
  if (terms.length === 0) return [{ text, hit: false }];
  const chars = Array.from(text);
  // The folded text, and for each of its code units the character of `text` it came from.
  let folded = '';
  const from: number[] = [];
  chars.forEach((c, i) => {
    const f = fold(c);
    folded += f;
    for (let k = 0; k < f.length; k++) from.push(i);
  });
  const hit = chars.map(() => false);
  for (const term of terms) {
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
      for (let i = from[at]!; i <= from[at + term.length - 1]!; i++) hit[i] = true;
    }
  }
  const segments: TextSegment[] = [];
  chars.forEach((c, i) => {
    const last = segments[segments.length - 1];
    if (last && last.hit === hit[i]) last.text += c;
    else segments.push({ text: c, hit: hit[i]! });
  });
  return segments;
}
