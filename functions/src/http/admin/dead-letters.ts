import { PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { listDeadLetters, replayDeadLetter } from '../../services/notifications/dead-letters';

const deps = wire.inject({ ...wire.officialAuthDeps(), notifications: wire.notifications });

/** GET /api/console/admin/dead-letters — notifications given up on after repeated failed deliveries (admin). */
export const list = httpRoute(deps, {
  auth: officialIn(['admin']),
  handle: async (input) => ({ body: { items: await listDeadLetters(input.deps, input.auth) } }),
});

/** POST /api/console/admin/dead-letters/{id}/replay — back into the outbox, attempts reset (admin). */
export const replay = httpRoute(deps, {
  auth: officialIn(['admin']),
  params: { id: PATH_PARAMS.outboxId },
  handle: async (input) => ({ body: await replayDeadLetter(input.deps, input.auth, input.pathParam('id')) }),
});
