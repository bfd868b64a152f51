import { synonymsInputSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminPutSynonyms } from '../../services/library/admin';

const deps = wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, reference: wire.reference, library: wire.library, librarySearch: wire.librarySearch });

/** POST /api/console/admin/synonyms { groups: string[][] } — replaces the whole list. */
export const handler = httpRoute(deps, {
  auth: officialIn(['admin']),
  body: synonymsInputSchema,
  handle: async (input) => ({ body: await adminPutSynonyms(input.deps, input.auth, input.body) }),
});
