import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminListRetimeJobs } from '../../services/sla/admin';

const deps = wire.inject({ ...wire.officialAuthDeps(), ...wire.slaSettingsDeps() });

/** GET /api/console/admin/calendar/retime-jobs — the latest re-timing jobs and their progress (polled while one runs). */
export const handler = httpRoute(deps, {
  auth: officialIn(['admin', 'supervisor']),
  handle: async (input) => ({ body: await adminListRetimeJobs(input.deps, input.auth) }),
});
