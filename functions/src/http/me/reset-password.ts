import { PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { resetCasePassword } from '../../services/citizen/me';
import { meIdentity } from '../auth';

/** POST /api/me/cases/{caseNo}/password (me token) — a new query password, shown once; the old one stops working. */
export const handler = httpRoute(wire.inject({ links: wire.links, cases: wire.cases, statusKeyKey: wire.statusKeyKey, ...wire.citizenAuthDeps() }), {
  auth: meIdentity,
  params: { caseNo: PATH_PARAMS.myCaseNo },
  handle: async ({ deps, auth, pathParam, client }) => ({ body: await resetCasePassword(deps, auth, pathParam('caseNo'), client) }),
});
