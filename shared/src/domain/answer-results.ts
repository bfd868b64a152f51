/**
 * 答复结果: what every reply says it achieved, and the amount recovered for the citizen (还利于民),
 * in one place — the state machine checks them, the statistics count them, the console and the
 * citizen's page label them.
 */
export const ANSWER_RESULTS = ['resolved', 'partly_resolved', 'unresolved', 'explained'] as const;
export type AnswerResult = (typeof ANSWER_RESULTS)[number];

/** The result as the console's form and statistics name it. */
export const ANSWER_RESULT_LABELS: Record<AnswerResult, string> = {
  resolved: '解决',
  partly_resolved: '部分解决',
  unresolved: '未解决',
  explained: '解释说明',
};

/** The result as the citizen reads it on their case page (答复结果：已解决 …). */
export const ANSWER_RESULT_CITIZEN_LABELS: Record<AnswerResult, string> = {
  resolved: '已解决',
  partly_resolved: '部分解决',
  unresolved: '未解决',
  explained: '解释说明',
};

export function isAnswerResult(value: unknown): value is AnswerResult {
  return typeof value === 'string' && (ANSWER_RESULTS as readonly string[]).includes(value);
}

/** The largest amount a reply may report recovered, in yuan (100 亿元; a whole province's year is ~25 亿). */
export const MAX_AMOUNT_RECOVERED_YUAN = 1e10;

export const ANSWER_RESULT_MESSAGE = '请选择答复结果：解决、部分解决、未解决或解释说明';
export const AMOUNT_RECOVERED_MESSAGE = '挽回金额应为不小于 0 的金额（元），最多两位小数，且不超过 100 亿元';

/**
 * An amount in yuan as integer fen (分), or undefined when it is not a non-negative number of at
 * most two decimals up to MAX_AMOUNT_RECOVERED_YUAN. Fen are stored, so sums never drift.
 */
export function yuanToFen(yuan: unknown): number | undefined {
  if (typeof yuan !== 'number' || !Number.isFinite(yuan) || yuan < 0 || yuan > MAX_AMOUNT_RECOVERED_YUAN) return undefined;
  const fen = Math.round(yuan * 100);
  // 0.1 + 0.2 style binary noise is tolerated; a third decimal is not.
  if (Math.abs(fen - yuan * 100) > Math.max(1e-6, yuan * 100 * Number.EPSILON * 4)) return undefined;
  return fen;
}

/** Fen as a yuan amount with two decimals ("2511.00"). */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * 解决率 (%, one decimal) from the result counters: (解决 + 部分解决 × 0.5) ÷ (解决 + 部分解决 + 未解决).
 * 解释说明 is left out of both sides: an answer that explains (a consultation, a policy that cannot
 * change) had nothing to resolve, and counting it either way would reward or punish a department
 * for the kind of cases it gets. Undefined when no resolvable answer was counted.
 */
export function resolutionRate(c: { resolved?: number; partly_resolved?: number; unresolved?: number }): number | undefined {
  const resolved = c.resolved ?? 0;
  const partly = c.partly_resolved ?? 0;
  const base = resolved + partly + (c.unresolved ?? 0);
  if (base <= 0) return undefined;
  return Math.round(((resolved + partly * 0.5) / base) * 1000) / 10;
}
