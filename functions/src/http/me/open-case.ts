import { PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { openMyCase } from '../../services/citizen/me';
import { meIdentity } from '../auth';

/** POST /api/me/cases/{caseNo}/open (me token) — a case token for one of my cases; marks it seen. */
export const handler = httpRoute(wire.inject({ links: wire.links, cases: wire.cases, ...wire.citizenAuthDeps() }), {
  auth: meIdentity,
  params: { caseNo: PATH_PARAMS.myCaseNo },
  handle: async ({ deps, auth, pathParam }) => ({ body: await openMyCase(deps, auth, pathParam('caseNo')) }),
});
