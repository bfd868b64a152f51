import type { Audience, EventKind } from '@minsheng/shared';

/** A notification waiting to be delivered (outbox), written in the same transaction as its change. */
export interface OutboxItem {
  id: string;
  shard: number;
  createdAt: string;
  audience: Audience;
  kind: EventKind;
  caseNo: string;
  title: string;
  body: string;
}

/** A message in an officials' inbox (a department's handlers, or a role). */
export interface InboxItem {
  id: string;
  inboxKey: string;
  at: string;
  kind: EventKind;
  caseNo: string;
  title: string;
  body: string;
}

/** The outbox, officials' inboxes and the WeChat sends (claimed, so each goes out once). */
export interface NotificationStore {
  listOutbox(shard: number, limit: number): Promise<OutboxItem[]>;
  deleteOutbox(item: OutboxItem): Promise<void>;
  /** Put an inbox message unless it is already there (deliveries repeat); true when written now. */
  putInboxItem(item: InboxItem): Promise<boolean>;
  listInbox(inboxKeys: string[], limit: number): Promise<InboxItem[]>;
  /**
   * Claim the sending of WeChat message `id` (an outbox id) for `leaseMs`: 'sent' if it already
   * went out, 'busy' if another run holds an unexpired claim. A crashed sender's claim expires.
   */
  claimWeChatSend(id: string, now: Date, leaseMs: number): Promise<'claimed' | 'sent' | 'busy'>;
  markWeChatSent(id: string, now: Date): Promise<void>;
  releaseWeChatSend(id: string): Promise<void>;
}
