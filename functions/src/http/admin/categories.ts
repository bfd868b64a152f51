import { categoryInputSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminListCategories, adminPutCategory } from '../../services/admin/reference';

const deps = wire.inject({ ...wire.officialAuthDeps(), reference: wire.reference });

/** GET /api/console/admin/categories */
export const list = httpRoute(deps, {
  auth: officialIn(['admin']),
  handle: async (input) => ({ body: { items: await adminListCategories(input.deps, input.auth) } }),
});

/** POST /api/console/admin/categories — create or update. */
export const put = httpRoute(deps, {
  auth: officialIn(['admin']),
  body: categoryInputSchema,
  handle: async (input) => ({ body: await adminPutCategory(input.deps, input.auth, input.body) }),
});
