import { monotonicFactory } from 'ulid';
import {
  CASE_TYPES,
  DomainError,
  isCalendarDate,
  SCHEDULE_SOURCE_LABELS,
  checkYearSchedule,
  scheduleTotals,
  type CalendarChangeDto,
  type CalendarOverrideInput,
  type CalendarOverrideResponse,
  type DeleteCalendarOverrideResponse,
  type CalendarResponse,
  type EnterYearScheduleResponse,
  type RetimeJobsResponse,
  type SlaPolicy,
  type SlaPolicyInput,
  type YearScheduleInput,
} from '@minsheng/shared';
import { MAX_OVERRIDES_REMOVED_WITH_YEAR, type CalendarChange, type YearScheduleRecord } from '../../ports/sla-settings';
import { requireRole, type OfficialContext } from '../auth/officials';
import type { Deps } from '../deps';
import { calendarHorizon, type HorizonDeps } from './horizon';
import { effectiveOverrides, forgetSlaSettings, policiesInForce, slaSettings, type SlaSettingsDeps } from './settings';
import { queuedRetimeJob, RETIME_JOBS_SHOWN, toRetimeJobDto } from './retime-job';

const changeId = monotonicFactory();
/** Change-log entries shown with the calendar. */
export const CALENDAR_CHANGES_SHOWN = 20;

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

const toChangeDto = ({ id: _id, work: _work, ...change }: CalendarChange): CalendarChangeDto => change;

/**
 * The calendar as admins and supervisors see it: the years it knows (package and entered), the
 * unknown years ahead with the open working-day cases whose deadlines fall in them, the overrides,
 * the entered schedules and the change log. Read fresh (not from the settings cache), so a change
 * made a moment ago in another container shows at once.
 */
export async function adminGetCalendar(deps: SlaSettingsDeps & HorizonDeps, viewer: OfficialContext): Promise<CalendarResponse> {
  requireRole(viewer, ['admin', 'supervisor']);
  const [overrides, years, changes, stored, jobs] = await Promise.all([
    deps.slaSettings.listCalendarOverrides(),
    deps.slaSettings.listYearSchedules(),
    deps.slaSettings.listCalendarChanges(CALENDAR_CHANGES_SHOWN),
    deps.slaSettings.listSlaPolicies(),
    deps.slaSettings.listRetimeJobs(RETIME_JOBS_SHOWN),
  ]);
  const enteredYears = years.map((y) => y.year).sort((a, b) => a - b);
  const horizon = await calendarHorizon(deps, { calendar: await deps.holidays.withOverrides(effectiveOverrides(overrides, years)), policies: policiesInForce(stored), enteredYears });
  return {
    knownYears: deps.holidays.knownYears(),
    enteredYears,
    ...horizon,
    overrides: overrides.sort((a, b) => a.date.localeCompare(b.date)),
    schedules: years.sort((a, b) => a.year - b.year),
    changes: changes.map(toChangeDto),
    retimeJobs: jobs.map(toRetimeJobDto),
  };
}

/**
 * The latest re-timing jobs and their progress: one Query on the jobs' partition — cheap enough for
 * the calendar page to poll every 2 s while one runs (the full calendar answer reads the open-cases
 * index for its horizon).
 */
export async function adminListRetimeJobs(deps: SlaSettingsDeps, viewer: OfficialContext): Promise<RetimeJobsResponse> {
  requireRole(viewer, ['admin', 'supervisor']);
  return { items: (await deps.slaSettings.listRetimeJobs(RETIME_JOBS_SHOWN)).map(toRetimeJobDto) };
}

function change(viewer: OfficialContext, at: Date, fields: Omit<CalendarChange, 'at' | 'id' | 'by' | 'byName'>): CalendarChange {
  return { at: at.toISOString(), id: changeId(at.getTime()), by: viewer.username, byName: viewer.displayName, ...fields };
}

/**
 * The calendar's write routes answer at once: the change, its change-log entry and a queued
 * re-timing job are one transaction; the job (jobs/retime-open-cases.ts, on the table's stream)
 * re-times the open working-day cases and writes its progress, shown with the calendar. The
 * request reads no open case.
 */
