import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { consoleOfficial } from '../auth';
import { queuesFor } from '../../services/console/queues';
import { toOfficialDto } from '../../services/auth/officials';

/** GET /api/console/me — who is logged in, and which queues they work from. */
export const handler = httpRoute(wire.inject({ ...wire.officialAuthDeps(), reference: wire.reference }), {
  auth: consoleOfficial,
  handle: async (input) => {
    const official = input.auth;
    const [departments, units] = await Promise.all([input.deps.reference.listDepartments(), input.deps.reference.listUnits()]);
    return { body: { official: toOfficialDto(official, departments, units), queues: queuesFor(official.role) } };
  },
});
