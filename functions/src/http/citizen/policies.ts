import { policySearchQuerySchema, PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { getLibraryItem, searchLibrary } from '../../services/library/search';

/** GET /api/policies?q=&limit=&offset=&kind= — public: Chinese search, or newest first without q. */
export const search = httpRoute(wire.inject({ librarySearch: wire.librarySearch, now: wire.clock }), {
  query: policySearchQuerySchema,
  handle: async ({ deps, query }) => ({ body: await searchLibrary(deps, query) }),
});

/** GET /api/policies/{id} — public: one policy or answered question in full. */
export const get = httpRoute(wire.inject({ library: wire.library, reference: wire.reference }), {
  params: { id: PATH_PARAMS.libraryId },
  handle: async (input) => ({ body: await getLibraryItem(input.deps, input.pathParam('id')) }),
});
