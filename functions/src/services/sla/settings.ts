import { CASE_TYPES, DEFAULT_SLA_POLICIES, scheduleOverrides, type CaseType, type SlaPolicy, type WorkingCalendar } from '@minsheng/shared';
import type { CalendarOverride, YearScheduleRecord } from '../../ports/sla-settings';
import type { Deps } from '../deps';

/** What reading the SLA settings needs: the admins' settings and the official calendar. */
export type SlaSettingsDeps = Pick<Deps, 'slaSettings' | 'holidays'>;

export interface SlaSettings {
  /** The official calendar with admins' overrides applied. */
  calendar: WorkingCalendar;
  /** The policy per case type now in force (admins may change them; filed cases keep theirs). */
  policies: Record<CaseType, SlaPolicy>;
}

/** Settings change rarely: each warm Lambda re-reads them at most once a minute. */
const TTL_MS = 60_000;
const cache = new WeakMap<Deps['slaSettings'], { loadedAt: number; settings: Promise<SlaSettings> }>();

export function slaSettings(deps: SlaSettingsDeps): Promise<SlaSettings> {
  const hit = cache.get(deps.slaSettings);
  if (hit && Date.now() - hit.loadedAt < TTL_MS) return hit.settings;
  const settings = (async () => {
    const [overrides, years, stored] = await Promise.all([deps.slaSettings.listCalendarOverrides(), deps.slaSettings.listYearSchedules(), deps.slaSettings.listSlaPolicies()]);
    return { calendar: await deps.holidays.withOverrides(effectiveOverrides(overrides, years)), policies: policiesInForce(stored) };
  })();
  settings.catch(() => cache.delete(deps.slaSettings));
  cache.set(deps.slaSettings, { loadedAt: Date.now(), settings });
  return settings;
}

/** After an admin changes the calendar or a policy, this process sees it at once. */
export function forgetSlaSettings(deps: SlaSettingsDeps): void {
  cache.delete(deps.slaSettings);
}

export async function workingCalendar(deps: SlaSettingsDeps): Promise<WorkingCalendar> {
  return (await slaSettings(deps)).calendar;
}

/** The policy per case type: the admins' where set, else the default. */
export function policiesInForce(stored: Partial<Record<CaseType, SlaPolicy>>): Record<CaseType, SlaPolicy> {
  return Object.fromEntries(CASE_TYPES.map((t) => [t, stored[t] ?? DEFAULT_SLA_POLICIES[t]])) as Record<CaseType, SlaPolicy>;
}

/**
 * What the calendar applies over the package's data: admins' single-day overrides, and every date
 * of the years they entered — which win on the dates they list (the official notice is the
 * authority for its own dates; a manual override guessed before it was published gives way).
 */
export function effectiveOverrides(overrides: CalendarOverride[], years: YearScheduleRecord[]): CalendarOverride[] {
  const byDate = new Map(overrides.map((o) => [o.date, o]));
  for (const y of years) for (const o of scheduleOverrides(y)) byDate.set(o.date, o);
  return [...byDate.values()];
}
