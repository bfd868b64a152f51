import { subscriptionRequestSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { subscribeCase } from '../../services/citizen/subscription';
import { citizenCaseNo } from '../auth';

/** POST /api/track/case/subscription (citizen token) { code, templateIds } — WeChat progress messages: `{ subscribed, credits }` (one message per accepted request). */
export const handler = httpRoute(wire.inject({ cases: wire.cases, ...wire.citizenAuthDeps(), wechat: wire.wechat, notifications: wire.notifications }), {
  auth: citizenCaseNo,
  body: subscriptionRequestSchema,
  handle: async (input) => ({ body: await subscribeCase(input.deps, input.auth, input.body.code, input.body.templateIds, input.client) }),
});
