import { departmentInputSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminListDepartments, adminPutDepartment } from '../../services/admin/reference';

const deps = wire.inject({ ...wire.officialAuthDeps(), reference: wire.reference, queues: wire.queues });

/** GET /api/console/admin/departments */
export const list = httpRoute(deps, {
  auth: officialIn(['admin']),
  handle: async (input) => ({ body: { items: await adminListDepartments(input.deps, input.auth) } }),
});

/** POST /api/console/admin/departments — create or update. */
export const put = httpRoute(deps, {
  auth: officialIn(['admin']),
  body: departmentInputSchema,
  handle: async (input) => ({ body: await adminPutDepartment(input.deps, input.auth, input.body) }),
});
