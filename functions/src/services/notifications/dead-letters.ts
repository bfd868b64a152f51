import { DomainError, type Audience, type EventKind } from '@minsheng/shared';
import { logger } from '../../lib/log';
import { requireRole, type OfficialContext } from '../auth/officials';
import type { Deps } from '../deps';

/** Admins look at the notifications given up on and put them back into the outbox. */
export type DeadLetterDeps = Pick<Deps, 'notifications'>;

/** A dead letter as an admin sees it: what, for whom, how often it failed and why (not the message text). */
export interface DeadLetterView {
  id: string;
  kind: EventKind;
  audience: Audience;
  caseNo: string;
  title: string;
  createdAt: string;
  attempts: number;
  lastError: string;
  deadAt: string;
}

export async function listDeadLetters(deps: DeadLetterDeps, viewer: OfficialContext, limit = 200): Promise<DeadLetterView[]> {
  requireRole(viewer, ['admin']);
  const items = await deps.notifications.listDeadLetters(limit);
  return items.map(({ id, kind, audience, caseNo, title, createdAt, attempts, lastError, deadAt }) => ({ id, kind, audience, caseNo, title, createdAt, attempts, lastError, deadAt }));
}

/**
 * Put a dead letter back into the outbox with its attempts reset: the next notifier run (within a
 * minute) delivers it, and it may be dead-lettered again after as many failures. 404 when there is none.
 */
export async function replayDeadLetter(deps: DeadLetterDeps, viewer: OfficialContext, id: string): Promise<{ id: string; replayed: true }> {
  requireRole(viewer, ['admin']);
  const item = await deps.notifications.replayDeadLetter(id);
  if (!item) throw new DomainError('NOT_FOUND');
  logger.info('dead letter replayed', { outboxId: id, kind: item.kind, by: viewer.username });
  return { id, replayed: true };
}
