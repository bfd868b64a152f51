import { consoleFileCaseSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { fileOnBehalf } from '../../services/console/desk-filing';

/** POST /api/console/cases — 来电登记 (intake): honours Idempotency-Key as the citizen's filing does. */
export const handler = httpRoute(
  wire.inject({
    ...wire.officialAuthDeps(),
    ...wire.filingDeps(),
  }),
  {
    auth: officialIn(['intake']),
    body: consoleFileCaseSchema,
    handle: async ({ body, deps, auth, header, client }) => {
      const { response, replayed } = await fileOnBehalf(deps, auth, body, header('idempotency-key'), client);
      const headers: Record<string, string> = replayed ? { 'Idempotent-Replayed': 'true' } : {};
      return { status: 201, body: response, headers };
    },
  },
);
