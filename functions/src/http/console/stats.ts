import { statsQuerySchema } from '@minsheng/shared';
import { consoleOfficial, httpRoute } from '../../lib/http';
import { consoleStats } from '../../services/stats';

/** GET /api/console/stats[?period=ALL|YYYY-MM&months=12] */
export const handler = httpRoute({
  auth: consoleOfficial,
  query: statsQuerySchema,
  handle: async (input) => ({ body: await consoleStats(input.deps, input.auth, input.query) }),
});
