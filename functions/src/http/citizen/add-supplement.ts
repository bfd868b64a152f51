import { supplementRequestSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { addSupplement } from '../../services/citizen/tracked-case';
import { citizenCaseNo } from '../auth';

/** POST /api/track/case/supplements (citizen token) { content, attachments?: [{ uploadId }] } */
export const handler = httpRoute(wire.inject({ ...wire.caseWorkDeps(), ...wire.citizenAuthDeps(), storage: wire.storage, uploads: wire.uploads }), {
  auth: citizenCaseNo,
  body: supplementRequestSchema,
  handle: async (input) => ({
    status: 201,
    body: await addSupplement(input.deps, input.auth, input.body.content, input.client, input.body.attachments),
  }),
});
