import { statsQuerySchema } from '@minsheng/shared';
import { consoleOfficial, httpRoute } from '../../lib/http';
import { consoleStats } from '../../services/stats';

/** GET /api/console/stats[?period=ALL|YYYY-MM&months=12] */
export const handler = httpRoute({
  query: statsQuerySchema,
  handle: async (input) => ({ body: await consoleStats(input.deps, await consoleOfficial(input), input.query) }),
});
