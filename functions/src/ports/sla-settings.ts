import type { CaseType, HolidayEntry, RetimeJobDto, RetimeJobStatus, ScheduleSource, SlaPolicy } from '@minsheng/shared';

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

/**
 * A re-timing job (one per calendar change, its id the change's): queued in the change's own
 * transaction, run by the job on the table's stream (services/sla/retime-job.ts).
 */
export interface RetimeJob extends RetimeJobDto {
  /** Where the job is in the open-cases index (a page cursor): a re-run after a crash continues from it. */
  cursor?: string;
  /** Runs started (a redelivered record, a re-run after a crash): the job gives up after a few. */
  attempts: number;
}

/** What a running job writes to its item; `cursor: null` removes the stored cursor. */
export type RetimeJobUpdate = Partial<Pick<RetimeJob, 'status' | 'total' | 'done' | 'rescheduled' | 'startedAt' | 'finishedAt' | 'reason' | 'attempts'>> & { cursor?: string | null };

/** Admins' SLA policies per case type, their holiday-calendar overrides and entered years, and the calendar's change log. */
export interface SlaSettingsStore {
  listCalendarOverrides(): Promise<CalendarOverride[]>;
  /** The override, its change-log entry and the re-timing job it sets off, together. */
  putCalendarOverride(override: CalendarOverride, change: CalendarChange, job: RetimeJob): Promise<void>;
  deleteCalendarOverride(date: string, change: CalendarChange, job: RetimeJob): Promise<void>;
  listYearSchedules(): Promise<YearScheduleRecord[]>;
  /**
   * One transaction: the year's schedule (replacing one entered for that year before), its
   * change-log entry, the re-timing job, and the deletion of the single-day overrides
   * `removeOverrides` (at most MAX_OVERRIDES_REMOVED_WITH_YEAR).
   */
  putYearSchedule(schedule: YearScheduleRecord, change: CalendarChange, removeOverrides: string[], job: RetimeJob): Promise<void>;
  getRetimeJob(id: string): Promise<RetimeJob | undefined>;
  /** The newest `limit` re-timing jobs, newest first. */
  listRetimeJobs(limit: number): Promise<RetimeJob[]>;
  /**
   * Write a job's progress if its status is still one of `whileStatus` (false when it is not: the
   * job finished, or was superseded, meanwhile).
   */
  updateRetimeJob(id: string, update: RetimeJobUpdate, whileStatus: RetimeJobStatus[]): Promise<boolean>;
  /** The newest `limit` entries of the change log, newest first. */
  listCalendarChanges(limit: number): Promise<CalendarChange[]>;
  listSlaPolicies(): Promise<Partial<Record<CaseType, SlaPolicy>>>;
  putSlaPolicy(type: CaseType, policy: SlaPolicy): Promise<void>;
}

/** TransactWriteItems takes at most 100 items: the year, its log entry, the re-timing job and these deletions. */
export const MAX_OVERRIDES_REMOVED_WITH_YEAR = 97;
