import {
  CASE_TYPES,
  addDays,
  deadlines,
  formatShanghaiIso,
  startOfShanghaiDay,
  toShanghaiDate,
  type BeyondHorizonCaseDto,
  type CalendarResponse,
  type CaseType,
  type SlaPolicy,
  type WorkingCalendar,
} from '@minsheng/shared';
import type { Deps } from '../deps';

/** What the horizon needs: the open-cases index, the clock and the official calendar's years. */
export type HorizonDeps = Pick<Deps, 'queues' | 'now' | 'holidays'>;

/** Cases listed in full (the count covers all). */
export const HORIZON_ITEMS = 50;
/** Index items read at most per answer: beyond it the count is a lower bound. */
export const HORIZON_READ_MAX = 5_000;
/** Index items per Query: a queue summary is ~0.4 KB, so 1,000 stay under a Query's 1 MB. */
const PAGE = 1_000;

const yearOf = (d: Date) => Number(toShanghaiDate(d).slice(0, 4));

/**
 * Natural days that `gap` working days can span at most: whole Monday–Friday weeks, plus the
 * longest run of weekday holidays a few months can hold (春节 and 国庆 together, ~16).
 */
function naturalDaysFor(gap: number): number {
  return 7 * Math.ceil(gap / 5) + 2 + 16;
}

/**
 * The calendar's horizon: the years ahead it does not know (neither in the package nor entered by
 * an admin), and the open running cases counted in working days whose warning, due or severe date
 * falls in one of them — their deadlines are counted over plain Monday–Friday there, 元旦 and 春节
 * as working days, until the year is entered.
 *
 * Cheap by construction: Queries on the open-cases index (gsi2, by due date; its copies carry the
 * queue summary, so no case is read) from the first
 * unknown year — reaching back before it only as far as a severe date can lie after its due date
 * under the policies in force — never the whole index, never a Scan. Paused cases are not on that
 * index; their deadlines are derived again when they resume.
 */
export async function calendarHorizon(
  deps: HorizonDeps,
  input: { calendar: WorkingCalendar; policies: Record<CaseType, SlaPolicy>; enteredYears: number[] },
): Promise<Pick<CalendarResponse, 'unknownYearsAhead' | 'casesBeyondHorizon' | 'workingDayTypes'>> {
  const now = deps.now();
  const thisYear = yearOf(now);
  const known = new Set([...deps.holidays.knownYears(), ...input.enteredYears]);
  const unknown = (year: number) => !known.has(year);
  let first = thisYear;
  while (!unknown(first)) first++;

  const gap = Math.max(15, ...CASE_TYPES.map((t) => input.policies[t].severeDays - input.policies[t].answerDays));
  const dueFrom = startOfShanghaiDay(addDays(`${first}-01-01`, -naturalDaysFor(gap))).toISOString();

  const items: BeyondHorizonCaseDto[] = [];
  let count = 0;
  let read = 0;
  let latest = thisYear + 1;
  let cursor: string | undefined;
  do {
    // The queue summaries on the index carry type, status and SLA clock: no read of the cases.
    const page = await deps.queues.listCaseSummaries({ kind: 'open_by_due', dueFrom }, { limit: Math.min(PAGE, HORIZON_READ_MAX - read), ...(cursor ? { cursor } : {}) });
    read += page.items.length;
    for (const c of page.items) {
      if (c.clock.dayMode !== 'working') continue;
      const d = deadlines(c.clock, now, input.calendar);
      const years = [...new Set([d.warnAt, d.dueAt, d.severeAt].map(yearOf))].filter(unknown);
      if (!years.length) continue;
      count++;
      latest = Math.max(latest, ...years);
      if (items.length < HORIZON_ITEMS) {
        items.push({
          caseNo: c.caseNo,
          type: c.type,
          status: c.status,
          dayMode: c.clock.dayMode,
          warnAt: formatShanghaiIso(d.warnAt),
          dueAt: formatShanghaiIso(d.dueAt),
          severeAt: formatShanghaiIso(d.severeAt),
          unknownYears: years,
        });
      }
    }
    cursor = page.cursor;
  } while (cursor && read < HORIZON_READ_MAX);

  const ahead: number[] = [];
  for (let y = thisYear; y <= latest; y++) if (unknown(y)) ahead.push(y);
  return {
    unknownYearsAhead: ahead,
    casesBeyondHorizon: { count, complete: !cursor, items },
    workingDayTypes: CASE_TYPES.filter((t) => input.policies[t].dayMode === 'working'),
  };
}
