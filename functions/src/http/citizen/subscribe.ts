import { subscriptionRequestSchema } from '@minsheng/shared';
import { citizenCaseNo, httpRoute } from '../../lib/http';
import { subscribeCase } from '../../services/subscription';

/** POST /api/track/case/subscription (citizen token) { code, templateIds } — WeChat progress messages. */
export const handler = httpRoute({
  auth: citizenCaseNo,
  body: subscriptionRequestSchema,
  handle: async (input) => ({ body: await subscribeCase(input.deps, input.auth, input.body.code, input.body.templateIds, input.client) }),
});
