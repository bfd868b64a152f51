import { departmentInputSchema } from '@minsheng/shared';
import { consoleOfficial, httpRoute } from '../../lib/http';
import { adminListDepartments, adminPutDepartment } from '../../services/admin';

/** GET /api/console/admin/departments */
export const list = httpRoute({
  handle: async (input) => ({ body: { items: await adminListDepartments(input.deps, await consoleOfficial(input)) } }),
});

/** POST /api/console/admin/departments — create or update. */
export const put = httpRoute({
  body: departmentInputSchema,
  handle: async (input) => ({ body: await adminPutDepartment(input.deps, await consoleOfficial(input), input.body) }),
});
