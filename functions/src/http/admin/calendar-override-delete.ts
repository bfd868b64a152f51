import { PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminDeleteCalendarOverride } from '../../services/sla/admin';

const deps = wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, queues: wire.queues, ...wire.slaSettingsDeps() });

/** DELETE /api/console/admin/calendar/{date} */
export const handler = httpRoute(deps, {
  params: { date: PATH_PARAMS.date },
  auth: officialIn(['admin']),
  handle: async (input) => ({ body: await adminDeleteCalendarOverride(input.deps, input.auth, input.pathParam('date')) }),
});
