import { trackLoginRequestSchema } from '@minsheng/shared';
import { httpRoute } from '../../lib/http';
import { loginCitizen } from '../../services/citizen-login';

/** POST /api/track/login */
export const handler = httpRoute({
  body: trackLoginRequestSchema,
  handle: async ({ body, deps, clientId }) => ({ body: await loginCitizen(deps, body, clientId) }),
});
