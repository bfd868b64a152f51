import { PATH_PARAMS, attachmentUrlQuerySchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { attachmentUrl } from '../../services/console/attachments';
import { officialIn } from '../auth';

/** GET /api/console/cases/{caseNo}/attachments/{attachmentId}[?thumb=1] → a five-minute link; the view is audited (attachment_viewed). */
export const handler = httpRoute(wire.inject({ ...wire.officialAuthDeps(), cases: wire.cases, storage: wire.storage, reference: wire.reference }), {
  params: { caseNo: PATH_PARAMS.caseNo, attachmentId: PATH_PARAMS.attachmentId },
  auth: officialIn(['intake', 'handler', 'supervisor']),
  query: attachmentUrlQuerySchema,
  handle: async (input) => ({
    body: await attachmentUrl(input.deps, input.auth, input.pathParam('caseNo'), input.pathParam('attachmentId'), input.query.thumb === '1', input.client),
  }),
});
