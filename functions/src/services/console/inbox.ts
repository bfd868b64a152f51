import { formatShanghaiIso, inboxKey, roleInboxKey, type Audience, type InboxResponse } from '@minsheng/shared';
import type { OfficialContext } from '../auth/officials';
import type { Deps } from '../deps';

/**
 * Which inboxes an official reads: a handler their department's; others their role's at their own
 * unit (severe escalations go to the supervising authority, read by supervisors and admins). A role's
 * message reaches the case's unit and each ancestor, so one's own unit's inbox is all one reads.
 */
export function inboxKeysFor(viewer: OfficialContext): string[] {
  const keys = (audiences: Audience[]) => audiences.map((a) => inboxKey(a)!);
  const unit = viewer.unitId;
  switch (viewer.role) {
    case 'handler':
      return keys([{ kind: 'department', departmentId: viewer.departmentId! }]);
    case 'intake':
      return [roleInboxKey('intake', unit)];
    case 'supervisor':
      return [roleInboxKey('supervisor', unit), roleInboxKey('authority', unit)];
    case 'admin':
      return [roleInboxKey('authority', unit)];
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
