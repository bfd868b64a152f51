import { dayOfWeek, type ShanghaiDate } from './shanghai-time';

/** Natural days count every day; working days follow an official calendar. */
export type DayMode = 'natural' | 'working';

/** Answers whether a Shanghai date is a working day (holidays off, 调休 make-up days on). */
export interface WorkingCalendar {
  isWorkingDay(date: ShanghaiDate): boolean;
}

/**
 * A calendar from explicit lists: dates in `holidays` are off, dates in `workdays` (调休
 * make-up weekends) are on, otherwise Monday–Friday work. The SLA issue plugs the official
 * calendar (and admin overrides) in through this same shape.
 */
export function listCalendar(lists: { holidays?: Iterable<ShanghaiDate>; workdays?: Iterable<ShanghaiDate> } = {}): WorkingCalendar {
  const holidays = new Set(lists.holidays ?? []);
  const workdays = new Set(lists.workdays ?? []);
  return {
    isWorkingDay(date) {
      if (workdays.has(date)) return true;
      if (holidays.has(date)) return false;
      const dow = dayOfWeek(date);
      return dow !== 0 && dow !== 6;
    },
  };
}

/** Monday–Friday, no holidays: the fallback when no official calendar is configured. */
export const weekdayCalendar: WorkingCalendar = listCalendar();
