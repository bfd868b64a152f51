import { formatShanghaiIso, inboxKey, type Audience } from '@minsheng/shared';
import type { OfficialContext } from '../auth/officials';
import type { Deps } from '../deps';

/** Which inboxes an official reads: a handler their department's; others their role's (severe escalations go to the supervising authority, read by supervisors and admins). */
export function inboxKeysFor(viewer: OfficialContext): string[] {
  const keys = (audiences: Audience[]) => audiences.map((a) => inboxKey(a)!);
  switch (viewer.role) {
    case 'handler':
      return keys([{ kind: 'department', departmentId: viewer.departmentId! }]);
    case 'intake':
      return keys([{ kind: 'role', role: 'intake' }]);
    case 'supervisor':
      return keys([{ kind: 'role', role: 'supervisor' }, { kind: 'role', role: 'authority' }]);
    case 'admin':
      return keys([{ kind: 'role', role: 'authority' }]);
  }
}

export async function listInbox(deps: Pick<Deps, 'notifications'>, viewer: OfficialContext, limit = 50) {
  const items = await deps.notifications.listInbox(inboxKeysFor(viewer), Math.min(Math.max(limit, 1), 200));
  return { items: items.map(({ inboxKey: _k, ...item }) => ({ ...item, at: formatShanghaiIso(new Date(item.at)) })) };
}
