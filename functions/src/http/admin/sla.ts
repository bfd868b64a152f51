import { calendarOverrideInputSchema, slaPolicyInputSchema } from '@minsheng/shared';
import { consoleOfficial, httpRoute } from '../../lib/http';
import { adminDeleteCalendarOverride, adminGetCalendar, adminGetSlaPolicies, adminPutCalendarOverride, adminPutSlaPolicy } from '../../services/sla-admin';

/** GET /api/console/admin/sla-policies */
export const listPolicies = httpRoute({
  handle: async (input) => ({ body: await adminGetSlaPolicies(input.deps, await consoleOfficial(input)) }),
});

/** POST /api/console/admin/sla-policies */
export const putPolicy = httpRoute({
  body: slaPolicyInputSchema,
  handle: async (input) => ({ body: await adminPutSlaPolicy(input.deps, await consoleOfficial(input), input.body) }),
});

/** GET /api/console/admin/calendar — official years covered, and the overrides. */
export const getCalendar = httpRoute({
  handle: async (input) => ({ body: await adminGetCalendar(input.deps, await consoleOfficial(input)) }),
});

/** POST /api/console/admin/calendar { date, work, note? } */
export const putOverride = httpRoute({
  body: calendarOverrideInputSchema,
  handle: async (input) => ({ body: await adminPutCalendarOverride(input.deps, await consoleOfficial(input), input.body) }),
});

/** DELETE /api/console/admin/calendar/{date} */
export const deleteOverride = httpRoute({
  handle: async (input) => ({ body: await adminDeleteCalendarOverride(input.deps, await consoleOfficial(input), input.pathParam('date')) }),
});
