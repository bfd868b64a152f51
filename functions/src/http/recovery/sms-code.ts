import { recoverySmsCodeRequestSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { sendRecoveryCode } from '../../services/citizen/recovery';

/** POST /api/recovery/sms-code { phone } → 202 { expiresInSeconds, resendAfterSeconds }, the same for every phone. */
export const handler = httpRoute(
  wire.inject({ ...wire.recoveryDeps(), sms: wire.sms, smsTemplates: wire.smsTemplates }),
  {
    body: recoverySmsCodeRequestSchema,
    handle: async ({ body, deps, clientId }) => ({ status: 202, body: await sendRecoveryCode(deps, body.phone, clientId) }),
  },
);
