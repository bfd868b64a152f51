import { calendarOverrideInputSchema, slaPolicyInputSchema, PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminDeleteCalendarOverride, adminGetCalendar, adminGetSlaPolicies, adminPutCalendarOverride, adminPutSlaPolicy } from '../../services/sla/admin';

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

/** GET /api/console/admin/calendar — official years covered, and the overrides. */
export const getCalendar = httpRoute(deps, {
  auth: officialIn(['admin', 'supervisor']),
  handle: async (input) => ({ body: await adminGetCalendar(input.deps, input.auth) }),
});

/** POST /api/console/admin/calendar { date, work, note? } */
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
