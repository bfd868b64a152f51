import { consoleOfficial, httpRoute } from '../../lib/http';
import { queuesFor } from '../../services/console-cases';

/** GET /api/console/me — who is logged in, and which queues they work from. */
export const handler = httpRoute({
  auth: consoleOfficial,
  handle: async (input) => {
    const official = input.auth;
    const department = official.departmentId ? (await input.deps.store.listDepartments()).find((d) => d.id === official.departmentId) : undefined;
    return { body: { official: { ...official, ...(department ? { departmentName: department.name } : {}) }, queues: queuesFor(official.role) } };
  },
});
