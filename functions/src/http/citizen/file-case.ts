import { fileCaseRequestSchema } from '@minsheng/shared';
import { httpRoute } from '../../lib/http';
import { fileCase } from '../../services/case-filing';

/** POST /api/cases — honours Idempotency-Key: a retry returns the same case and credentials. */
export const handler = httpRoute({
  body: fileCaseRequestSchema,
  handle: async ({ body, deps, header, client }) => {
    const { response, replayed } = await fileCase(deps, body, header('idempotency-key'), client);
    const headers: Record<string, string> = replayed ? { 'Idempotent-Replayed': 'true' } : {};
    return { status: 201, body: response, headers };
  },
});
