import * as wire from '../../app/wiring';
import { open311Route } from '../../lib/open311-http';
import { getRequest, listRequests, listServices, postRequest } from '../../services/open311/requests';

/** GET /open311/v2/services.json|.xml — the categories an Open311 filing can take (no 举报). */
export const services = open311Route(wire.inject({ reference: wire.reference }), async ({ deps }) => ({ root: 'services', item: 'service', rows: await listServices(deps) }));

const readDeps = wire.inject({ reference: wire.reference, cases: wire.cases, publicCases: wire.publicCases, now: wire.clock });

/** GET /open311/v2/requests.json|.xml — the public listing with the spec's filters. */
export const list = open311Route(readDeps, async ({ deps, query }) => ({ root: 'service_requests', item: 'request', rows: await listRequests(deps, query) }));

/** GET /open311/v2/requests/{file} — `<id>.json` or `<id>.xml`: one case's public fields. */
export const get = open311Route(readDeps, async ({ deps, resource }) => ({ root: 'service_requests', item: 'request', rows: await getRequest(deps, resource) }));

/** POST /open311/v2/requests.json|.xml — a partner files for a citizen with its api_key (form-encoded; JSON accepted). */
export const create = open311Route(
  wire.inject({
    ...wire.filingDeps(),
    open311Partners: wire.open311Partners,
    open311Key: wire.open311Key,
  }),
  async ({ deps, form, query, client, header }) => ({
    status: 201,
    root: 'service_requests',
    item: 'request',
    rows: await postRequest(deps, { ...(query.api_key ? { api_key: query.api_key } : {}), ...form }, client, header('idempotency-key')),
  }),
);
