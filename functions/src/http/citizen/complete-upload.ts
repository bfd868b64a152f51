import { DomainError, PATH_PARAMS, completeUploadRequestSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { completeUpload, uploadOwner } from '../../services/evidence/uploads';
import { optionalCitizen } from '../auth';

/**
 * POST /api/uploads/{uploadId}/complete { uploadToken? } → the file sanitised (sniffed, re-encoded,
 * original deleted). A filing's proves itself with its uploadToken, a supplement's with the case token.
 */
export const handler = httpRoute(wire.inject({ ...wire.evidenceDeps(), ...wire.citizenAuthDeps(), sanitiser: wire.sanitiser }), {
  auth: optionalCitizen,
  params: { uploadId: PATH_PARAMS.uploadId },
  body: completeUploadRequestSchema,
  handle: async ({ deps, auth: caseNo, body, pathParam }) => {
    const owner = body.uploadToken ? uploadOwner.filing(body.uploadToken) : caseNo ? uploadOwner.caseNo(caseNo) : undefined;
    if (!owner) throw new DomainError('UNAUTHENTICATED', { message: '请提供上传凭证（uploadToken）或先登录案件' });
    return { body: await completeUpload(deps, pathParam('uploadId'), owner) };
  },
});
