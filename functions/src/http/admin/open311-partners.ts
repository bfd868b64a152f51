import { open311PartnerInputSchema, PATH_PARAMS } from '@minsheng/shared';
import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { officialIn } from '../auth';
import { disablePartner, issuePartner, listPartners } from '../../services/open311/partners';

const deps = wire.inject({ ...wire.officialAuthDeps(), open311Partners: wire.open311Partners, open311Key: wire.open311Key });

/** GET /api/console/admin/open311-partners — the partners, never their keys. */
export const list = httpRoute(deps, {
  auth: officialIn(['admin']),
  handle: async (input) => ({ body: { items: await listPartners(input.deps, input.auth) } }),
});

/** POST /api/console/admin/open311-partners — issue a partner its api_key, shown this once. */
export const create = httpRoute(deps, {
  auth: officialIn(['admin']),
  body: open311PartnerInputSchema,
  handle: async (input) => ({ status: 201, body: await issuePartner(input.deps, input.auth, input.body) }),
});

/** POST /api/console/admin/open311-partners/{partnerId}/disable — its key is refused (403) from then on. */
export const disable = httpRoute(deps, {
  params: { partnerId: PATH_PARAMS.partnerId },
  auth: officialIn(['admin']),
  handle: async (input) => ({ body: await disablePartner(input.deps, input.auth, input.pathParam('partnerId')) }),
});
