import { statsQuerySchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { consoleStats } from '../../services/stats/statistics';

/** GET /api/console/stats[?period=ALL|YYYY-MM&months=12] */
export const handler = httpRoute(wire.inject({ ...wire.officialAuthDeps(), stats: wire.stats, reference: wire.reference }), {
  auth: officialIn(['intake', 'supervisor', 'admin']),
  query: statsQuerySchema,
  handle: async (input) => ({ body: await consoleStats(input.deps, input.auth, input.query) }),
});
