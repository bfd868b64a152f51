import { citizenCaseNo, httpRoute } from '../../lib/http';
import { getCitizenCase } from '../../services/citizen-case';

/** GET /api/track/case (citizen token) */
export const handler = httpRoute({
  handle: async (input) => ({ body: await getCitizenCase(input.deps, await citizenCaseNo(input)) }),
});
