import { queueCountsQuerySchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { queueCounts } from '../../services/console/queue-counts';

/** GET /api/console/queue-counts — the exact count on each queue tab. */
export const handler = httpRoute(
  wire.inject({ ...wire.officialAuthDeps(), queues: wire.queues, queueCounts: wire.queueCounts, reference: wire.reference, ...wire.slaSettingsDeps() }),
  {
    auth: officialIn(['intake', 'handler', 'supervisor']),
    query: queueCountsQuerySchema,
    handle: async (input) => ({ body: await queueCounts(input.deps, input.auth, input.query) }),
  },
);
