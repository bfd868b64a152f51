import { PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { completeUpload, uploadOwner } from '../../services/evidence/uploads';
import { officialIn } from '../auth';

/** POST /api/console/uploads/{uploadId}/complete → the file sanitised, ready to attach (the official's own uploads only). */
export const handler = httpRoute(wire.inject({ ...wire.officialAuthDeps(), ...wire.evidenceDeps(), sanitiser: wire.sanitiser }), {
  auth: officialIn(['intake', 'handler', 'supervisor']),
  params: { uploadId: PATH_PARAMS.uploadId },
  handle: async ({ deps, auth, pathParam }) => ({ body: await completeUpload(deps, pathParam('uploadId'), uploadOwner.official(auth.username)) }),
});
