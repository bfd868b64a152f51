import { ratingRequestSchema } from '@minsheng/shared';
import { citizenCaseNo, httpRoute } from '../../lib/http';
import { rateCase } from '../../services/citizen-case';

/** POST /api/track/case/rating (citizen token) — accepted once per answer, never changed afterwards. */
export const handler = httpRoute({
  auth: citizenCaseNo,
  body: ratingRequestSchema,
  handle: async (input) => ({
    status: 201,
    body: await rateCase(input.deps, input.auth, input.body.rating, input.body.comment || undefined, input.client),
  }),
});
