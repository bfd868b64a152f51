import {
  CASE_TYPE_LABELS,
  daysBetween,
  formatDayWithWeekday,
  parseHolidayIcs,
  parseHolidayNotice,
  scheduleTotals,
  toShanghaiDate,
  type CalendarOverrideDto,
  type CalendarResponse,
  type ScheduleParse,
  type ScheduleSource,
} from '@minsheng/shared';

/** How long before an unknown year starts the console warns, when some policy counts working days. */
export const NOTICE_LEAD_DAYS = 60;

/** `[2004, 2005, …, 2026]` → `2004–2026 年`; gaps split the runs: `2004–2020 年、2022 年`. */
export function yearsText(years: number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  if (!sorted.length) return '无';
  const runs: [number, number][] = [];
  for (const y of sorted) {
    const last = runs[runs.length - 1];
    if (last && y === last[1] + 1) last[1] = y;
    else runs.push([y, y]);
  }
  return runs.map(([a, b]) => (a === b ? `${a} 年` : `${a}–${b} 年`)).join('、');
}

export interface HorizonNotice {
  level: 'warning' | 'info';
  title: string;
  description: string;
}

type HorizonFacts = Pick<CalendarResponse, 'unknownYearsAhead' | 'casesBeyondHorizon' | 'workingDayTypes'>;

/**
 * What admins and supervisors are told about the calendar's horizon, or nothing: open working-day
 * cases with deadlines in a year nobody has entered (always said), or — when some policy counts
 * working days — the first unknown year starting within NOTICE_LEAD_DAYS.
 */
export function horizonNotice(cal: HorizonFacts, now: Date): HorizonNotice | undefined {
  const first = cal.unknownYearsAhead[0];
  if (first === undefined) return undefined;
  const years = cal.unknownYearsAhead.map((y) => `${y} 年`).join('、');
  const { count, complete } = cal.casesBeyondHorizon;
  if (count > 0) {
    return {
      level: 'warning',
      title: `${years}的节假日安排尚未录入：${complete ? '' : '至少 '}${count} 件按工作日计时的办理中案件，期限落在 ${years}`,
      description: '这些期限目前按周一至周五计算（元旦、春节等假日被当作工作日，调休上班日不算）。管理员录入该年的放假安排后，期限自动重新计算。',
    };
  }
  const until = daysBetween(toShanghaiDate(now), `${first}-01-01`);
  if (cal.workingDayTypes.length && until <= NOTICE_LEAD_DAYS) {
    const types = cal.workingDayTypes.map((t) => CASE_TYPE_LABELS[t]).join('、');
    return {
      level: 'info',
      title: `${first} 年的节假日安排尚未录入`,
      description: `${types}按工作日计时；期限进入 ${first} 年的案件将按周一至周五计算。国务院办公厅公布安排后，请管理员在“节假日”页录入。`,
    };
  }
  return undefined;
}

/** Runs of consecutive dates, for a compact reading: `2月6日（周六）至 2月13日（周六）`. */
export function dateRuns(dates: string[], year: number): string[] {
  const sorted = [...dates].sort();
  const runs: [string, string][] = [];
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    if (last && daysBetween(last[1], d) === 1) last[1] = d;
    else runs.push([d, d]);
  }
  return runs.map(([a, b]) => (a === b ? formatDayWithWeekday(a, year) : `${formatDayWithWeekday(a, year)} 至 ${formatDayWithWeekday(b, year)}`));
}

/** Parse what the admin pasted or uploaded, as the API will store it. */
export function parseSchedule(source: ScheduleSource, text: string, year: number): ScheduleParse {
  return source === 'ics' ? parseHolidayIcs(text, year) : parseHolidayNotice(text, year);
}

/** One line summing up a preview: 2 个节日，放假 11 天，调休上班 2 天. */
export function totalsText(parse: ScheduleParse): string {
  const t = scheduleTotals(parse.schedule);
  return `${t.holidays} 个节日，放假 ${t.daysOff} 天，调休上班 ${t.workdays} 天`;
}

/** The admins' single-day overrides in `year`, and which of them the schedule lists too (the schedule wins there). */
export function overridesOfYear(overrides: CalendarOverrideDto[], parse: ScheduleParse): { all: CalendarOverrideDto[]; shadowed: CalendarOverrideDto[] } {
  const listed = new Set(parse.schedule.holidays.flatMap((h) => [...h.daysOff, ...h.workdays]));
  const all = overrides.filter((o) => o.date.startsWith(`${parse.schedule.year}-`));
  return { all, shadowed: all.filter((o) => listed.has(o.date)) };
}

/** The year to offer first: the first unknown year ahead, else next year. */
export function suggestedYear(cal: Pick<CalendarResponse, 'unknownYearsAhead'>, now: Date): number {
  return cal.unknownYearsAhead[0] ?? Number(toShanghaiDate(now).slice(0, 4)) + 1;
}
