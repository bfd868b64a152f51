import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { consoleOfficial } from '../auth';
import { listInbox } from '../../services/console/inbox';

/** GET /api/console/inbox — this official's notifications, newest first. */
export const handler = httpRoute(wire.inject({ ...wire.officialAuthDeps(), notifications: wire.notifications }), {
  auth: consoleOfficial,
  handle: async (input) => ({ body: await listInbox(input.deps, input.auth) }),
});
