import { PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { publicationPreview } from '../../services/library/publication';

/** GET /api/console/cases/{caseNo}/publication-preview — intake, supervisor: the anonymised Q&A as it would be published. */
export const handler = httpRoute(wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, reference: wire.reference, library: wire.library, librarySearch: wire.librarySearch }), {
  params: { caseNo: PATH_PARAMS.caseNo },
  auth: officialIn(['intake', 'supervisor']),
  handle: async (input) => ({ body: await publicationPreview(input.deps, input.auth, input.pathParam('caseNo')) }),
});
