import { citizenCaseNo, httpRoute } from '../../lib/http';
import { getCitizenCase } from '../../services/citizen-case';

/** GET /api/track/case (citizen token) */
export const handler = httpRoute({
  auth: citizenCaseNo,
  handle: async (input) => ({ body: await getCitizenCase(input.deps, input.auth) }),
});
