import { unitInputSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminListUnits, adminPutUnit } from '../../services/admin/units';

const deps = wire.inject({ ...wire.officialAuthDeps(), reference: wire.reference, queues: wire.queues });

/** GET /api/console/admin/units — the whole jurisdiction tree, inactive units included, with their counts. */
export const list = httpRoute(deps, {
  auth: officialIn(['admin']),
  handle: async (input) => ({ body: { items: await adminListUnits(input.deps, input.auth) } }),
});

/** POST /api/console/admin/units — create, rename, move or disable a unit. */
export const put = httpRoute(deps, {
  auth: officialIn(['admin']),
  body: unitInputSchema,
  handle: async (input) => ({ body: await adminPutUnit(input.deps, input.auth, input.body) }),
});
