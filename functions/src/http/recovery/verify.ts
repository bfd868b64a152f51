import { recoveryVerifyRequestSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { verifyRecoveryCode } from '../../services/citizen/recovery';

/** POST /api/recovery/verify { phone, code } → 200 { token, expiresAt }: a "me" session via the phone. */
export const handler = httpRoute(
  wire.inject(wire.recoveryDeps()),
  {
    body: recoveryVerifyRequestSchema,
    handle: async ({ body, deps, clientId }) => ({ body: await verifyRecoveryCode(deps, body.phone, body.code, clientId) }),
  },
);
