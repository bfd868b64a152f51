import { adminPolicyListQuerySchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminListLibrary } from '../../services/library/admin';

const deps = wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, reference: wire.reference, library: wire.library, librarySearch: wire.librarySearch });

/** GET /api/console/admin/policies?q=&kind=&limit=&offset= — every library item, with bookkeeping. */
export const handler = httpRoute(deps, {
  auth: officialIn(['admin']),
  query: adminPolicyListQuerySchema,
  handle: async (input) => ({ body: await adminListLibrary(input.deps, input.auth, input.query) }),
});
