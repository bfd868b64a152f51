import { publishConsentRequestSchema } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { citizenCaseNo } from '../auth';
import { setPublishConsent } from '../../services/library/publish-consent';

/** POST /api/track/case/publish-consent (citizen token) { consent } — a consultation's citizen changes their mind; withdrawing takes a published answer down. */
export const handler = httpRoute(wire.inject({ ...wire.caseWorkDeps(), ...wire.citizenAuthDeps(), library: wire.library, librarySearch: wire.librarySearch, storage: wire.storage }), {
  auth: citizenCaseNo,
  body: publishConsentRequestSchema,
  handle: async (input) => ({ body: await setPublishConsent(input.deps, input.auth, input.body.consent, input.client) }),
});
