import { consoleUploadRequestSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { requestUpload } from '../../services/evidence/uploads';
import { officialIn } from '../auth';

const mayAttach = officialIn(['intake', 'handler', 'supervisor']);

/** POST /api/console/uploads { contentType } → 201 a presigned POST for a file to attach to a reply or a request for information. */
export const handler = httpRoute(wire.inject({ ...wire.officialAuthDeps(), ...wire.evidenceDeps() }), {
  auth: mayAttach,
  body: consoleUploadRequestSchema,
  handle: async ({ deps, auth, body }) => ({ status: 201, body: await requestUpload(deps, 'official', body.contentType, { official: auth.username }) }),
});

