import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { DeleteItemCommand } from 'dynamodb-toolbox/entity/actions/delete';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import type { EventKind } from '@minsheng/shared';
import type { NotificationStore } from '../../ports/notifications';
import { notificationEntities } from './entities';
import { isConditionFailed } from './errors';
import { key } from './keys';
import { LATEST, type MinshengTable } from './table';

/** A sent WeChat message's record (and an expired claim) is kept 30 days: long after any retry. */
const WECHAT_SENT_TTL_SECONDS = 30 * 24 * 3600;

/** The outbox (sharded), officials' inboxes (one partition each, newest first) and WeChat send claims. */
export function createDynamoNotificationStore(table: MinshengTable): NotificationStore {
  const { OutboxEntity, InboxEntity, WeChatSentEntity } = notificationEntities(table);
  const ttlFrom = (now: Date) => Math.floor(now.getTime() / 1000) + WECHAT_SENT_TTL_SECONDS;

  return {
    async listOutbox(shard, limit) {
      const result = await table.build(QueryCommand).entities(OutboxEntity).query({ partition: key.outboxPartition(shard) }).options({ limit }).send();
      return (result.Items ?? []).map((o) => ({ ...o, kind: o.kind as EventKind }));
    },

    async deleteOutbox(item) {
      await OutboxEntity.build(DeleteItemCommand).key({ shard: item.shard, createdAt: item.createdAt, id: item.id }).send();
    },

    async putInboxItem(item) {
      try {
        await InboxEntity.build(PutItemCommand).item(item).options({ condition: { attr: 'id', exists: false } }).send();
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async listInbox(inboxKeys, limit) {
      const pages = await Promise.all(
        inboxKeys.map((k) => table.build(QueryCommand).entities(InboxEntity).query({ partition: key.inboxPartition(k) }).options({ limit, reverse: true }).send()),
      );
      return pages
        .flatMap((p) => p.Items ?? [])
        .map((i) => ({ ...i, kind: i.kind as EventKind }))
        .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
        .slice(0, limit);
    },

    async claimWeChatSend(id, now, leaseMs) {
      try {
        await WeChatSentEntity.build(PutItemCommand)
          .item({ id, status: 'sending', leaseUntil: now.getTime() + leaseMs, at: now.toISOString(), ttl: ttlFrom(now) })
          .options({ condition: { or: [{ attr: 'id', exists: false }, { and: [{ attr: 'status', eq: 'sending' }, { attr: 'leaseUntil', lt: now.getTime() }] }] } })
          .send();
        return 'claimed';
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
        const { Item } = await WeChatSentEntity.build(GetItemCommand).key({ id }).options(LATEST).send();
        return Item?.status === 'sent' ? 'sent' : 'busy';
      }
    },

    async markWeChatSent(id, now) {
      await WeChatSentEntity.build(PutItemCommand).item({ id, status: 'sent', leaseUntil: 0, at: now.toISOString(), ttl: ttlFrom(now) }).send();
    },

    async releaseWeChatSend(id) {
      await WeChatSentEntity.build(DeleteItemCommand).key({ id }).options({ condition: { attr: 'status', eq: 'sending' } }).send().catch(() => undefined);
    },
  };
}
