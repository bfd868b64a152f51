import { httpRoute } from '../../lib/http';
import { listActiveCategories } from '../../services/reference-data';

/** GET /api/categories */
export const handler = httpRoute({
  handle: async ({ deps }) => ({ body: { items: await listActiveCategories(deps) } }),
});
