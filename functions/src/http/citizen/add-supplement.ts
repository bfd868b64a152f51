import { supplementRequestSchema } from '@minsheng/shared';
import { citizenCaseNo, httpRoute } from '../../lib/http';
import { addSupplement } from '../../services/citizen-case';

/** POST /api/track/case/supplements (citizen token) */
export const handler = httpRoute({
  auth: citizenCaseNo,
  body: supplementRequestSchema,
  handle: async (input) => ({
    status: 201,
    body: await addSupplement(input.deps, input.auth, input.body.content, input.client),
  }),
});
