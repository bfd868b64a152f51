import { PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminGetItem } from '../../services/library/admin';

const deps = wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, reference: wire.reference, library: wire.library, librarySearch: wire.librarySearch });

/** GET /api/console/admin/policies/{id} — one item as stored now, with its revision. */
export const handler = httpRoute(deps, {
  params: { id: PATH_PARAMS.libraryId },
  auth: officialIn(['admin']),
  handle: async (input) => ({ body: await adminGetItem(input.deps, input.auth, input.pathParam('id')) }),
});