export async function adminPutCalendarOverride(deps: SlaSettingsDeps & Pick<Deps, 'now'>, viewer: OfficialContext, input: CalendarOverrideInput): Promise<CalendarOverrideResponse> {
  requireRole(viewer, ['admin']);
  if (!isCalendarDate(input.date)) throw new DomainError('VALIDATION_FAILED', { fields: { date: '日期不存在' } });
  const override = { date: input.date, work: input.work, ...(input.note ? { note: input.note } : {}) };
  const summary = `将 ${input.date} 设为${input.work ? '上班' : '休息'}${input.note ? `（${input.note}）` : ''}`;
  const entry = change(viewer, deps.now(), { kind: 'override_set', date: input.date, work: input.work, summary });
  const job = queuedRetimeJob(entry);
  await deps.slaSettings.putCalendarOverride(override, entry, job);
  forgetSlaSettings(deps);
  return { ...override, retime: toRetimeJobDto(job) };
}

export async function adminDeleteCalendarOverride(deps: SlaSettingsDeps & Pick<Deps, 'now'>, viewer: OfficialContext, date: string): Promise<DeleteCalendarOverrideResponse> {
  requireRole(viewer, ['admin']);
  const entry = change(viewer, deps.now(), { kind: 'override_deleted', date, summary: `删除 ${date} 的调整` });
  const job = queuedRetimeJob(entry);
  await deps.slaSettings.deleteCalendarOverride(date, entry, job);
  forgetSlaSettings(deps);
  return { date, deleted: true, retime: toRetimeJobDto(job) };
}

/**
 * Enter a year's official schedule in one step: it replaces the schedule entered for that year
 * before (and, with `replaceManual`, that year's single-day overrides), marks the year as entered
 * (the horizon notice goes), is recorded in the calendar's change log in the same transaction, and
 * queues the job re-timing the open working-day cases.
 */
export async function adminEnterYearSchedule(deps: SlaSettingsDeps & Pick<Deps, 'now'>, viewer: OfficialContext, input: YearScheduleInput): Promise<EnterYearScheduleResponse> {
  requireRole(viewer, ['admin']);
  const holidays = input.holidays.map((h) => ({ name: h.name.trim(), daysOff: [...new Set(h.daysOff)].sort(), workdays: [...new Set(h.workdays)].sort() }));
  const errors = checkYearSchedule({ year: input.year, holidays }).filter((p) => p.severity === 'error');
  if (errors.length) throw new DomainError('VALIDATION_FAILED', { fields: { holidays: errors.map((p) => p.message).join('；') } });

  const [overrides, years] = await Promise.all([deps.slaSettings.listCalendarOverrides(), deps.slaSettings.listYearSchedules()]);
  const remove = input.replaceManual ? overrides.filter((o) => o.date.startsWith(`${input.year}-`)).map((o) => o.date) : [];
  if (remove.length > MAX_OVERRIDES_REMOVED_WITH_YEAR) {
    throw new DomainError('VALIDATION_FAILED', { fields: { replaceManual: `${input.year} 年的手工调整有 ${remove.length} 条，一次最多删除 ${MAX_OVERRIDES_REMOVED_WITH_YEAR} 条：请先逐条删除一部分` } });
  }

  const now = deps.now();
  const totals = scheduleTotals({ year: input.year, holidays });
  const again = years.some((y) => y.year === input.year);
  const summary =
    `${again ? '重新录入' : '录入'} ${input.year} 年节假日安排（${SCHEDULE_SOURCE_LABELS[input.source]}）：` +
    `${totals.holidays} 个节日，放假 ${totals.daysOff} 天，调休上班 ${totals.workdays} 天` +
    (remove.length ? `；删除该年手工调整 ${remove.length} 条` : '');
  const record: YearScheduleRecord = { year: input.year, holidays, source: input.source, enteredAt: now.toISOString(), enteredBy: viewer.username, enteredByName: viewer.displayName };
  const entry = change(viewer, now, { kind: 'year_entered', year: input.year, daysOff: totals.daysOff, workdays: totals.workdays, summary });
  const job = queuedRetimeJob(entry);
  await deps.slaSettings.putYearSchedule(record, entry, remove, job);
  forgetSlaSettings(deps);
  return { year: input.year, ...totals, removedOverrides: remove, retime: toRetimeJobDto(job), change: toChangeDto(entry) };
}
