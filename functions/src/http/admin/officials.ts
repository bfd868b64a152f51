import { officialInputSchema } from '@minsheng/shared';
import { consoleOfficial, httpRoute } from '../../lib/http';
import { adminCreateOfficial, adminListOfficials, adminResetPassword, adminSetDisabled } from '../../services/admin';

/** GET /api/console/admin/officials */
export const list = httpRoute({
  handle: async (input) => ({ body: { items: await adminListOfficials(input.deps, await consoleOfficial(input)) } }),
});

/** POST /api/console/admin/officials */
export const create = httpRoute({
  body: officialInputSchema,
  handle: async (input) => ({ status: 201, body: await adminCreateOfficial(input.deps, await consoleOfficial(input), input.body) }),
});

/** POST /api/console/admin/officials/{username}/disable */
export const disable = httpRoute({
  handle: async (input) => ({ body: await adminSetDisabled(input.deps, await consoleOfficial(input), input.pathParam('username'), true) }),
});

/** POST /api/console/admin/officials/{username}/enable */
export const enable = httpRoute({
  handle: async (input) => ({ body: await adminSetDisabled(input.deps, await consoleOfficial(input), input.pathParam('username'), false) }),
});

/** POST /api/console/admin/officials/{username}/reset-password — returns a temporary password once. */
export const resetPassword = httpRoute({
  handle: async (input) => ({ body: await adminResetPassword(input.deps, await consoleOfficial(input), input.pathParam('username')) }),
});
