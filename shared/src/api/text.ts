import * as z from 'zod/mini';

/** Length in characters as a person counts them: code points, so an emoji or a rare CJK character is one. */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// C0 and C1 control characters; tab, LF and CR are allowed only where a text may have lines.
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
// Bidirectional overrides can make text read differently from what is stored.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// What shows nothing on a screen: white space and separators, format characters (zero-width space
// U+200B, joiners, word joiner U+2060, BOM U+FEFF, soft hyphen), Hangul fillers, the braille
// blank, the combining grapheme joiner, variation selectors.
const INVISIBLE = /[\s\p{Z}\p{Cf}\u034F\u115F\u1160\u3164\uFFA0\u2800\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;

/** Whether a text has at least one character a person can see — the one rule of "not empty" for every free-text field. */
export function hasMeaningfulText(value: string): boolean {
  return value.replace(INVISIBLE, '').length > 0;
}

/** Why a text is not acceptable, or undefined when it is. */
export function textProblem(value: string, opts: { label: string; max: number; multiline?: boolean; optional?: boolean }): string | undefined {
  if (!hasMeaningfulText(value)) return opts.optional ? undefined : `${opts.label}不能为空`;
  if ((opts.multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE).test(value) || BIDI_CONTROLS.test(value)) {
    return `${opts.label}含有不允许的控制字符`;
  }
  if (LONE_SURROGATE.test(value)) return `${opts.label}含有无效字符`;
  const n = charCount(value);
  if (n > opts.max) return `${opts.label}不能超过 ${opts.max} 个字（当前 ${n} 个）`;
  return undefined;
}

/** A string field checked by textProblem, with its Chinese label in every message. */
export function text(label: string, max: number, opts: { multiline?: boolean } = {}) {
  return z.string().check(
    z.superRefine((value, ctx) => {
      const problem = textProblem(value, { label, max, ...opts });
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: value });
    }),
  );
}

/** Canonical JSON (object keys sorted, at every depth): the same value always gives the same text, e.g. to hash a request body. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
