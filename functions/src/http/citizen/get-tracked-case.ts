import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { getCitizenCase } from '../../services/citizen/tracked-case';
import { citizenCaseNo } from '../auth';

/** GET /api/track/case (citizen token) */
export const handler = httpRoute(wire.inject({ ...wire.caseWorkDeps(), ...wire.citizenAuthDeps(), storage: wire.storage }), {
  auth: citizenCaseNo,
  handle: async (input) => ({ body: await getCitizenCase(input.deps, input.auth) }),
});
