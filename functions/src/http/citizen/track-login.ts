import { trackLoginRequestSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { loginCitizen } from '../../services/citizen/login';

/** POST /api/track/login */
export const handler = httpRoute(wire.inject({ credentials: wire.credentials, throttle: wire.throttle, statusKeyKey: wire.statusKeyKey, ...wire.citizenAuthDeps() }), {
  body: trackLoginRequestSchema,
  handle: async ({ body, deps, clientId }) => ({ body: await loginCitizen(deps, body, clientId) }),
});
