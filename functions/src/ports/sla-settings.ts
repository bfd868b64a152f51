import type { CaseType, HolidayEntry, ScheduleSource, SlaPolicy } from '@minsheng/shared';

/** An admin's correction to the official holiday calendar (a local holiday, a year not yet published). */
export interface CalendarOverride {
  date: string;
  work: boolean;
  note?: string;
}

/** A year's official schedule as an admin entered it (the package does not know the year yet). */
export interface YearScheduleRecord {
  year: number;
  holidays: HolidayEntry[];
  source: ScheduleSource;
  enteredAt: string;
  enteredBy: string;
  enteredByName: string;
}

/** One entry of the calendar's change log: who changed the calendar, when, and how. */
export interface CalendarChange {
  at: string;
  /** Orders entries of the same instant (a ULID). */
  id: string;
  by: string;
  byName: string;
  kind: 'year_entered' | 'override_set' | 'override_deleted';
  year?: number;
  date?: string;
  work?: boolean;
  daysOff?: number;
  workdays?: number;
  summary: string;
}

/** Admins' SLA policies per case type, their holiday-calendar overrides and entered years, and the calendar's change log. */
export interface SlaSettingsStore {
  listCalendarOverrides(): Promise<CalendarOverride[]>;
  /** The override and its change-log entry, together. */
  putCalendarOverride(override: CalendarOverride, change: CalendarChange): Promise<void>;
  deleteCalendarOverride(date: string, change: CalendarChange): Promise<void>;
  listYearSchedules(): Promise<YearScheduleRecord[]>;
  /**
   * One transaction: the year's schedule (replacing one entered for that year before), its
   * change-log entry, and the deletion of the single-day overrides `removeOverrides` (at most 98).
   */
  putYearSchedule(schedule: YearScheduleRecord, change: CalendarChange, removeOverrides: string[]): Promise<void>;
  /** The newest `limit` entries of the change log, newest first. */
  listCalendarChanges(limit: number): Promise<CalendarChange[]>;
  listSlaPolicies(): Promise<Partial<Record<CaseType, SlaPolicy>>>;
  putSlaPolicy(type: CaseType, policy: SlaPolicy): Promise<void>;
}
