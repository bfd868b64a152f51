import { caseQueueQuerySchema } from '@minsheng/shared';
import { consoleOfficial, httpRoute } from '../../lib/http';
import { listQueue } from '../../services/console-cases';

/** GET /api/console/cases?queue=… */
export const handler = httpRoute({
  query: caseQueueQuerySchema,
  handle: async (input) => ({ body: await listQueue(input.deps, await consoleOfficial(input), input.query) }),
});
