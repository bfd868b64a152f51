import { libraryItemUpdateSchema, PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminUpdateItem } from '../../services/library/admin';

const deps = wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, reference: wire.reference, library: wire.library, librarySearch: wire.librarySearch });

/** POST /api/console/admin/policies/{id} — replace a policy or a published Q&A ({ kind, …, expectedRevision? }). */
export const handler = httpRoute(deps, {
  params: { id: PATH_PARAMS.libraryId },
  auth: officialIn(['admin']),
  body: libraryItemUpdateSchema,
  handle: async (input) => ({ body: await adminUpdateItem(input.deps, input.auth, input.pathParam('id'), input.body) }),
});
