import { departmentInputSchema } from '@minsheng/shared';
import { consoleOfficial, httpRoute } from '../../lib/http';
import { adminListDepartments, adminPutDepartment } from '../../services/admin';

/** GET /api/console/admin/departments */
export const list = httpRoute({
  auth: consoleOfficial,
  handle: async (input) => ({ body: { items: await adminListDepartments(input.deps, input.auth) } }),
});

/** POST /api/console/admin/departments — create or update. */
export const put = httpRoute({
  auth: consoleOfficial,
  body: departmentInputSchema,
  handle: async (input) => ({ body: await adminPutDepartment(input.deps, input.auth, input.body) }),
});
