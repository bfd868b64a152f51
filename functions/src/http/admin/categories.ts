import { categoryInputSchema } from '@minsheng/shared';
import { consoleOfficial, httpRoute } from '../../lib/http';
import { adminListCategories, adminPutCategory } from '../../services/admin';

/** GET /api/console/admin/categories */
export const list = httpRoute({
  auth: consoleOfficial,
  handle: async (input) => ({ body: { items: await adminListCategories(input.deps, input.auth) } }),
});

/** POST /api/console/admin/categories — create or update. */
export const put = httpRoute({
  auth: consoleOfficial,
  body: categoryInputSchema,
  handle: async (input) => ({ body: await adminPutCategory(input.deps, input.auth, input.body) }),
});
