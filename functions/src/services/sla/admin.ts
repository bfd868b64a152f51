import { CASE_TYPES, DomainError, isCalendarDate, type CalendarOverrideInput, type SlaPolicy, type SlaPolicyInput } from '@minsheng/shared';
import type { CalendarOverride } from '../../ports/sla-settings';
import { requireRole, type OfficialContext } from '../auth/officials';
import { forgetSlaSettings, slaSettings, type SlaSettingsDeps } from './settings';
import { rescheduleOpenCases, type RescheduleDeps } from './sweep';

export async function adminGetSlaPolicies(deps: SlaSettingsDeps, viewer: OfficialContext) {
  requireRole(viewer, ['admin', 'supervisor']);
  const { policies } = await slaSettings(deps);
  return { items: CASE_TYPES.map((type) => ({ type, ...policies[type] })) };
}

/** Change a case type's policy; cases already filed keep the promise they were given. */
export async function adminPutSlaPolicy(deps: SlaSettingsDeps, viewer: OfficialContext, input: SlaPolicyInput): Promise<{ type: string } & SlaPolicy> {
  requireRole(viewer, ['admin']);
  const { type, ...policy } = input;
  await deps.slaSettings.putSlaPolicy(type, policy);
  forgetSlaSettings(deps);
  return { type, ...policy };
}

export async function adminGetCalendar(deps: SlaSettingsDeps, viewer: OfficialContext): Promise<{ knownYears: number[]; overrides: CalendarOverride[] }> {
  requireRole(viewer, ['admin', 'supervisor']);
  const overrides = await deps.slaSettings.listCalendarOverrides();
  return { knownYears: deps.holidays.knownYears(), overrides: overrides.sort((a, b) => a.date.localeCompare(b.date)) };
}

export async function adminPutCalendarOverride(deps: RescheduleDeps, viewer: OfficialContext, input: CalendarOverrideInput): Promise<CalendarOverride> {
  requireRole(viewer, ['admin']);
  if (!isCalendarDate(input.date)) {
    throw new DomainError('VALIDATION_FAILED', { fields: { date: '日期不存在' } });
  }
  const override = { date: input.date, work: input.work, ...(input.note ? { note: input.note } : {}) };
  await deps.slaSettings.putCalendarOverride(override);
  forgetSlaSettings(deps);
  // Open cases counted in working days get deadlines on the corrected calendar at once.
  await rescheduleOpenCases(deps);
  return override;
}

export async function adminDeleteCalendarOverride(deps: RescheduleDeps, viewer: OfficialContext, date: string): Promise<{ date: string; deleted: true }> {
  requireRole(viewer, ['admin']);
  await deps.slaSettings.deleteCalendarOverride(date);
  forgetSlaSettings(deps);
  await rescheduleOpenCases(deps);
  return { date, deleted: true };
}
