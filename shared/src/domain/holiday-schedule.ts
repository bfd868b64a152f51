import { SHANGHAI_OFFSET_MS, addDays, dayOfWeek, daysBetween, type ShanghaiDate } from './shanghai-time';

/**
 * A year's official holiday schedule (the State Council's 部分节假日安排), as an admin enters it
 * when the calendar package does not know the year yet: per holiday, the days off (放假) and the
 * make-up working days (调休上班). Every other date is a working day Monday–Friday.
 */
export interface HolidayEntry {
  /** The holiday as the notice names it, e.g. 春节, 国庆节、中秋节. */
  name: string;
  daysOff: ShanghaiDate[];
  /** 调休 make-up working days (usually a Saturday or Sunday). */
  workdays: ShanghaiDate[];
}

/** One year's schedule: what the admin saw in the preview, and what is stored. */
export interface YearSchedule {
  year: number;
  holidays: HolidayEntry[];
}

/** What is wrong (refused) or worth a second look (shown, saved anyway) in an entered schedule. */
export interface ScheduleProblem {
  severity: 'error' | 'warning';
  message: string;
  /** 1-based line of the pasted text (or event number of an .ics file) it is about. */
  line?: number;
}

export interface ScheduleParse {
  schedule: YearSchedule;
  problems: ScheduleProblem[];
  /** Text that is not a holiday line (the notice's preamble and closing), left out — shown so nothing is dropped unseen. */
  ignored: { line: number; text: string }[];
}

/** Limits of an entered schedule (also the API's). */
export const SCHEDULE_LIMITS = { holidaysMax: 20, daysPerHolidayMax: 40, workdaysPerHolidayMax: 10, nameMax: 20, rangeMax: 31 } as const;

