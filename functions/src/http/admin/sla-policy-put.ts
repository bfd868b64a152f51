import { slaPolicyInputSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminPutSlaPolicy } from '../../services/sla/admin';

const deps = wire.inject({ ...wire.officialAuthDeps(), ...wire.slaSettingsDeps() });

/** POST /api/console/admin/sla-policies */
export const handler = httpRoute(deps, {
  auth: officialIn(['admin']),
  body: slaPolicyInputSchema,
  handle: async (input) => ({ body: await adminPutSlaPolicy(input.deps, input.auth, input.body) }),
});
