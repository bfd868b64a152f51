import { fileCaseRequestSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { fileCase } from '../../services/cases/filing';

/** POST /api/cases — honours Idempotency-Key: a retry returns the same case and credentials. */
export const handler = httpRoute(wire.inject(wire.filingDeps()), {
  body: fileCaseRequestSchema,
  handle: async ({ body, deps, header, client }) => {
    const { response, replayed } = await fileCase(deps, body, header('idempotency-key'), client);
    const headers: Record<string, string> = replayed ? { 'Idempotent-Replayed': 'true' } : {};
    return { status: 201, body: response, headers };
  },
});
