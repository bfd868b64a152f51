import { trackStatusRequestSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { trackStatuses } from '../../services/citizen/status';

/** POST /api/track/status { cases: [{ caseNo, statusKey }] } — the saved cases' status, in one request. */
export const handler = httpRoute(wire.inject({ cases: wire.cases, statusKeyKey: wire.statusKeyKey }), {
  body: trackStatusRequestSchema,
  handle: async ({ body, deps }) => ({ body: await trackStatuses(deps, body) }),
});
