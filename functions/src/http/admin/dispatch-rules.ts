import { dispatchRuleInputSchema, dispatchRuleKeySchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminDeleteDispatchRule, adminListDispatchRules, adminPutDispatchRule } from '../../services/admin/dispatch-rules';

const deps = wire.inject({ ...wire.officialAuthDeps(), reference: wire.reference });

/** GET /api/console/admin/dispatch-rules — the 派单目录. */
export const list = httpRoute(deps, {
  auth: officialIn(['admin']),
  handle: async (input) => ({ body: { items: await adminListDispatchRules(input.deps, input.auth) } }),
});

/** POST /api/console/admin/dispatch-rules — set (create or replace) the department of a category at a unit. */
export const put = httpRoute(deps, {
  auth: officialIn(['admin']),
  body: dispatchRuleInputSchema,
  handle: async (input) => ({ body: await adminPutDispatchRule(input.deps, input.auth, input.body) }),
});

/** DELETE /api/console/admin/dispatch-rules?categoryId=…&unitId=… */
export const remove = httpRoute(deps, {
  auth: officialIn(['admin']),
  query: dispatchRuleKeySchema,
  handle: async (input) => ({ body: await adminDeleteDispatchRule(input.deps, input.auth, input.query.categoryId, input.query.unitId) }),
});
