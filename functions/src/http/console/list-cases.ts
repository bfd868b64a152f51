import { caseQueueQuerySchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { listQueue } from '../../services/console/queues';

/** GET /api/console/cases?queue=… */
export const handler = httpRoute(wire.inject({ ...wire.officialAuthDeps(), queues: wire.queues, reference: wire.reference, ...wire.slaSettingsDeps() }), {
  auth: officialIn(['intake', 'handler', 'supervisor']),
  query: caseQueueQuerySchema,
  handle: async (input) => ({ body: await listQueue(input.deps, input.auth, input.query) }),
});
