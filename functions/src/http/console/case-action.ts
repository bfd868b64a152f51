import { consoleActionSchema } from '@minsheng/shared';
import { consoleOfficial, httpRoute } from '../../lib/http';
import { runConsoleAction } from '../../services/console-cases';

/** POST /api/console/cases/{caseNo}/actions { action, expectedVersion, … } */
export const handler = httpRoute({
  auth: consoleOfficial,
  body: consoleActionSchema,
  handle: async (input) => ({ body: await runConsoleAction(input.deps, input.auth, input.pathParam('caseNo'), input.body, input.client) }),
});
