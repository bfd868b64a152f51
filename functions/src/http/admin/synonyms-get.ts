import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminGetSynonyms } from '../../services/library/admin';

const deps = wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, reference: wire.reference, library: wire.library, librarySearch: wire.librarySearch });

/** GET /api/console/admin/synonyms */
export const handler = httpRoute(deps, {
  auth: officialIn(['admin']),
  handle: async (input) => ({ body: await adminGetSynonyms(input.deps, input.auth) }),
});
