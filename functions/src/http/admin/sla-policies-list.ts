import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminGetSlaPolicies } from '../../services/sla/admin';

const deps = wire.inject({ ...wire.officialAuthDeps(), ...wire.slaSettingsDeps() });

/** GET /api/console/admin/sla-policies */
export const handler = httpRoute(deps, {
  auth: officialIn(['admin', 'supervisor']),
  handle: async (input) => ({ body: await adminGetSlaPolicies(input.deps, input.auth) }),
});
