import { caseSearchQuerySchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { searchCases } from '../../services/console/search';

/** GET /api/console/search?caseNo=|phone=|q=&from=&to=&cursor=&limit= */
export const handler = httpRoute(
  wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, caseSearch: wire.caseSearch, reference: wire.reference, ...wire.slaSettingsDeps() }),
  {
    auth: officialIn(['intake', 'handler', 'supervisor']),
    query: caseSearchQuerySchema,
    handle: async (input) => ({ body: await searchCases(input.deps, input.auth, input.query) }),
  },
);
