import type { CaseType, SlaPolicy } from '@minsheng/shared';

/** An admin's correction to the official holiday calendar (a local holiday, a year not yet published). */
export interface CalendarOverride {
  date: string;
  work: boolean;
  note?: string;
}

/** Admins' SLA policies per case type and their holiday-calendar overrides. */
export interface SlaSettingsStore {
  listCalendarOverrides(): Promise<CalendarOverride[]>;
  putCalendarOverride(override: CalendarOverride): Promise<void>;
  deleteCalendarOverride(date: string): Promise<void>;
  listSlaPolicies(): Promise<Partial<Record<CaseType, SlaPolicy>>>;
  putSlaPolicy(type: CaseType, policy: SlaPolicy): Promise<void>;
}
