import * as wire from '../../app/wiring';
import { httpRoute } from '../../lib/http';
import { consoleOfficial } from '../auth';
import { queuesFor } from '../../services/console/queues';

/** GET /api/console/me — who is logged in, and which queues they work from. */
export const handler = httpRoute(wire.inject({ ...wire.officialAuthDeps(), reference: wire.reference }), {
  auth: consoleOfficial,
  handle: async (input) => {
    const official = input.auth;
    const department = official.departmentId ? (await input.deps.reference.listDepartments()).find((d) => d.id === official.departmentId) : undefined;
    return { body: { official: { ...official, ...(department ? { departmentName: department.name } : {}) }, queues: queuesFor(official.role) } };
  },
});
