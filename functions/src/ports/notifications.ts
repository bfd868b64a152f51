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
  /** Failed deliveries so far (absent: none). */
  attempts?: number;
  /** After a failure: not to be tried again before this moment (ISO). */
  retryAt?: string;
  /** The last failure, shortened (never personal data: WeChat's error code and message). */
  lastError?: string;
}

/** A notification given up on after too many failed deliveries: out of the outbox, kept for an operator to inspect and replay. */
export interface DeadLetter extends OutboxItem {
  attempts: number;
  lastError: string;
  deadAt: string;
}

/**
 * How long an inbox message is kept: half a year after it was sent (README, "Officials' inbox"). The
 * inbox is a feed of what happened to cases, not their record (each case's audit trail keeps every
 * step for good); half a year outlasts any case's handling, severe overdue and supervision included.
 */
export const INBOX_RETENTION_DAYS = 180;

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

/** A channel a citizen is messaged by. */
export type SendChannel = 'wechat' | 'sms';

/** The outbox, officials' inboxes and citizens' sends per channel (claimed, so each goes out once). */
export interface NotificationStore {
  listOutbox(shard: number, limit: number): Promise<OutboxItem[]>;
  deleteOutbox(item: OutboxItem): Promise<void>;
  /**
   * Count a failed delivery of `item` (and when to try it next); the attempts counted so far, or
   * undefined when the item has left the outbox meanwhile (another run delivered it).
   */
  recordFailedAttempt(item: OutboxItem, failure: { error: string; retryAt: string }): Promise<number | undefined>;
  /**
   * Move `item` from the outbox to the dead letters in one transaction; false when it has already
   * left the outbox (delivered, or dead-lettered by another run), so each item is dead-lettered once.
   */
  moveToDeadLetter(item: OutboxItem, dead: { attempts: number; lastError: string; deadAt: string }): Promise<boolean>;
  /** Dead letters, oldest first. */
  listDeadLetters(limit: number): Promise<DeadLetter[]>;
  /** Put dead letter `id` back into the outbox with its attempts reset (one transaction); the item, or undefined when there is none. */
  replayDeadLetter(id: string): Promise<OutboxItem | undefined>;
  /** Put an inbox message unless it is already there (deliveries repeat), expiring INBOX_RETENTION_DAYS after its `at`; true when written now. */
  putInboxItem(item: InboxItem): Promise<boolean>;
  /**
   * The newest `limit` messages of these inboxes, newest first; messages past their retention at
   * `now` are left out (DynamoDB's TTL deletes them some hours to days after they expire).
   */
  listInbox(inboxKeys: string[], limit: number, now: Date): Promise<InboxItem[]>;
  /** How far `username` has read their inbox (an item's `at`, ISO UTC); undefined when never. */
  getInboxReadUpTo(username: string): Promise<string | undefined>;
  /** Mark everything up to `upTo` read for `username`; never moves the mark back. */
  markInboxRead(username: string, upTo: string): Promise<void>;
  /**
   * Claim the sending of outbox item `id` by `channel` for `leaseMs`: 'sent' if it already went out
   * by that channel, 'busy' if another run holds an unexpired claim. A crashed sender's claim expires.
   * Each channel is claimed on its own: one channel's failure never re-sends another's.
   */
  claimSend(channel: SendChannel, id: string, now: Date, leaseMs: number): Promise<'claimed' | 'sent' | 'busy'>;
  markSent(channel: SendChannel, id: string, now: Date): Promise<void>;
  releaseSend(channel: SendChannel, id: string): Promise<void>;
  /** Add WeChat subscription credits to a case (one per accepted subscription request); the credits now. */
  addWeChatCredits(caseNo: string, delta: number): Promise<number>;
  /** Take one WeChat credit of a case, atomically; false when none is left. */
  consumeWeChatCredit(caseNo: string): Promise<boolean>;
  getWeChatCredits(caseNo: string): Promise<number>;
}
