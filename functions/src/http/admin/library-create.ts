import { policyInputSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminCreatePolicy } from '../../services/library/admin';

const deps = wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, reference: wire.reference, library: wire.library, librarySearch: wire.librarySearch });

/** POST /api/console/admin/policies — a new policy (201). */
export const handler = httpRoute(deps, {
  auth: officialIn(['admin']),
  body: policyInputSchema,
  handle: async (input) => ({ status: 201, body: await adminCreatePolicy(input.deps, input.auth, input.body) }),
});
