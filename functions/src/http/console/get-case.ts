import { caseDetailQuerySchema, PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { getConsoleCase } from '../../services/console/workspace';

/** GET /api/console/cases/{caseNo}[?reveal=1] */
export const handler = httpRoute(wire.inject({ ...wire.officialAuthDeps(), ...wire.caseWorkDeps() }), {
  params: { caseNo: PATH_PARAMS.caseNo },
  auth: officialIn(['intake', 'handler', 'supervisor']),
  query: caseDetailQuerySchema,
  handle: async (input) => {
    const reveal = input.query.reveal === '1' || input.query.reveal === 'true';
    return { body: await getConsoleCase(input.deps, input.auth, input.pathParam('caseNo'), reveal, input.client) };
  },
});
