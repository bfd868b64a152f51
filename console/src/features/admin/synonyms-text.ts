import { synonymsInputSchema, type FieldErrors } from '@minsheng/shared';

/**
 * The synonym list as admins edit it: one group per line, its terms separated by 、，, ；; or
 * spaces (half- or full-width). Pure, so the round trip text → groups → text is unit-tested.
 */

/** What may stand between two terms of a group. */
const SEPARATORS = /[、，,；;\s\u3000]+/u;

/** The groups typed, and for each group the (1-based) line it came from, to point problems at lines. */
export interface ParsedSynonyms {
  groups: string[][];
  lines: number[];
}

/** Blank lines are skipped; a term repeated within its own line counts once. A one-term line stays (and is reported). */
export function parseSynonymText(text: string): ParsedSynonyms {
  const groups: string[][] = [];
  const lines: number[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const terms = [...new Set(line.split(SEPARATORS).map((t) => t.trim()).filter(Boolean))];
    if (terms.length === 0) return;
    groups.push(terms);
    lines.push(i + 1);
  });
  return { groups, lines };
}

/** The editable text of a list: one line per group, terms joined with 、. */
export function formatSynonymGroups(groups: string[][]): string {
  return groups.map((g) => g.join('、')).join('\n');
}

/**
 * Field problems (`groups.3.1` → message, from the shared schema or the API) as sentences that say
 * which line: "第 4 行：“社保”已在第 1 组中，…". Problems without a group come first, unnumbered.
 */
export function synonymProblems(fields: FieldErrors, lines: number[]): string[] {
  const general: string[] = [];
  const byLine = new Map<number, string[]>();
  for (const [path, message] of Object.entries(fields)) {
    const m = /^groups\.(\d+)(?:\.|$)/.exec(path);
    const line = m ? lines[Number(m[1])] ?? Number(m[1]) + 1 : undefined;
    if (line === undefined) {
      general.push(message);
      continue;
    }
    const list = byLine.get(line) ?? [];
    if (!list.includes(message)) list.push(message);
    byLine.set(line, list);
  }
  const numbered = [...byLine.entries()].sort(([a], [b]) => a - b).map(([line, messages]) => `第 ${line} 行：${messages.join('；')}`);
  return [...general, ...numbered];
}

/** The same check the API makes (shared/'s synonymsInputSchema), as line-numbered problems; empty when fine. */
export function checkSynonyms(parsed: ParsedSynonyms): string[] {
  const result = synonymsInputSchema.safeParse({ groups: parsed.groups });
  if (result.success) return [];
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    fields[path] ??= issue.message;
  }
  return synonymProblems(fields, parsed.lines);
}
