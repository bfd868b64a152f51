import { subscriptionRequestSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { subscribeCase } from '../../services/citizen/subscription';
import { citizenCaseNo } from '../auth';

/** POST /api/track/case/subscription (citizen token) { code, templateIds } — WeChat progress messages. */
export const handler = httpRoute(wire.inject({ cases: wire.cases, ...wire.citizenAuthDeps(), wechat: wire.wechat }), {
  auth: citizenCaseNo,
  body: subscriptionRequestSchema,
  handle: async (input) => ({ body: await subscribeCase(input.deps, input.auth, input.body.code, input.body.templateIds, input.client) }),
});
