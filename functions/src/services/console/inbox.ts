import { formatShanghaiIso, inboxKey, type Audience, type InboxResponse } from '@minsheng/shared';
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

/**
 * This official's messages, newest first, each marked read when at or before how far they have read
 * (their own mark: a department's handlers share the messages, not what each has read). Messages
 * expire INBOX_RETENTION_DAYS after they were sent and are then neither listed nor counted; the mark
 * is a moment, not a message, so it stays right when old messages go.
 */
export async function listInbox(deps: Pick<Deps, 'notifications' | 'now'>, viewer: OfficialContext, limit = 50): Promise<InboxResponse> {
  const [items, readUpTo] = await Promise.all([
    deps.notifications.listInbox(inboxKeysFor(viewer), Math.min(Math.max(limit, 1), 200), deps.now()),
    deps.notifications.getInboxReadUpTo(viewer.username),
  ]);
  const read = (at: string) => readUpTo !== undefined && Date.parse(at) <= Date.parse(readUpTo);
  const out = items.map(({ inboxKey: _k, ...item }) => ({ ...item, at: formatShanghaiIso(new Date(item.at)), read: read(item.at) }));
  return { items: out, unread: out.filter((i) => !i.read).length };
}

/** Mark this official's messages read up to `upTo` (never later than now, never backwards); the inbox as it is then. */
export async function markInboxRead(deps: Pick<Deps, 'notifications' | 'now'>, viewer: OfficialContext, upTo: string): Promise<InboxResponse> {
  const at = Math.min(Date.parse(upTo), deps.now().getTime());
  await deps.notifications.markInboxRead(viewer.username, new Date(at).toISOString());
  return listInbox(deps, viewer);
}
