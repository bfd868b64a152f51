import { auditQuerySchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { consoleOfficial } from '../auth';
import { getAudit } from '../../services/console/workspace';

/** GET /api/console/audit?caseNo= */
export const handler = httpRoute(wire.inject({ ...wire.officialAuthDeps(), ...wire.caseWorkDeps() }), {
  auth: consoleOfficial,
  query: auditQuerySchema,
  handle: async (input) => ({ body: await getAudit(input.deps, input.auth, input.query.caseNo) }),
});
