import { calendarOverrideInputSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminPutCalendarOverride } from '../../services/sla/admin';

const deps = wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, queues: wire.queues, ...wire.slaSettingsDeps() });

/** POST /api/console/admin/calendar { date, work, note? } — answers with the override and the queued re-timing job. */
export const handler = httpRoute(deps, {
  auth: officialIn(['admin']),
  body: calendarOverrideInputSchema,
  handle: async (input) => ({ body: await adminPutCalendarOverride(input.deps, input.auth, input.body) }),
});
