import { withdrawRequestSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { withdrawCase } from '../../services/citizen/tracked-case';
import { citizenCaseNo } from '../auth';

/** POST /api/track/case/withdraw (citizen token) { reason? } — only while 待受理; after acceptance 409 INVALID_TRANSITION. */
export const handler = httpRoute(wire.inject({ ...wire.caseWorkDeps(), ...wire.citizenAuthDeps(), storage: wire.storage }), {
  auth: citizenCaseNo,
  body: withdrawRequestSchema,
  handle: async (input) => ({
    status: 200,
    body: await withdrawCase(input.deps, input.auth, input.body.reason || undefined, input.client),
  }),
});
