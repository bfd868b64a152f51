import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminGetCalendar } from '../../services/sla/admin';

const deps = wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, queues: wire.queues, ...wire.slaSettingsDeps() });

/** GET /api/console/admin/calendar — years known and entered, the unknown years ahead and the open working-day cases reaching them, overrides, entered years, change log. */
export const handler = httpRoute(deps, {
  auth: officialIn(['admin', 'supervisor']),
  handle: async (input) => ({ body: await adminGetCalendar(input.deps, input.auth) }),
});
