import { synonymsResetQuerySchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminResetSynonyms } from '../../services/library/admin';

const deps = wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, reference: wire.reference, library: wire.library, librarySearch: wire.librarySearch });

/** DELETE /api/console/admin/synonyms?expectedRevision= — back to the built-in list. */
export const handler = httpRoute(deps, {
  auth: officialIn(['admin']),
  query: synonymsResetQuerySchema,
  handle: async (input) => ({ body: await adminResetSynonyms(input.deps, input.auth, input.query.expectedRevision) }),
});
