import { publishRequestSchema, PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { publishAnswer } from '../../services/library/publication';

/** POST /api/console/cases/{caseNo}/publish { title?, question, answer, tags? } — 201 first time, 200 when replacing. */
export const handler = httpRoute(wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, reference: wire.reference, library: wire.library, librarySearch: wire.librarySearch }), {
  params: { caseNo: PATH_PARAMS.caseNo },
  auth: officialIn(['intake', 'supervisor']),
  body: publishRequestSchema,
  handle: async (input) => {
    const { created, response } = await publishAnswer(input.deps, input.auth, input.pathParam('caseNo'), input.body, input.client);
    return { status: created ? 201 : 200, body: response };
  },
});
