import type { CaseRecord } from './case';
import type { CaseStatus, CaseType, Rating } from './case-types';
import { FINAL_STATUSES } from './case-types';
import { channelOf, type CaseChannel } from './channels';
import type { AnswerResult } from './answer-results';
import { pathIds, levelOfPath } from './jurisdiction';
import { addDays, dayOfWeek, toShanghaiDate } from './shanghai-time';

/**
 * The monthly open-data export (issue #18): one row per case filed in a Shanghai month, for third-party
 * evaluation — what kind of case, where (a unit of the tree, never below 街道/乡镇), how it came in, when it was
 * filed, first answered and closed (dates, never times), whether the first answer was on time, what the answer
 * achieved and how it was rated. Nothing that names, reaches, quotes or locates anyone: no name, phone, title,
 * content, answer text, comment, place text or coordinates, no case number (a per-export row number instead),
 * and no combination of the quasi-identifier columns shared by fewer than k rows (kAnonymise).
 */
export const OPEN_DATA_SCHEMA_VERSION = 1;
export const OPEN_DATA_DEFAULT_K = 5;
export const OPEN_DATA_MAX_K = 100;
/** The finest unit a row may name: a 街道/乡镇 (level 3); a case held at a 社区/村 is shown at its 街道/乡镇. */
export const OPEN_DATA_FINEST_UNIT_LEVEL = 3;
/** A coarsened-away category, channel or type. */
export const OPEN_DATA_ANY = '*';

/**
 * What the open-data index carries of a case (the `od` attribute beside its gsi10 keys, derived on every write):
 * only the facts a row is made of. Projected into the index on its own, so the export reads no case item and
 * the index holds nothing personal.
 */
export interface OpenDataFacts {
  type: CaseType;
  categoryId: string;
  /** Where the case sits now (the root's path when absent). */
  unitPath: string;
  channel: CaseChannel;
  status: CaseStatus;
  filedAt: string;
  /** The first answer (round 1): when, and whether by its due date — the on-time rate's own figures. */
  answeredAt?: string;
  onTime?: boolean;
  /** Finished (closed, rejected, merged, withdrawn): when. */
  closedAt?: string;
  /** 答复结果 of the current answer. */
  result?: AnswerResult;
  /** The latest rating, and whether it came from a return visit (回访). */
  rating?: Rating;
  ratingBy?: 'citizen' | 'revisit';
}

export function openDataFacts(c: CaseRecord): OpenDataFacts {
  const final = FINAL_STATUSES.includes(c.status);
  const rating = c.ratings.at(-1);
  return {
    type: c.type,
    categoryId: c.categoryId,
    unitPath: c.unitPath ?? 'root',
    channel: channelOf(c),
    status: c.status,
    filedAt: c.createdAt,
    ...(c.firstAnswer ? { answeredAt: c.firstAnswer.at, onTime: c.firstAnswer.onTime } : {}),
    ...(final ? { closedAt: c.closedAt ?? c.updatedAt } : {}),
    ...(c.answer?.result ? { result: c.answer.result } : {}),
    ...(rating ? { rating: rating.rating, ratingBy: rating.source === 'revisit' ? ('revisit' as const) : ('citizen' as const) } : {}),
  };
}

/**
 * SLA outcome of a row: the first answer by its due date (`on_time`) or after it (`late`) — the on-time rate's
 * rule (`firstAnswer.onTime`, stats.ts) — or, unanswered, still open (`open`) or finished without an answer
 * (`not_answered`: rejected, merged, withdrawn).
 */
export const OPEN_DATA_SLA = ['on_time', 'late', 'open', 'not_answered'] as const;
export type OpenDataSla = (typeof OPEN_DATA_SLA)[number];

export function slaOutcome(f: Pick<OpenDataFacts, 'answeredAt' | 'onTime' | 'status'>): OpenDataSla {
  if (f.answeredAt) return f.onTime ? 'on_time' : 'late';
  return FINAL_STATUSES.includes(f.status) ? 'not_answered' : 'open';
}

