import { auditQuerySchema } from '@minsheng/shared';
import { consoleOfficial, httpRoute } from '../../lib/http';
import { getAudit } from '../../services/console-cases';

/** GET /api/console/audit?caseNo= */
export const handler = httpRoute({
  auth: consoleOfficial,
  query: auditQuerySchema,
  handle: async (input) => ({ body: await getAudit(input.deps, input.auth, input.query.caseNo) }),
});
