import { httpRoute } from '../../lib/http';
import { listActiveDepartments } from '../../services/reference-data';

/** GET /api/departments */
export const handler = httpRoute({
  handle: async ({ deps }) => ({ body: { items: await listActiveDepartments(deps) } }),
});
