import { calendarOverrideInputSchema, slaPolicyInputSchema, yearScheduleInputSchema, PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminDeleteCalendarOverride, adminEnterYearSchedule, adminGetCalendar, adminListRetimeJobs, adminGetSlaPolicies, adminPutCalendarOverride, adminPutSlaPolicy } from '../../services/sla/admin';

const deps = wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, queues: wire.queues, ...wire.slaSettingsDeps() });

/** GET /api/console/admin/sla-policies */
export const listPolicies = httpRoute(deps, {
  auth: officialIn(['admin', 'supervisor']),
  handle: async (input) => ({ body: await adminGetSlaPolicies(input.deps, input.auth) }),
});

/** POST /api/console/admin/sla-policies */
export const putPolicy = httpRoute(deps, {
  auth: officialIn(['admin']),
  body: slaPolicyInputSchema,
  handle: async (input) => ({ body: await adminPutSlaPolicy(input.deps, input.auth, input.body) }),
});

/** GET /api/console/admin/calendar — years known and entered, the unknown years ahead and the open working-day cases reaching them, overrides, entered years, change log. */
export const getCalendar = httpRoute(deps, {
  auth: officialIn(['admin', 'supervisor']),
  handle: async (input) => ({ body: await adminGetCalendar(input.deps, input.auth) }),
});

/** GET /api/console/admin/calendar/retime-jobs — the latest re-timing jobs and their progress (polled while one runs). */
export const listRetimeJobs = httpRoute(deps, {
  auth: officialIn(['admin', 'supervisor']),
  handle: async (input) => ({ body: await adminListRetimeJobs(input.deps, input.auth) }),
});

/** POST /api/console/admin/calendar { date, work, note? } — answers with the override and the queued re-timing job. */
export const putOverride = httpRoute(deps, {
  auth: officialIn(['admin']),
  body: calendarOverrideInputSchema,
  handle: async (input) => ({ body: await adminPutCalendarOverride(input.deps, input.auth, input.body) }),
});

/** DELETE /api/console/admin/calendar/{date} */
export const deleteOverride = httpRoute(deps, {
  params: { date: PATH_PARAMS.date },
  auth: officialIn(['admin']),
  handle: async (input) => ({ body: await adminDeleteCalendarOverride(input.deps, input.auth, input.pathParam('date')) }),
});

/** POST /api/console/admin/calendar/years { year, source, holidays: [{ name, daysOff, workdays }], replaceManual? } — a year's official schedule in one step. */
export const enterYear = httpRoute(deps, {
  auth: officialIn(['admin']),
  body: yearScheduleInputSchema,
  handle: async (input) => ({ body: await adminEnterYearSchedule(input.deps, input.auth, input.body) }),
});
