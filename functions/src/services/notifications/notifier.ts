import { OUTBOX_SHARDS, inboxKey, messagePage } from '@minsheng/shared';
import { emfMetric, logger } from '../../lib/log';
import type { OutboxItem } from '../../ports/notifications';
import type { Deps } from '../deps';

export type NotifierDeps = Pick<Deps, 'notifications' | 'cases' | 'wechat' | 'wechatTemplateId' | 'now'>;

export interface DeliveryResult {
  inbox: number;
  wechat: number;
  /** Being sent by another run right now: left in the outbox for it. */
  busy: number;
  /** Citizen notifications for cases whose citizen did not subscribe (or WeChat is not configured). */
  notSubscribed: number;
  /** Failed this time: left in the outbox for a later run (see retryDelayMs). */
  failed: number;
  /** Failed before and not yet due for another try: left alone this run. */
  deferred: number;
  /** Failed for the MAX_DELIVERY_ATTEMPTS-th time this run: moved to the dead letters. */
  deadLettered: number;
}

/** Deliveries of one notification before it is given up on and dead-lettered. */
export const MAX_DELIVERY_ATTEMPTS = 10;

/** The custom metric (CloudWatch EMF, namespace Minsheng) the dead-letter alarm watches. */
export const DEAD_LETTER_METRIC = 'NotificationsDeadLettered';

/**
 * How long to wait after the `attempts`-th failure: 1, 2, 4 … minutes, at most an hour. Ten attempts
 * span about four hours (1+2+4+8+16+32+60+60+60 minutes), so a WeChat outage of a few hours delays
 * messages without losing any; only a notification that fails all that time is dead-lettered.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(2 ** Math.max(attempts - 1, 0), 60) * 60_000;
}

/**
 * Deliver the outbox: officials' notifications into their inbox, citizens' as WeChat
 * subscription messages. At least once: an item leaves the outbox only after delivery. Idempotent:
 * inbox items are keyed by the outbox id; a WeChat message is claimed (with a lease) before it is
 * sent, so overlapping runs (the sweep delivers, and so does the notifier every minute) send it
 * once; a sender that crashes mid-send loses its claim when the lease ends, and the next run sends.
 *
 * A failed delivery is counted on the item, which is tried again after a growing delay; after
 * `maxAttempts` failures it moves to the dead letters (with its removal from the outbox, in one
 * transaction, so it happens once however many runs overlap), is logged at error level with the
 * NotificationsDeadLettered metric, and is no longer tried. An operator replays it (README, Runbook).
 */
export async function deliverNotifications(deps: NotifierDeps, options: { limit?: number; maxAttempts?: number } = {}): Promise<DeliveryResult> {
  const result: DeliveryResult = { inbox: 0, wechat: 0, busy: 0, notSubscribed: 0, failed: 0, deferred: 0, deadLettered: 0 };
  const maxAttempts = options.maxAttempts ?? MAX_DELIVERY_ATTEMPTS;
  const now = deps.now();
  const shards = await Promise.all(Array.from({ length: OUTBOX_SHARDS }, (_, shard) => deps.notifications.listOutbox(shard, options.limit ?? 200)));
  for (const item of shards.flat()) {
    if (item.retryAt && item.retryAt > now.toISOString()) {
      result.deferred++;
      continue;
    }
    try {
      if ((await deliver(deps, item, result)) === 'done') await deps.notifications.deleteOutbox(item);
    } catch (error) {
      await failed(deps, item, error, now, maxAttempts, result);
    }
  }
  return result;
}

async function failed(deps: NotifierDeps, item: OutboxItem, error: unknown, now: Date, maxAttempts: number, result: DeliveryResult): Promise<void> {
  result.failed++;
  // The error's own words only (WeChat's errcode and errmsg, a network error): never the message sent.
  const lastError = String(error instanceof Error ? error.message : error).slice(0, 500);
  const attempts = await deps.notifications.recordFailedAttempt(item, { error: lastError, retryAt: new Date(now.getTime() + retryDelayMs((item.attempts ?? 0) + 1)).toISOString() });
  if (attempts === undefined) return; // delivered by another run meanwhile
  const about = { outboxId: item.id, kind: item.kind, audience: item.audience.kind, attempts };
  if (attempts < maxAttempts) {
    logger.warn('notification not delivered; will retry', { ...about, error: lastError });
    return;
  }
  if (!(await deps.notifications.moveToDeadLetter(item, { attempts, lastError, deadAt: now.toISOString() }))) return;
  result.deadLettered++;
  logger.error('notification dead-lettered after repeated failures', { ...about, error: lastError, ...emfMetric(DEAD_LETTER_METRIC, 1) });
}

/** A claim outlives any send: WeChat answers in well under a minute. */
const SEND_LEASE_MS = 60_000;

async function deliver(deps: NotifierDeps, item: OutboxItem, result: DeliveryResult): Promise<'done' | 'busy'> {
  const key = inboxKey(item.audience);
  if (key) {
    await deps.notifications.putInboxItem({ id: item.id, inboxKey: key, at: item.createdAt, kind: item.kind, caseNo: item.caseNo, title: item.title, body: item.body });
    result.inbox++;
    return 'done';
  }
  const c = await deps.cases.getCase(item.caseNo);
  const templateId = deps.wechatTemplateId;
  const wechat = deps.wechat;
  if (!c?.subscription || !wechat || !templateId || !c.subscription.templateIds.includes(templateId)) {
    result.notSubscribed++;
    return 'done';
  }
  const claim = await deps.notifications.claimWeChatSend(item.id, new Date(), SEND_LEASE_MS);
  if (claim === 'sent') return 'done';
  if (claim === 'busy') {
    result.busy++;
    return 'busy';
  }
  try {
    await send(wechat, c.caseNo, c.subscription.openid, templateId, item);
  } catch (error) {
    await deps.notifications.releaseWeChatSend(item.id);
    throw error;
  }
  await deps.notifications.markWeChatSent(item.id, new Date());
  result.wechat++;
  return 'done';
}

async function send(wechat: NonNullable<NotifierDeps['wechat']>, caseNo: string, openid: string, templateId: string, item: OutboxItem): Promise<void> {
  await wechat.sendSubscribeMessage({
    openid,
    templateId,
    // The case page, from the one table of mini-program pages (it asks for the password, or uses a session).
    page: messagePage('caseDetail', { caseNo }),
    // Subscription-message fields are short: thing ≤ 20 characters, phrase ≤ 5.
    data: {
      character_string1: { value: caseNo },
      thing2: { value: Array.from(item.title).slice(0, 20).join('') },
      thing3: { value: Array.from(item.body).slice(0, 20).join('') },
    },
  });
}
