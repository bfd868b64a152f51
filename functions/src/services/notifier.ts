import { OUTBOX_SHARDS, inboxKey } from '@minsheng/shared';
import type { OutboxItem } from '../ports/case-store';
import type { Deps } from './deps';

export interface DeliveryResult {
  inbox: number;
  wechat: number;
  /** Citizen notifications for cases whose citizen did not subscribe (or WeChat is not configured). */
  notSubscribed: number;
  /** Left in the outbox for the next run. */
  failed: number;
}

/**
 * Deliver the outbox: officials' notifications into their inbox, citizens' as WeChat
 * subscription messages. At least once: an item leaves the outbox only after delivery. Idempotent:
 * inbox items are keyed by the outbox id, and a WeChat message already marked sent is not sent
 * again (a crash between sending and marking can repeat one message; nothing is lost).
 */
export async function deliverNotifications(deps: Deps, options: { limit?: number } = {}): Promise<DeliveryResult> {
  const result: DeliveryResult = { inbox: 0, wechat: 0, notSubscribed: 0, failed: 0 };
  const shards = await Promise.all(Array.from({ length: OUTBOX_SHARDS }, (_, shard) => deps.store.listOutbox(shard, options.limit ?? 200)));
  for (const item of shards.flat()) {
    try {
      await deliver(deps, item, result);
      await deps.store.deleteOutbox(item);
    } catch (error) {
      result.failed++;
      console.error(JSON.stringify({ level: 'warn', msg: 'notification not delivered; will retry', id: item.id, error: String(error) }));
    }
  }
  return result;
}

async function deliver(deps: Deps, item: OutboxItem, result: DeliveryResult): Promise<void> {
  const key = inboxKey(item.audience);
  if (key) {
    await deps.store.putInboxItem({ id: item.id, inboxKey: key, at: item.createdAt, kind: item.kind, caseNo: item.caseNo, title: item.title, body: item.body });
    result.inbox++;
    return;
  }
  const c = await deps.store.getCase(item.caseNo);
  const templateId = deps.wechatTemplateId;
  if (!c?.subscription || !deps.wechat || !templateId || !c.subscription.templateIds.includes(templateId)) {
    result.notSubscribed++;
    return;
  }
  if (await deps.store.weChatSent(item.id)) return;
  await deps.wechat.sendSubscribeMessage({
    openid: c.subscription.openid,
    templateId,
    page: `pages/case/index?caseNo=${c.caseNo}`,
    // Subscription-message fields are short: thing ≤ 20 characters, phrase ≤ 5.
    data: {
      character_string1: { value: c.caseNo },
      thing2: { value: Array.from(item.title).slice(0, 20).join('') },
      thing3: { value: Array.from(item.body).slice(0, 20).join('') },
    },
  });
  await deps.store.markWeChatSent(item.id, new Date().toISOString());
  result.wechat++;
}
