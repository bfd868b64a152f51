import { consoleLoginRequestSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { loginOfficial } from '../../services/auth/officials';

/** POST /api/console/login */
export const handler = httpRoute(wire.inject({ ...wire.officialAuthDeps(), reference: wire.reference, throttle: wire.throttle }), {
  body: consoleLoginRequestSchema,
  handle: async ({ body, deps, clientId }) => ({ body: await loginOfficial(deps, body, clientId) }),
});
