import { consoleActionSchema, PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { runConsoleAction } from '../../services/console/workspace';

/** POST /api/console/cases/{caseNo}/actions { action, expectedVersion, … } */
export const handler = httpRoute(wire.inject({ ...wire.officialAuthDeps(), ...wire.caseWorkDeps(), storage: wire.storage, uploads: wire.uploads }), {
  params: { caseNo: PATH_PARAMS.caseNo },
  auth: officialIn(['intake', 'handler', 'supervisor']),
  body: consoleActionSchema,
  handle: async (input) => ({ body: await runConsoleAction(input.deps, input.auth, input.pathParam('caseNo'), input.body, input.client) }),
});
