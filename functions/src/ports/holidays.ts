import type { WorkingCalendar } from '@minsheng/shared';
import type { CalendarOverride } from './sla-settings';

/** China's official working-day calendar (holidays and 调休 make-up days), plus admins' overrides. */
export interface HolidayCalendar {
  /** Years the official data covers; other years fall back to Monday–Friday unless overridden. */
  knownYears(): number[];
  /** Async: the official data is loaded on first use (not at import). */
  withOverrides(overrides: CalendarOverride[]): Promise<WorkingCalendar>;
}
