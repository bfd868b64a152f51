import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { listActiveDepartments } from '../../services/reference/reference-data';

/** GET /api/departments */
export const handler = httpRoute(wire.inject({ reference: wire.reference }), {
  handle: async ({ deps }) => ({ body: { items: await listActiveDepartments(deps) } }),
});
