import { bindCaseRequestSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { bindCase } from '../../services/citizen/me';
import { meInWeChat } from '../auth';

/** POST /api/me/cases { caseToken } (me token, WeChat) — bind the case the case token opens. */
export const handler = httpRoute(wire.inject({ links: wire.links, cases: wire.cases, ...wire.citizenAuthDeps() }), {
  auth: meInWeChat,
  body: bindCaseRequestSchema,
  handle: async ({ deps, auth, body }) => ({ body: await bindCase(deps, auth, body.caseToken) }),
});
