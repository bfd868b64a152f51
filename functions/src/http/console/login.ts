import { consoleLoginRequestSchema } from '@minsheng/shared';
import { httpRoute } from '../../lib/http';
import { loginOfficial } from '../../services/console-auth';

/** POST /api/console/login */
export const handler = httpRoute({
  body: consoleLoginRequestSchema,
  handle: async ({ body, deps, clientId }) => ({ body: await loginOfficial(deps, body, clientId) }),
});
