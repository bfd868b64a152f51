import { adminPolicyListQuerySchema, libraryDeleteQuerySchema, libraryItemUpdateSchema, synonymsResetQuerySchema, policyInputSchema, synonymsInputSchema, PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminCreatePolicy, adminDeleteItem, adminGetItem, adminGetSynonyms, adminListLibrary, adminPutSynonyms, adminResetSynonyms, adminUpdateItem } from '../../services/library/admin';

const deps = wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, reference: wire.reference, library: wire.library, librarySearch: wire.librarySearch });

/** GET /api/console/admin/policies?q=&kind=&limit=&offset= — every library item, with bookkeeping. */
export const list = httpRoute(deps, {
  auth: officialIn(['admin']),
  query: adminPolicyListQuerySchema,
  handle: async (input) => ({ body: await adminListLibrary(input.deps, input.auth, input.query) }),
});

/** POST /api/console/admin/policies — a new policy (201). */
export const create = httpRoute(deps, {
  auth: officialIn(['admin']),
  body: policyInputSchema,
  handle: async (input) => ({ status: 201, body: await adminCreatePolicy(input.deps, input.auth, input.body) }),
});

/** GET /api/console/admin/policies/{id} — one item as stored now, with its revision. */
export const getOne = httpRoute(deps, {
  params: { id: PATH_PARAMS.libraryId },
  auth: officialIn(['admin']),
  handle: async (input) => ({ body: await adminGetItem(input.deps, input.auth, input.pathParam('id')) }),
});

/** POST /api/console/admin/policies/{id} — replace a policy or a published Q&A ({ kind, …, expectedRevision? }). */
export const update = httpRoute(deps, {
  params: { id: PATH_PARAMS.libraryId },
  auth: officialIn(['admin']),
  body: libraryItemUpdateSchema,
  handle: async (input) => ({ body: await adminUpdateItem(input.deps, input.auth, input.pathParam('id'), input.body) }),
});

/** DELETE /api/console/admin/policies/{id}?expectedRevision= (optional: a newer revision stored meanwhile → 409) */
export const remove = httpRoute(deps, {
  params: { id: PATH_PARAMS.libraryId },
  auth: officialIn(['admin']),
  query: libraryDeleteQuerySchema,
  handle: async (input) => ({ body: await adminDeleteItem(input.deps, input.auth, input.pathParam('id'), input.query.expectedRevision) }),
});

/** GET /api/console/admin/synonyms */
export const getSynonyms = httpRoute(deps, {
  auth: officialIn(['admin']),
  handle: async (input) => ({ body: await adminGetSynonyms(input.deps, input.auth) }),
});

/** POST /api/console/admin/synonyms { groups: string[][] } — replaces the whole list. */
export const putSynonyms = httpRoute(deps, {
  auth: officialIn(['admin']),
  body: synonymsInputSchema,
  handle: async (input) => ({ body: await adminPutSynonyms(input.deps, input.auth, input.body) }),
});

/** DELETE /api/console/admin/synonyms?expectedRevision= — back to the built-in list. */
export const resetSynonyms = httpRoute(deps, {
  auth: officialIn(['admin']),
  query: synonymsResetQuerySchema,
  handle: async (input) => ({ body: await adminResetSynonyms(input.deps, input.auth, input.query.expectedRevision) }),
});
