import { caseQueueQuerySchema } from '@minsheng/shared';
import { consoleOfficial, httpRoute } from '../../lib/http';
import { listQueue } from '../../services/console-cases';

/** GET /api/console/cases?queue=… */
export const handler = httpRoute({
  auth: consoleOfficial,
  query: caseQueueQuerySchema,
  handle: async (input) => ({ body: await listQueue(input.deps, input.auth, input.query) }),
});
