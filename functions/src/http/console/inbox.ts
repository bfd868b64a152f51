import { consoleOfficial, httpRoute } from '../../lib/http';
import { listInbox } from '../../services/inbox';

/** GET /api/console/inbox — this official's notifications, newest first. */
export const handler = httpRoute({
  auth: consoleOfficial,
  handle: async (input) => ({ body: await listInbox(input.deps, input.auth) }),
});
