import { DomainError, uploadRequestSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { countUploadRequest } from '../../services/evidence/throttle';
import { requestUpload } from '../../services/evidence/uploads';
import { optionalCitizen } from '../auth';

/**
 * POST /api/uploads { purpose: 'filing' | 'supplement', contentType } → 201 a presigned POST.
 * A filing's needs no token (the case does not exist yet; throttled per client) and answers an
 * uploadToken; a supplement's needs the case's token.
 */
export const handler = httpRoute(wire.inject({ ...wire.evidenceDeps(), ...wire.citizenAuthDeps(), throttle: wire.throttle }), {
  auth: optionalCitizen,
  body: uploadRequestSchema,
  handle: async ({ deps, auth: caseNo, body, clientId }) => {
    if (body.purpose === 'supplement' && !caseNo) throw new DomainError('UNAUTHENTICATED', { message: '补充材料的附件请先登录案件后上传' });
    if (body.purpose === 'filing') await countUploadRequest(deps, clientId);
    return { status: 201, body: await requestUpload(deps, body.purpose, body.contentType, body.purpose === 'filing' ? 'filing' : { caseNo: caseNo! }) };
  },
});

