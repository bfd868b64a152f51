import { officialAssignmentSchema, officialInputSchema, PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminAssignOfficial, adminCreateOfficial, adminListOfficials, adminResetPassword, adminSetDisabled } from '../../services/admin/officials';

const deps = wire.inject({ ...wire.officialAuthDeps(), reference: wire.reference });

/** GET /api/console/admin/officials */
export const list = httpRoute(deps, {
  auth: officialIn(['admin']),
  handle: async (input) => ({ body: { items: await adminListOfficials(input.deps, input.auth) } }),
});

/** POST /api/console/admin/officials */
export const create = httpRoute(deps, {
  auth: officialIn(['admin']),
  body: officialInputSchema,
  handle: async (input) => ({ status: 201, body: await adminCreateOfficial(input.deps, input.auth, input.body) }),
});

/** POST /api/console/admin/officials/{username}/disable */
export const disable = httpRoute(deps, {
  params: { username: PATH_PARAMS.username },
  auth: officialIn(['admin']),
  handle: async (input) => ({ body: await adminSetDisabled(input.deps, input.auth, input.pathParam('username'), true) }),
});

/** POST /api/console/admin/officials/{username}/enable */
export const enable = httpRoute(deps, {
  params: { username: PATH_PARAMS.username },
  auth: officialIn(['admin']),
  handle: async (input) => ({ body: await adminSetDisabled(input.deps, input.auth, input.pathParam('username'), false) }),
});

/** POST /api/console/admin/officials/{username}/reset-password — returns a temporary password once. */
export const resetPassword = httpRoute(deps, {
  params: { username: PATH_PARAMS.username },
  auth: officialIn(['admin']),
  handle: async (input) => ({ body: await adminResetPassword(input.deps, input.auth, input.pathParam('username')) }),
});

/** POST /api/console/admin/officials/{username}/assignment — move an official to another unit (or a handler to another department). */
export const assign = httpRoute(deps, {
  params: { username: PATH_PARAMS.username },
  auth: officialIn(['admin']),
  body: officialAssignmentSchema,
  handle: async (input) => ({ body: await adminAssignOfficial(input.deps, input.auth, input.pathParam('username'), input.body) }),
});
