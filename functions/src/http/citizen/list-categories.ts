import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { listActiveCategories } from '../../services/reference/reference-data';

/** GET /api/categories */
export const handler = httpRoute(wire.inject({ reference: wire.reference }), {
  handle: async ({ deps }) => ({ body: { items: await listActiveCategories(deps) } }),
});
