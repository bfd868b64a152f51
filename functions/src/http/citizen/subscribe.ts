import { subscriptionRequestSchema } from '@minsheng/shared';
import { citizenCaseNo, httpRoute } from '../../lib/http';
import { subscribeCase } from '../../services/subscription';

/** POST /api/track/case/subscription (citizen token) { code, templateIds } — WeChat progress messages. */
export const handler = httpRoute({
  body: subscriptionRequestSchema,
  handle: async (input) => ({ body: await subscribeCase(input.deps, await citizenCaseNo(input), input.body.code, input.body.templateIds, input.client) }),
});
