import { PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { findDuplicates } from '../../services/console/duplicates';

/** GET /api/console/cases/{caseNo}/duplicates */
export const handler = httpRoute(
  wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, caseSearch: wire.caseSearch, reference: wire.reference, ...wire.slaSettingsDeps() }),
  {
    params: { caseNo: PATH_PARAMS.caseNo },
    auth: officialIn(['intake', 'supervisor']),
    handle: async (input) => ({ body: await findDuplicates(input.deps, input.auth, input.pathParam('caseNo')) }),
  },
);
