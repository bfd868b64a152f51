/**
 * The notice parser (shared/) against the chinese-days package's own data: parsing the State
 * Council's real 2026 notice — and the package's own 2026 .ics file — gives exactly the days off and
 * make-up working days the package has for 2026, so a year entered by an admin the same way is as
 * good as a year the package ships. (2024 and 2025 from the notice lines the package quotes.)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import chineseDays from 'chinese-days';
import { addDays, listCalendar, parseHolidayIcs, parseHolidayNotice, type YearSchedule } from '@minsheng/shared';
import { NOTICE_2024_LINES, NOTICE_2025_LINES, NOTICE_2026 } from '../../shared/test/holiday-notices';

const require = createRequire(import.meta.url);
const packageFile = (file: string) => require.resolve(`chinese-days/dist/years/${file}`);

/** The package's data for a year: { holidays: { date: label }, workdays: { date: label } }. */
function packageYear(year: number): { daysOff: string[]; workdays: string[] } {
  const data = JSON.parse(readFileSync(packageFile(`${year}.json`), 'utf8')) as { holidays: Record<string, string>; workdays: Record<string, string> };
  return { daysOff: Object.keys(data.holidays).sort(), workdays: Object.keys(data.workdays).sort() };
}

const days = (s: YearSchedule) => ({ daysOff: s.holidays.flatMap((h) => h.daysOff).sort(), workdays: s.holidays.flatMap((h) => h.workdays).sort() });

function everyDateOf(year: number): string[] {
  const out: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) out.push(d);
  return out;
}

describe('entering a year by its notice is as good as the package', () => {
  it('the real 2026 notice gives exactly chinese-days 2026: the same 33 days off and 6 make-up days', () => {
    const parsed = parseHolidayNotice(NOTICE_2026, 2026);
    expect(parsed.problems).toEqual([]);
    expect(days(parsed.schedule)).toEqual(packageYear(2026));
    expect(packageYear(2026).daysOff).toHaveLength(33);
  });

  it('and so the same answer for every date of 2026 (chinese-days.isWorkday)', () => {
    const parsed = days(parseHolidayNotice(NOTICE_2026, 2026).schedule);
    const entered = listCalendar({ holidays: parsed.daysOff, workdays: parsed.workdays });
    const differ = everyDateOf(2026).filter((d) => entered.isWorkingDay(d) !== chineseDays.isWorkday(d));
    expect(differ).toEqual([]);
  });

  it("the package's own 2026.ics, uploaded, gives the same days too", () => {
    const parsed = parseHolidayIcs(readFileSync(packageFile('2026.ics'), 'utf8'), 2026);
    expect(parsed.problems).toEqual([]);
    expect(days(parsed.schedule)).toEqual(packageYear(2026));
    expect(parsed.schedule.holidays.map((h) => h.name)).toEqual(['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆节']);
  });

  it.each([
    [2025, NOTICE_2025_LINES],
    [2024, NOTICE_2024_LINES],
  ])('%i: the notice lines give the package’s days', (year, text) => {
    const parsed = parseHolidayNotice(text, year);
    expect(parsed.problems).toEqual([]);
    expect(days(parsed.schedule)).toEqual(packageYear(year));
    const ics = parseHolidayIcs(readFileSync(packageFile(`${year}.ics`), 'utf8'), year);
    expect(days(ics.schedule)).toEqual(packageYear(year));
  });

  it('chinese-days 1.5.7 has no 2027 (why admins enter it): 2027-01-01 counts as a working day', () => {
    expect(() => readFileSync(packageFile('2027.json'))).toThrow();
    expect(chineseDays.isWorkday('2027-01-01')).toBe(true);
  });
});
