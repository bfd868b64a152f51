import { dayOfWeek, type WorkingCalendar } from '@minsheng/shared';
import type { HolidayCalendar } from '../../ports/holidays';

// chinese-days builds its day tables when it is evaluated (~5 ms of a cold start): load it on first
// use, not at import, so a function that never reads the calendar never pays for it. The package
// ships UMD for Node and ESM for the bundler: both give a default export with isWorkday.
type ChineseDays = { isWorkday(date: string): boolean };
let chineseDays: Promise<ChineseDays> | undefined;
const loadChineseDays = () => (chineseDays ??= import('chinese-days').then((m) => m.default as ChineseDays));

// chinese-days ships the State Council's schedule per year; 2027's is published in December 2026.
const KNOWN_YEARS = [2004, 2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];

/** The official calendar from the chinese-days package, corrected by admins' overrides. */
export const chinaHolidayCalendar: HolidayCalendar = {
  knownYears: () => KNOWN_YEARS,
  async withOverrides(overrides): Promise<WorkingCalendar> {
    const official = await loadChineseDays();
    const byDate = new Map(overrides.map((o) => [o.date, o.work]));
    return {
      isWorkingDay(date) {
        const override = byDate.get(date);
        if (override !== undefined) return override;
        if (KNOWN_YEARS.includes(Number(date.slice(0, 4)))) return official.isWorkday(date);
        const dow = dayOfWeek(date);
        return dow !== 0 && dow !== 6;
      },
    };
  },
};
