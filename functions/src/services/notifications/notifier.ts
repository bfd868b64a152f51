import { OUTBOX_SHARDS, inboxKey, messagePage } from '@minsheng/shared';
import { logger } from '../../lib/log';
import type { OutboxItem } from '../../ports/notifications';
import type { Deps } from '../deps';

export type NotifierDeps = Pick<Deps, 'notifications' | 'cases' | 'wechat' | 'wechatTemplateId'>;

export interface DeliveryResult {
  inbox: number;
  wechat: number;
  /** Being sent by another run right now: left in the outbox for it. */
  busy: number;
  /** Citizen notifications for cases whose citizen did not subscribe (or WeChat is not configured). */
  notSubscribed: number;
  /** Left in the outbox for the next run. */
  failed: number;
}

/**
 * Deliver the outbox: officials' notifications into their inbox, citizens' as WeChat
 * subscription messages. At least once: an item leaves the outbox only after delivery. Idempotent:
 * inbox items are keyed by the outbox id; a WeChat message is claimed (with a lease) before it is
 * sent, so overlapping runs (the sweep delivers, and so does the notifier every minute) send it
 * once; a sender that crashes mid-send loses its claim when the lease ends, and the next run sends.
 */
export async function deliverNotifications(deps: NotifierDeps, options: { limit?: number } = {}): Promise<DeliveryResult> {
  const result: DeliveryResult = { inbox: 0, wechat: 0, busy: 0, notSubscribed: 0, failed: 0 };
  const shards = await Promise.all(Array.from({ length: OUTBOX_SHARDS }, (_, shard) => deps.notifications.listOutbox(shard, options.limit ?? 200)));
  for (const item of shards.flat()) {
    try {
      if ((await deliver(deps, item, result)) === 'done') await deps.notifications.deleteOutbox(item);
    } catch (error) {
      result.failed++;
      logger.warn('notification not delivered; will retry', { outboxId: item.id, kind: item.kind, audience: item.audience.kind, error: String(error instanceof Error ? error.message : error) });
    }
  }
  return result;
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
