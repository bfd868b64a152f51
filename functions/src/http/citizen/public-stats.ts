import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { publicStats } from '../../services/stats/statistics';

/** GET /api/stats/public — totals, on-time and satisfaction rates, for anyone. */
export const handler = httpRoute(wire.inject({ stats: wire.stats }), {
  handle: async ({ deps }) => ({ body: await publicStats(deps), headers: { 'Cache-Control': 'public, max-age=60' } }),
});
