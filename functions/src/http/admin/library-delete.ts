import { libraryDeleteQuerySchema, PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminDeleteItem } from '../../services/library/admin';

const deps = wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, reference: wire.reference, library: wire.library, librarySearch: wire.librarySearch });

/** DELETE /api/console/admin/policies/{id}?expectedRevision= (optional: a newer revision stored meanwhile → 409) */
export const handler = httpRoute(deps, {
  params: { id: PATH_PARAMS.libraryId },
  auth: officialIn(['admin']),
  query: libraryDeleteQuerySchema,
  handle: async (input) => ({ body: await adminDeleteItem(input.deps, input.auth, input.pathParam('id'), input.query.expectedRevision) }),
});