export const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/** `2027-02-06` → `2月6日` (with the year when it is not `year`: `2026年12月31日`). */
export function formatMonthDay(date: ShanghaiDate, year?: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${year !== undefined && y !== year ? `${y}年` : ''}${m}月${d}日`;
}

/** `2027-02-06` → `2月6日（周六）`. */
export function formatDayWithWeekday(date: ShanghaiDate, year?: number): string {
  return `${formatMonthDay(date, year)}（${WEEKDAY_NAMES[dayOfWeek(date)]}）`;
}

/** Every date of a schedule as calendar overrides (days off `work: false`, make-up days `work: true`), by date. */
export function scheduleOverrides(schedule: YearSchedule): { date: ShanghaiDate; work: boolean; note: string }[] {
  const out = schedule.holidays.flatMap((h) => [
    ...h.daysOff.map((date) => ({ date, work: false, note: h.name })),
    ...h.workdays.map((date) => ({ date, work: true, note: `${h.name}调休上班` })),
  ]);
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

export function scheduleTotals(schedule: YearSchedule): { holidays: number; daysOff: number; workdays: number } {
  return {
    holidays: schedule.holidays.length,
    daysOff: schedule.holidays.reduce((n, h) => n + h.daysOff.length, 0),
    workdays: schedule.holidays.reduce((n, h) => n + h.workdays.length, 0),
  };
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(date: string): boolean {
  if (!DATE_RE.test(date)) return false;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const isWeekend = (date: ShanghaiDate) => dayOfWeek(date) === 0 || dayOfWeek(date) === 6;

/**
 * The rules every entered schedule must keep, whatever it was entered from (the pasted notice, an
 * .ics file, or the API directly): real dates in the year (a cross-year 元旦 may reach into the
 * December before or the January after), no date twice, no date both off and on, at least one
 * holiday with days off. Errors refuse the schedule; warnings (a make-up day that is a weekday
 * anyway) are shown.
 */
export function checkYearSchedule(schedule: YearSchedule): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  const error = (message: string) => problems.push({ severity: 'error', message });
  const { year } = schedule;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    error('年份应为 2000 到 2100 之间的整数');
    return problems;
  }
  if (!schedule.holidays.length) error(`没有找到 ${year} 年的节日安排`);
  if (schedule.holidays.length > SCHEDULE_LIMITS.holidaysMax) error(`节日不能超过 ${SCHEDULE_LIMITS.holidaysMax} 个`);
  const first = `${year - 1}-12-01`;
  const last = `${year + 1}-01-31`;
  const seen = new Map<ShanghaiDate, string>();
  for (const h of schedule.holidays) {
    const name = h.name.trim();
    if (!name) error('节日名称不能为空');
    if (!h.daysOff.length) error(`${name || '节日'}：没有放假日期`);
    if (h.daysOff.length > SCHEDULE_LIMITS.daysPerHolidayMax) error(`${name}：放假日期不能超过 ${SCHEDULE_LIMITS.daysPerHolidayMax} 天`);
    if (h.workdays.length > SCHEDULE_LIMITS.workdaysPerHolidayMax) error(`${name}：调休上班日不能超过 ${SCHEDULE_LIMITS.workdaysPerHolidayMax} 天`);
    for (const [date, what] of [...h.daysOff.map((d) => [d, '放假'] as const), ...h.workdays.map((d) => [d, '上班'] as const)]) {
      if (!isRealDate(date)) {
        error(`${name}：${date} 不是有效的日期`);
        continue;
      }
      if (date < first || date > last) {
        error(`${name}：${formatMonthDay(date, year)} 不在 ${year} 年（跨年的元旦最多到上一年 12 月或下一年 1 月）`);
        continue;
      }
      const before = seen.get(date);
      if (before) {
        error(`${formatMonthDay(date, year)} 出现了两次（${before}；${name}${what}）`);
        continue;
      }
      seen.set(date, `${name}${what}`);
      if (what === '上班' && !isWeekend(date)) {
        problems.push({ severity: 'warning', message: `${name}：调休上班日 ${formatDayWithWeekday(date, year)}本来就是工作日` });
      }
    }
  }
  return problems;
}

// ---- The State Council's notice, as pasted text ----

const CN_WEEKDAY: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const CN_ORDINAL = '[一二三四五六七八九十]{1,3}';
/** 一、 / 1. / 1、 / (一) / (1) before a holiday's name. */
const ORDINAL = `(?:${CN_ORDINAL}、|\\d{1,2}[.、]|\\(\\s*(?:${CN_ORDINAL}|\\d{1,2})\\s*\\))`;
/** `元旦:` / `国庆节、中秋节:` — a name of 1–20 characters, then a colon, then a date. */
const HOLIDAY_LINE = new RegExp(`^\\s*(?:${ORDINAL})?\\s*([^\\s:,。;][^:,。;]{0,${SCHEDULE_LIMITS.nameMax - 1}}?)\\s*:\\s*(.*)$`);
const STARTS_WITH_DATE = /^(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日/;
/** `2022年12月31日`, `1月1日(周四)`, `3日(周六)`, `23日(农历正月初七、周一)`. */
const DATE_TOKEN = /(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日\s*(?:\(([^)]*)\))?/g;
const RANGE_JOIN = /^\s*(?:至|到|~|-|—|–|－)\s*$/;
const LIST_JOIN = /^\s*(?:、|和|及|以及|与)?\s*$/;
const STATED_COUNT = /(?:共|放假)\s*(\d{1,2})\s*天/;

/** Full-width punctuation and digits as ASCII (NFKC), traditional 週 as 周, one kind of line break. */
function normalise(text: string): string {
  return text.normalize('NFKC').replace(/\r\n?/g, '\n').replace(/週/g, '周');
}

/**
 * Where a pasted line holds several holidays (copied from a web page that lost its line breaks),
 * start a new entry at each ordinal followed by a name and a colon.
 */
function splitEntries(line: string): string[] {
  const marked = line.replace(new RegExp(`([。\\s])(${ORDINAL}\\s*[^\\s:,。;]{1,${SCHEDULE_LIMITS.nameMax}}:)`, 'g'), '$1\n$2');
  return marked.split('\n');
}

interface DateToken {
  date?: ShanghaiDate;
  /** What the text said, for messages. */
  text: string;
}

/**
 * Parse the text of a 国务院办公厅关于YYYY年部分节假日安排的通知 (or lines in its wording) for `year`:
 *
 *     一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
 *     春节：2月15日至23日放假调休，共9天。2月14日（周六）、2月28日（周六）上班
 *     元旦：2022年12月31日至2023年1月2日放假调休，共3天。
 *     元旦：1月1日放假，与周末连休。
 *
 * One holiday per line (or per ordinal 一、二、…): its name, a colon, then sentences. Dates in a
 * sentence with 放假 are days off (`A至B` a range, `A、B` single days; a missing month or year is
 * the one before); dates in a sentence with 上班 are make-up working days; `共N天` is checked
 * against the days off; a weekday in brackets (周四, 星期四) is checked against the date, which
 * catches a notice pasted under the wrong year. Dates in any other sentence (鼓励……除夕（2月9日）
 * 休息) are not official days off: they are left out, with a warning. Lines that are not holidays
 * (the preamble, the closing) are listed in `ignored`.
 */
export function parseHolidayNotice(text: string, year: number): ScheduleParse {
  const problems: ScheduleProblem[] = [];
  const ignored: { line: number; text: string }[] = [];
  const holidays: HolidayEntry[] = [];
  const lines = normalise(text).split('\n');

  lines.forEach((raw, index) => {
    const line = index + 1;
    for (const segment of splitEntries(raw)) {
      const trimmed = segment.trim();
      if (!trimmed) continue;
      const m = HOLIDAY_LINE.exec(trimmed);
      if (m && !STARTS_WITH_DATE.test(m[2]!.trim()) && /放假|上班/.test(m[2]!)) {
        problems.push({ severity: 'warning', line, message: `第 ${line} 行（${m[1]!.trim()}）：像是节日安排，但冒号后面没有先写日期（如“1月1日至3日放假”），未录入` });
        continue;
      }
      if (!m || !STARTS_WITH_DATE.test(m[2]!.trim())) {
        ignored.push({ line, text: trimmed });
        continue;
      }
      const entry = parseHolidayLine(m[1]!.trim(), m[2]!.trim(), year, line, problems);
      if (entry) holidays.push(entry);
    }
  });
  if (!holidays.length && !problems.some((p) => p.severity === 'error')) {
    problems.push({ severity: 'error', message: '没有找到节日安排。每个节日一行，写法如“元旦：1月1日至3日放假，共3天。”' });
  }
  return finish({ year, holidays }, problems, ignored);
}

function parseHolidayLine(name: string, rest: string, year: number, line: number, problems: ScheduleProblem[]): HolidayEntry | undefined {
  let broken = false;
  const error = (message: string) => {
    broken = true;
    problems.push({ severity: 'error', line, message: `第 ${line} 行（${name}）：${message}` });
  };
  const warn = (message: string) => problems.push({ severity: 'warning', line, message: `第 ${line} 行（${name}）：${message}` });

  // Dates are read left to right: a date without a year or month takes the one before it.
  let context = { y: year, m: undefined as number | undefined };
  const tokens: DateToken[] = [];
  const placeholders = rest.replace(DATE_TOKEN, (whole, y?: string, m?: string, d?: string, note?: string) => {
    const token: DateToken = { text: whole.trim() };
    const yy = y ? Number(y) : context.y;
    const mm = m ? Number(m) : context.m;
    if (mm === undefined) {
      error(`“${token.text}”缺少月份`);
    } else {
      const date = `${yy}-${String(mm).padStart(2, '0')}-${String(Number(d)).padStart(2, '0')}`;
      if (!isRealDate(date)) error(`“${token.text}”不是有效的日期`);
      else {
        token.date = date;
        const said = note ? /(?:周|星期|礼拜)([一二三四五六日天])/.exec(note) : null;
        if (said && CN_WEEKDAY[said[1]!] !== dayOfWeek(date)) {
          error(`“${token.text}”标注为周${said[1]}，但 ${yy}年${mm}月${Number(d)}日是${WEEKDAY_NAMES[dayOfWeek(date)]}：请核对年份（${year} 年）和日期`);
        }
      }
      context = { y: yy, m: mm };
    }
    tokens.push(token);
    return `\u0001${tokens.length - 1}\u0002`;
  });

  const daysOff: ShanghaiDate[] = [];
  const workdays: ShanghaiDate[] = [];
  let stated: number | undefined;
  for (const clause of placeholders.split(/[,。;]/)) {
    const refs = [...clause.matchAll(/\u0001(\d+)\u0002/g)].map((r) => ({ token: tokens[Number(r[1])]!, start: r.index, end: r.index + r[0].length }));
    const count = STATED_COUNT.exec(clause);
    if (count) stated = Number(count[1]);
    if (!refs.length) continue;
    const words = clause.replace(/\u0001\d+\u0002/g, '');
    const kind = /放假/.test(words) ? 'off' : /上班|补班/.test(words) ? 'work' : undefined;
    if (!kind) {
      warn(`“${clause.replace(/\u0001(\d+)\u0002/g, (_, i: string) => tokens[Number(i)]!.text).trim()}”不是放假或上班安排，未录入`);
      continue;
    }
    const dates = kind === 'off' ? daysOff : workdays;
    for (let i = 0; i < refs.length; i++) {
      const here = refs[i]!;
      const next = refs[i + 1];
      const between = next ? clause.slice(here.end, next.start) : '';
      if (next && RANGE_JOIN.test(between)) {
        const [from, to] = [here.token.date, next.token.date];
        i++;
        if (!from || !to) continue;
        const span = daysBetween(from, to);
        if (span < 0) error(`“${here.token.text}至${next.token.text}”结束早于开始（跨年的日期请写明年份，如 2022年12月31日）`);
        else if (span + 1 > SCHEDULE_LIMITS.rangeMax) error(`“${here.token.text}至${next.token.text}”超过 ${SCHEDULE_LIMITS.rangeMax} 天`);
        else for (let k = 0; k <= span; k++) dates.push(addDays(from, k));
      } else {
        if (next && !LIST_JOIN.test(between)) warn(`“${between.trim()}”看不懂，已把前后的日期分别录入`);
        if (here.token.date) dates.push(here.token.date);
      }
    }
  }
  if (!daysOff.length) {
    if (!broken) error('没有放假日期（放假的日期要写在“放假”二字之前，如“1月1日至3日放假”）');
    return undefined;
  }
  if (stated !== undefined && stated !== daysOff.length) error(`通知写“共${stated}天”，但列出的放假日期是 ${daysOff.length} 天`);
  return { name, daysOff, workdays };
}

// ---- An .ics calendar file ----

/** RFC 5545 text: backslash escapes. */
const unescapeIcs = (value: string) => value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c));

/**
 * `20270101` or `20270101T000000` (floating: Shanghai time) or `20261231T160000Z` (UTC) → the
 * Shanghai date, and whether it was a date-time other than midnight (a timed event's end).
 */
function icsDate(value: string): { date?: ShanghaiDate; timeOfDay: boolean } {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(value.trim());
  if (!m) return { timeOfDay: false };
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (!isRealDate(date)) return { timeOfDay: false };
  if (!m[4]) return { date, timeOfDay: false };
  const local = m[7] ? new Date(Date.parse(`${date}T${m[4]}:${m[5]}:${m[6]}Z`) + SHANGHAI_OFFSET_MS).toISOString() : `${date}T${m[4]}:${m[5]}:${m[6]}`;
  return { date: local.slice(0, 10), timeOfDay: local.slice(11, 19) !== '00:00:00' };
}

/** A SUMMARY's holiday name without its day marker: 春节(休) → 春节, 国庆节(班) → 国庆节, 元旦 补班 → 元旦. */
function holidayName(summary: string, work: boolean): string {
  const name = summary
    .normalize('NFKC')
    .replace(/[(\[【]\s*(?:调休上班|补班|上班|班|放假调休|放假|调休|休息|休)\s*[)\]】]/g, '')
    .replace(/(?:调休上班|补班|上班|放假调休|放假|休息)$/, '')
    .replace(/\s+(?:班|休)$/, '')
    .replace(/[\s,、:;\-—]+$/, '')
    .trim();
  return name || (work ? '调休上班' : '节假日');
}

/**
 * Parse an .ics calendar (what calendar apps and the chinese-days package export) for `year`:
 * each all-day VEVENT's DTSTART–DTEND (DTEND exclusive, as RFC 5545 says; a missing DTEND is one
 * day; DURATION:PnD is read too) is a run of days off, or make-up working days when its SUMMARY
 * contains 班 (上班, 补班, `春节(班)`). Events are grouped into holidays by their SUMMARY without the
 * marker. Events entirely in other years are left out (listed in `ignored`).
 */
export function parseHolidayIcs(text: string, year: number): ScheduleParse {
  const problems: ScheduleProblem[] = [];
  const ignored: { line: number; text: string }[] = [];
  const byName = new Map<string, HolidayEntry>();
  const unfolded = text.replace(/\r\n?/g, '\n').replace(/\n[ \t]/g, '');
  const events = [...unfolded.matchAll(/BEGIN:VEVENT\n([\s\S]*?)END:VEVENT/g)].map((m) => m[1]!);
  if (!events.length) problems.push({ severity: 'error', message: '文件里没有日历事件（VEVENT）：请确认是 .ics 日历文件' });
  const otherYears = new Map<number, number>();

  events.forEach((body, index) => {
    const n = index + 1;
    const props = new Map<string, { params: string; value: string }>();
    for (const line of body.split('\n')) {
      const m = /^([A-Za-z-]+)((?:;[^:]*)?):(.*)$/.exec(line);
      if (m && !props.has(m[1]!.toUpperCase())) props.set(m[1]!.toUpperCase(), { params: m[2] ?? '', value: m[3] ?? '' });
    }
    const summary = unescapeIcs(props.get('SUMMARY')?.value ?? '').trim();
    const label = `第 ${n} 个事件${summary ? `（${summary}）` : ''}`;
    const error = (message: string) => problems.push({ severity: 'error', line: n, message: `${label}：${message}` });
    const start = icsDate(props.get('DTSTART')?.value ?? '');
    if (!start.date) {
      error('没有有效的开始日期（DTSTART）');
      return;
    }
    let last = start.date;
    const end = props.get('DTEND');
    const duration = /^P(?:(\d+)W)?(?:(\d+)D)?$/.exec(props.get('DURATION')?.value.trim() ?? '');
    if (end) {
      const e = icsDate(end.value);
      if (!e.date) return void error('结束日期（DTEND）无效');
      // All-day events end the day before DTEND; a timed event on the day it ends (unless at midnight).
      last = e.timeOfDay ? e.date : addDays(e.date, -1);
      if (last < start.date) last = start.date;
    } else if (duration && (duration[1] || duration[2])) {
      last = addDays(start.date, Number(duration[1] ?? 0) * 7 + Number(duration[2] ?? 0) - 1);
    }
    const span = daysBetween(start.date, last);
    if (span + 1 > SCHEDULE_LIMITS.rangeMax) return void error(`超过 ${SCHEDULE_LIMITS.rangeMax} 天`);
    const days = Array.from({ length: span + 1 }, (_, k) => addDays(start.date!, k));
    if (!days.some((d) => d.startsWith(`${year}-`))) {
      const y = Number(start.date.slice(0, 4));
      otherYears.set(y, (otherYears.get(y) ?? 0) + 1);
      return;
    }
    const work = /班/.test(summary);
    const name = holidayName(summary, work);
    const entry = byName.get(name) ?? { name, daysOff: [], workdays: [] };
    byName.set(name, entry);
    (work ? entry.workdays : entry.daysOff).push(...days);
  });
  for (const [y, count] of [...otherYears].sort((a, b) => a[0] - b[0])) ignored.push({ line: 0, text: `${y} 年的 ${count} 个事件（不是 ${year} 年）` });

  // Make-up days named only 班/补班 belong to no holiday: attach them to the nearest one.
  const holidays = [...byName.values()];
  const orphans = holidays.filter((h) => !h.daysOff.length);
  const withDays = holidays.filter((h) => h.daysOff.length);
  for (const o of orphans) {
    for (const day of o.workdays) {
      const nearest = withDays.reduce<HolidayEntry | undefined>((best, h) => {
        const dist = Math.min(...h.daysOff.map((d) => Math.abs(daysBetween(d, day))));
        const bestDist = best ? Math.min(...best.daysOff.map((d) => Math.abs(daysBetween(d, day)))) : Infinity;
        return dist < bestDist ? h : best;
      }, undefined);
      if (nearest) nearest.workdays.push(day);
      else problems.push({ severity: 'error', message: `${formatMonthDay(day, year)}（${o.name}）：找不到它所属的节日` });
    }
  }
  if (events.length && !withDays.length && !problems.some((p) => p.severity === 'error')) {
    problems.push({ severity: 'error', message: `文件里没有 ${year} 年的放假安排` });
  }
  return finish({ year, holidays: withDays }, problems, ignored);
}

/** Days in order, holidays by their first day off, then the rules every schedule keeps. */
function finish(schedule: YearSchedule, problems: ScheduleProblem[], ignored: ScheduleParse['ignored']): ScheduleParse {
  const sorted: YearSchedule = {
    year: schedule.year,
    holidays: schedule.holidays
      .map((h) => ({ name: h.name, daysOff: [...h.daysOff].sort(), workdays: [...h.workdays].sort() }))
      .sort((a, b) => (a.daysOff[0] ?? '').localeCompare(b.daysOff[0] ?? '')),
  };
  // Parse errors already name their lines; the shared rules add what only the whole shows (a date twice).
  const known = new Set(problems.map((p) => p.message));
  const rules = sorted.holidays.length ? checkYearSchedule(sorted).filter((p) => !known.has(p.message)) : [];
  return { schedule: sorted, problems: [...problems, ...rules], ignored };
}
