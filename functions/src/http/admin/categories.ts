import { categoryInputSchema } from '@minsheng/shared';
import { consoleOfficial, httpRoute } from '../../lib/http';
import { adminListCategories, adminPutCategory } from '../../services/admin';

/** GET /api/console/admin/categories */
export const list = httpRoute({
  handle: async (input) => ({ body: { items: await adminListCategories(input.deps, await consoleOfficial(input)) } }),
});

/** POST /api/console/admin/categories — create or update. */
export const put = httpRoute({
  body: categoryInputSchema,
  handle: async (input) => ({ body: await adminPutCategory(input.deps, await consoleOfficial(input), input.body) }),
});
