import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { listMyCases } from '../../services/citizen/me';
import { meIdentity } from '../auth';

/** GET /api/me/cases (me token) — the identity's cases with status, due date and unread progress. */
export const handler = httpRoute(wire.inject({ links: wire.links, cases: wire.cases, ...wire.citizenAuthDeps() }), {
  auth: meIdentity,
  handle: async ({ deps, auth }) => ({ body: await listMyCases(deps, auth) }),
});
