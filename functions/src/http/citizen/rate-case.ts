import { ratingRequestSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { rateCase } from '../../services/citizen/tracked-case';
import { citizenCaseNo } from '../auth';

/** POST /api/track/case/rating (citizen token) — accepted once per answer, never changed afterwards. */
export const handler = httpRoute(wire.inject({ ...wire.caseWorkDeps(), ...wire.citizenAuthDeps(), storage: wire.storage }), {
  auth: citizenCaseNo,
  body: ratingRequestSchema,
  handle: async (input) => ({
    status: 201,
    body: await rateCase(input.deps, input.auth, input.body.rating, input.body.comment || undefined, input.client),
  }),
});
