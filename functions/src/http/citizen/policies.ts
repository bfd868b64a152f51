import { policySearchQuerySchema } from '@minsheng/shared';
import { httpRoute } from '../../lib/http';
import { getLibraryItem, searchLibrary } from '../../services/library/library';

/** GET /api/policies?q=&limit=&offset=&kind= — public: Chinese search, or newest first without q. */
export const search = httpRoute({
  query: policySearchQuerySchema,
  handle: async ({ deps, query }) => ({ body: await searchLibrary(deps, query) }),
});

/** GET /api/policies/{id} — public: one policy or answered question in full. */
export const get = httpRoute({
  handle: async (input) => ({ body: await getLibraryItem(input.deps, input.pathParam('id')) }),
});
