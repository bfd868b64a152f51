import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { listActiveUnits } from '../../services/reference/reference-data';

/** GET /api/units — the place picker's tree (public; changes rarely, so clients and CDNs may keep it 5 minutes). */
export const handler = httpRoute(wire.inject({ reference: wire.reference }), {
  handle: async ({ deps }) => ({ body: { items: await listActiveUnits(deps) }, headers: { 'Cache-Control': 'public, max-age=300' } }),
});
