// The package ships UMD for Node: take its default export (named imports fail under native ESM).
import chineseDays from 'chinese-days';
import { dayOfWeek, type WorkingCalendar } from '@minsheng/shared';
import type { HolidayCalendar } from '../../ports/holidays';

// chinese-days ships the State Council's schedule per year; 2027's is published in December 2026.
const KNOWN_YEARS = [2004, 2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];

/** The official calendar from the chinese-days package, corrected by admins' overrides. */
export const chinaHolidayCalendar: HolidayCalendar = {
  knownYears: () => KNOWN_YEARS,
  withOverrides(overrides): WorkingCalendar {
    const byDate = new Map(overrides.map((o) => [o.date, o.work]));
    return {
      isWorkingDay(date) {
        const override = byDate.get(date);
        if (override !== undefined) return override;
        if (KNOWN_YEARS.includes(Number(date.slice(0, 4)))) return chineseDays.isWorkday(date);
        const dow = dayOfWeek(date);
        return dow !== 0 && dow !== 6;
      },
    };
  },
};