export const DATE_PRECISIONS = ['day', 'week', 'month'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** ISO 8601 week of a date (`2026-W45`): weeks start on Monday; the week belongs to the year of its Thursday. */
export function isoWeek(date: string): string {
  const dow = (dayOfWeek(date) + 6) % 7; // Monday 0 … Sunday 6
  const thursday = addDays(date, 3 - dow);
  const year = thursday.slice(0, 4);
  const jan1 = `${year}-01-01`;
  const firstThursday = addDays(jan1, (3 - ((dayOfWeek(jan1) + 6) % 7) + 7) % 7);
  const week = Math.round((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${firstThursday}T00:00:00Z`)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** A Shanghai date of an instant at a precision: `2026-11-03`, `2026-W45` or `2026-11` (ISO 8601 reduced forms). */
export function dateAt(instant: string | undefined, precision: DatePrecision): string {
  if (!instant) return '';
  const day = toShanghaiDate(new Date(instant));
  return precision === 'day' ? day : precision === 'week' ? isoWeek(day) : day.slice(0, 7);
}

/** One row of the export. The first eight columns after rowId are the quasi-identifiers (QUASI_IDENTIFIERS). */
export interface OpenDataRow {
  rowId: string;
  type: CaseType | typeof OPEN_DATA_ANY;
  categoryId: string;
  categoryName: string;
  unitId: string;
  unitName: string;
  channel: CaseChannel | typeof OPEN_DATA_ANY;
  datePrecision: DatePrecision;
  filedDate: string;
  answeredDate: string;
  closedDate: string;
  sla: OpenDataSla;
  result: AnswerResult | '';
  rating: Rating | '';
  ratingBy: 'citizen' | 'revisit' | '';
}

/** The columns whose combination is checked: every group of rows equal on all of them has at least k rows. */
export const QUASI_IDENTIFIERS = ['type', 'categoryId', 'unitId', 'channel', 'datePrecision', 'filedDate', 'answeredDate', 'closedDate'] as const satisfies readonly (keyof OpenDataRow)[];
/** The columns in file order (CSV header, JSON keys). */
export const OPEN_DATA_COLUMNS = ['rowId', 'type', 'categoryId', 'categoryName', 'unitId', 'unitName', 'channel', 'datePrecision', 'filedDate', 'answeredDate', 'closedDate', 'sla', 'result', 'rating', 'ratingBy'] as const satisfies readonly (keyof OpenDataRow)[];

/**
 * One rung of the generalisation ladder: dates at a precision, the unit no finer than a level (never coarser
 * than the export's own unit), and whether category, channel and type are kept.
 */
interface Rung {
  precision: DatePrecision;
  unitLevel: number;
  category: boolean;
  channel: boolean;
  type: boolean;
}

/** Finest first; each rung coarsens one thing more (README "Open data": the algorithm). */
export const LADDER: readonly Rung[] = [
  { precision: 'day', unitLevel: 3, category: true, channel: true, type: true },
  { precision: 'week', unitLevel: 3, category: true, channel: true, type: true },
  { precision: 'month', unitLevel: 3, category: true, channel: true, type: true },
  { precision: 'month', unitLevel: 2, category: true, channel: true, type: true },
  { precision: 'month', unitLevel: 1, category: true, channel: true, type: true },
  { precision: 'month', unitLevel: 1, category: false, channel: true, type: true },
  { precision: 'month', unitLevel: 1, category: false, channel: false, type: true },
  { precision: 'month', unitLevel: 1, category: false, channel: false, type: false },
];

export interface OpenDataNames {
  unit(unitId: string): string;
  category(categoryId: string): string;
}

export interface AnonymisedMonth {
  rows: OpenDataRow[];
  /** Cases left out because even the coarsest rung left them in a group under k. */
  suppressed: number;
}

type Draft = Omit<OpenDataRow, 'rowId' | 'categoryName' | 'unitName'>;

function generalise(f: OpenDataFacts, rung: Rung, scopeLevel: number): Draft {
  const ids = pathIds(f.unitPath);
  const level = Math.min(ids.length, Math.max(rung.unitLevel, scopeLevel), OPEN_DATA_FINEST_UNIT_LEVEL);
  return {
    type: rung.type ? f.type : OPEN_DATA_ANY,
    categoryId: rung.category ? f.categoryId : OPEN_DATA_ANY,
    unitId: ids[Math.max(level, 1) - 1]!,
    channel: rung.channel ? f.channel : OPEN_DATA_ANY,
    datePrecision: rung.precision,
    filedDate: dateAt(f.filedAt, rung.precision),
    answeredDate: dateAt(f.answeredAt, rung.precision),
    closedDate: dateAt(f.closedAt, rung.precision),
    sla: slaOutcome(f),
    result: f.result ?? '',
    rating: f.rating ?? '',
    ratingBy: f.ratingBy ?? '',
  };
}

export const quasiKey = (row: Pick<OpenDataRow, (typeof QUASI_IDENTIFIERS)[number]>) => QUASI_IDENTIFIERS.map((c) => row[c]).join('\u0001');
const fullKey = (row: Draft) => [quasiKey(row), row.sla, row.result, row.rating, row.ratingBy].join('\u0001');

/**
 * k-anonymity by local recoding, greedily from the finest rung: at each rung the cases not yet published are
 * grouped by their quasi-identifiers at that rung; every group of at least k is published at that rung, the rest
 * go on to the next. What is under k after the last rung is suppressed (left out, and counted). Every published
 * combination of quasi-identifiers is then shared by at least k rows: a group published at a rung has k rows
 * by itself, and where groups from two rungs come out with equal values (a county's own cases and its
 * townships' raised to it) they only add up. Rows are sorted by their values (never by filing order) and numbered 1…n.
 */
export function kAnonymise(facts: readonly OpenDataFacts[], k: number, names: OpenDataNames, scopePath = 'root'): AnonymisedMonth {
  const scopeLevel = levelOfPath(scopePath);
  let pending = facts.slice();
  const out: Draft[] = [];
  for (const rung of LADDER) {
    if (!pending.length) break;
    const groups = new Map<string, { drafts: Draft[]; facts: OpenDataFacts[] }>();
    for (const f of pending) {
      const d = generalise(f, rung, scopeLevel);
      const key = quasiKey(d);
      const g = groups.get(key) ?? { drafts: [], facts: [] };
      g.drafts.push(d);
      g.facts.push(f);
      groups.set(key, g);
    }
    pending = [];
    for (const g of groups.values()) {
      if (g.drafts.length >= k) out.push(...g.drafts);
      else pending.push(...g.facts);
    }
  }
  const sorted = out.map((d) => ({ d, key: fullKey(d) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const width = String(sorted.length).length;
  return {
    rows: sorted.map(({ d }, i) => ({
      rowId: `R${String(i + 1).padStart(width, '0')}`,
      type: d.type,
      categoryId: d.categoryId,
      categoryName: d.categoryId === OPEN_DATA_ANY ? '全部类别' : names.category(d.categoryId),
      unitId: d.unitId,
      unitName: names.unit(d.unitId),
      channel: d.channel,
      datePrecision: d.datePrecision,
      filedDate: d.filedDate,
      answeredDate: d.answeredDate,
      closedDate: d.closedDate,
      sla: d.sla,
      result: d.result,
      rating: d.rating,
      ratingBy: d.ratingBy,
    })),
    suppressed: pending.length,
  };
}

/** A CSV field per RFC 4180: quoted when it holds a comma, a quote, CR or LF (quotes doubled). */
export function csvField(value: string): string {
  // A leading =, +, -, @ would be a formula to a spreadsheet: none of our values start so, but a name could.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rows as CSV: UTF-8 with a BOM (so Excel reads the Chinese names), CRLF line ends, a header line (RFC 4180). */
export function toCsv(rows: readonly OpenDataRow[]): string {
  const lines = [OPEN_DATA_COLUMNS.join(','), ...rows.map((r) => OPEN_DATA_COLUMNS.map((c) => csvField(String(r[c]))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export interface OpenDataDocument {
  schemaVersion: typeof OPEN_DATA_SCHEMA_VERSION;
  month: string;
  k: number;
  /** The unit whose subtree the export covers (`root`: the whole platform). */
  unitId: string;
  generatedAt: string;
  rows: OpenDataRow[];
  suppressed: number;
}

/** The first instant of a Shanghai month `YYYY-MM` and of the next, as ISO instants (UTC). */
export function shanghaiMonthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const start = (ym: string) => new Date(Date.parse(`${ym}-01T00:00:00Z`) - 8 * 3_600_000).toISOString();
  return { from: start(month), to: start(next) };
}
