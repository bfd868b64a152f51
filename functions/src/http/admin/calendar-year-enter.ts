import { yearScheduleInputSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { adminEnterYearSchedule } from '../../services/sla/admin';

const deps = wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, queues: wire.queues, ...wire.slaSettingsDeps() });

/** POST /api/console/admin/calendar/years { year, source, holidays: [{ name, daysOff, workdays }], replaceManual? } — a year's official schedule in one step. */
export const handler = httpRoute(deps, {
  auth: officialIn(['admin']),
  body: yearScheduleInputSchema,
  handle: async (input) => ({ body: await adminEnterYearSchedule(input.deps, input.auth, input.body) }),
});
