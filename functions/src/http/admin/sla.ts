import { calendarOverrideInputSchema, slaPolicyInputSchema } from '@minsheng/shared';
import { consoleOfficial, httpRoute } from '../../lib/http';
import { adminDeleteCalendarOverride, adminGetCalendar, adminGetSlaPolicies, adminPutCalendarOverride, adminPutSlaPolicy } from '../../services/sla-admin';

/** GET /api/console/admin/sla-policies */
export const listPolicies = httpRoute({
  auth: consoleOfficial,
  handle: async (input) => ({ body: await adminGetSlaPolicies(input.deps, input.auth) }),
});

/** POST /api/console/admin/sla-policies */
export const putPolicy = httpRoute({
  auth: consoleOfficial,
  body: slaPolicyInputSchema,
  handle: async (input) => ({ body: await adminPutSlaPolicy(input.deps, input.auth, input.body) }),
});

/** GET /api/console/admin/calendar — official years covered, and the overrides. */
export const getCalendar = httpRoute({
  auth: consoleOfficial,
  handle: async (input) => ({ body: await adminGetCalendar(input.deps, input.auth) }),
});

/** POST /api/console/admin/calendar { date, work, note? } */
export const putOverride = httpRoute({
  auth: consoleOfficial,
  body: calendarOverrideInputSchema,
  handle: async (input) => ({ body: await adminPutCalendarOverride(input.deps, input.auth, input.body) }),
});

/** DELETE /api/console/admin/calendar/{date} */
export const deleteOverride = httpRoute({
  auth: consoleOfficial,
  handle: async (input) => ({ body: await adminDeleteCalendarOverride(input.deps, input.auth, input.pathParam('date')) }),
});
