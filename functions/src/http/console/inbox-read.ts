import { inboxReadSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { consoleOfficial } from '../auth';
import { markInboxRead } from '../../services/console/inbox';

/** POST /api/console/inbox/read { upTo } — this official has read their messages up to `upTo`; returns the inbox with its unread count. */
export const handler = httpRoute(wire.inject({ ...wire.officialAuthDeps(), notifications: wire.notifications }), {
  auth: consoleOfficial,
  body: inboxReadSchema,
  handle: async (input) => ({ body: await markInboxRead(input.deps, input.auth, input.body.upTo) }),
});
