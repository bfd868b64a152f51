import { caseDetailQuerySchema } from '@minsheng/shared';
import { consoleOfficial, httpRoute } from '../../lib/http';
import { getConsoleCase } from '../../services/console-cases';

/** GET /api/console/cases/{caseNo}[?reveal=1] */
export const handler = httpRoute({
  auth: consoleOfficial,
  query: caseDetailQuerySchema,
  handle: async (input) => {
    const reveal = input.query.reveal === '1' || input.query.reveal === 'true';
    return { body: await getConsoleCase(input.deps, input.auth, input.pathParam('caseNo'), reveal, input.client) };
  },
});
