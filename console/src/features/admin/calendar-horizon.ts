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
  type RetimeJobDto,
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

/** `100000` → `100,000` (progress counts read at a glance). */
const count = (n: number) => n.toLocaleString('en-US');

/** While a re-timing job is queued or running the page re-reads the calendar this often. */
export const RETIME_POLL_MS = 2_000;

/** Whether the newest re-timing job still has work to do (the page polls while it has). */
export function retimeActive(jobs: Pick<RetimeJobDto, 'status'>[] | undefined): boolean {
  const status = jobs?.[0]?.status;
  return status === 'queued' || status === 'running';
}

export interface RetimeView {
  level: 'info' | 'success' | 'warning' | 'error';
  /** The line shown (with the bar while running). */
  text: string;
  /** The bar's value and maximum, while the job runs and knows its total. */
  progress?: { value: number; max: number };
  /** Who changed what, and when it ran. */
  detail: string;
}

/**
 * What the calendar page says about a re-timing job: queued, the progress bar's figures
 * (已重新计算 3,200 / 100,000 件), the outcome (已完成：核对在办诉求 N 件，其中 M 件的办理时限…), or why it stopped.
 */
export function retimeView(job: RetimeJobDto, format: (iso: string) => string): RetimeView {
  const who = `${job.byName}（${job.by}）于 ${format(job.queuedAt)}：${job.summary}`;
  switch (job.status) {
    case 'queued':
      return { level: 'info', text: '正在排队：即将按新日历重新计算在办诉求的办理时限', detail: who };
    case 'running': {
      const max = Math.max(job.total, job.done);
      return { level: 'info', text: `已重新计算 ${count(job.done)} / ${count(max)} 件`, progress: { value: job.done, max }, detail: `${who}；${job.startedAt ? `${format(job.startedAt)} 开始` : ''}` };
    }
    case 'done':
      return {
        level: 'success',
        // "0 件重新计算" alone reads as if nothing was done: say what was checked, and that nothing moved.
        text: job.rescheduled
          ? `已完成：核对在办诉求 ${count(job.done)} 件，其中 ${count(job.rescheduled)} 件的办理时限按新日历重新计算`
          : `已完成：核对在办诉求 ${count(job.done)} 件，办理时限均无变化`,
        detail: `${who}${job.finishedAt ? `；${format(job.finishedAt)} 完成` : ''}`,
      };
    case 'superseded':
      return { level: 'info', text: '已由之后的日历调整接替：在办诉求按最新日历重新计算', detail: `${who}；停止前已核对 ${count(job.done)} 件` };
    case 'failed':
      return { level: 'error', text: `重新计算未能完成（已核对 ${count(job.done)} / ${count(Math.max(job.total, job.done))} 件）：请再保存一次调整，或联系运维`, detail: `${who}${job.reason ? `；原因：${job.reason}` : ''}` };
  }
}
