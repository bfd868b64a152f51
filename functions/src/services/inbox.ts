import { formatShanghaiIso } from '@minsheng/shared';
import type { OfficialContext } from './console-auth';
import type { Deps } from './deps';

/** Which inboxes an official reads: a handler their department's; others their role's (severe escalations go to the supervising authority, read by supervisors and admins). */
export function inboxKeysFor(viewer: OfficialContext): string[] {
  switch (viewer.role) {
    case 'handler':
      return [`DEPT#${viewer.departmentId}`];
    case 'intake':
      return ['ROLE#intake'];
    case 'supervisor':
      return ['ROLE#supervisor', 'ROLE#authority'];
    case 'admin':
      return ['ROLE#authority'];
  }
}

export async function listInbox(deps: Deps, viewer: OfficialContext, limit = 50) {
  const items = await deps.store.listInbox(inboxKeysFor(viewer), Math.min(Math.max(limit, 1), 200));
  return { items: items.map(({ inboxKey: _k, ...item }) => ({ ...item, at: formatShanghaiIso(new Date(item.at)) })) };
}
