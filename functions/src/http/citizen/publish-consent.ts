import { publishConsentRequestSchema } from '@minsheng/shared';
import { citizenCaseNo, httpRoute } from '../../lib/http';
import { setPublishConsent } from '../../services/library/publish-consent';

/** POST /api/track/case/publish-consent (citizen token) { consent } — a consultation's citizen changes their mind; withdrawing takes a published answer down. */
export const handler = httpRoute({
  auth: citizenCaseNo,
  body: publishConsentRequestSchema,
  handle: async (input) => ({ body: await setPublishConsent(input.deps, input.auth, input.body.consent, input.client) }),
});
