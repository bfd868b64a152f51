import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { DeleteItemCommand } from 'dynamodb-toolbox/entity/actions/delete';
import { UpdateItemCommand, $add } from 'dynamodb-toolbox/entity/actions/update';
import { PutTransaction } from 'dynamodb-toolbox/entity/actions/transactPut';
import { DeleteTransaction } from 'dynamodb-toolbox/entity/actions/transactDelete';
import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import type { EventKind } from '@minsheng/shared';
import { INBOX_RETENTION_DAYS, type DeadLetter, type NotificationStore, type OutboxItem } from '../../ports/notifications';
import { notificationEntities } from './entities';
import { conditionFailedAt, isConditionFailed, ON_CONFLICT_ONLY, retryTransaction, type WriteTransaction } from './errors';
import { key } from './keys';
import { LATEST, type MinshengTable } from './table';

/** A sent WeChat message's record (and an expired claim) is kept 30 days: long after any retry. */
const WECHAT_SENT_TTL_SECONDS = 30 * 24 * 3600;

/** The outbox item a dead letter was (and is again when replayed): without its failure record. */
function asOutboxItem({ id, shard, createdAt, audience, kind, caseNo, title, body }: OutboxItem): OutboxItem {
  return { id, shard, createdAt, audience, kind, caseNo, title, body };
}

/** The outbox (sharded) and its dead letters, officials' inboxes (one partition each, newest first) and WeChat send claims. */
export function createDynamoNotificationStore(table: MinshengTable): NotificationStore {
  const { OutboxEntity, DeadLetterEntity, InboxEntity, SentEntity, WeChatCreditsEntity, InboxReadEntity } = notificationEntities(table);
  const ttlFrom = (now: Date) => Math.floor(now.getTime() / 1000) + WECHAT_SENT_TTL_SECONDS;

  /**
   * Move an item between the outbox and the dead letters: delete it where it is (conditioned on it
   * still being there) and put it where it goes, in one transaction. Of two runs moving the same
   * item, one moves it and the other learns it is gone (false).
   */
  async function moveOnce(remove: WriteTransaction, put: WriteTransaction): Promise<boolean> {
    try {
      await retryTransaction(() => execute(remove, put), ON_CONFLICT_ONLY);
      return true;
    } catch (error) {
      if (conditionFailedAt(error, 0)) return false;
      throw error;
    }
  }

  return {
    async listOutbox(shard, limit) {
      const result = await table.build(QueryCommand).entities(OutboxEntity).query({ partition: key.outboxPartition(shard) }).options({ limit }).send();
      return (result.Items ?? []).map((o) => ({ ...o, kind: o.kind as EventKind }));
    },

    async deleteOutbox(item) {
      await OutboxEntity.build(DeleteItemCommand).key({ shard: item.shard, createdAt: item.createdAt, id: item.id }).send();
    },

    async recordFailedAttempt(item, { error, retryAt }) {
      try {
        const { Attributes } = await OutboxEntity.build(UpdateItemCommand)
          .item({ shard: item.shard, createdAt: item.createdAt, id: item.id, attempts: $add(1), retryAt, lastError: error })
          .options({ condition: { attr: 'id', exists: true }, returnValues: 'UPDATED_NEW' })
          .send();
        return Attributes?.attempts ?? 1;
      } catch (e) {
        if (isConditionFailed(e)) return undefined;
        throw e;
      }
    },

    async moveToDeadLetter(item, { attempts, lastError, deadAt }) {
      return moveOnce(
        OutboxEntity.build(DeleteTransaction).key({ shard: item.shard, createdAt: item.createdAt, id: item.id }).options({ condition: { attr: 'id', exists: true } }),
        DeadLetterEntity.build(PutTransaction).item({ ...asOutboxItem(item), attempts, lastError, deadAt }),
      );
    },

    async listDeadLetters(limit) {
      const result = await table.build(QueryCommand).entities(DeadLetterEntity).query({ partition: key.deadLetters }).options({ limit }).send();
      return (result.Items ?? []).map((d): DeadLetter => ({ ...d, kind: d.kind as EventKind }));
    },

    async replayDeadLetter(id) {
      const { Item } = await DeadLetterEntity.build(GetItemCommand).key({ id }).options(LATEST).send();
      if (!Item) return undefined;
      const item = asOutboxItem({ ...Item, kind: Item.kind as EventKind });
      const moved = await moveOnce(DeadLetterEntity.build(DeleteTransaction).key({ id }).options({ condition: { attr: 'id', exists: true } }), OutboxEntity.build(PutTransaction).item(item));
      return moved ? item : undefined;
    },

    async putInboxItem(item) {
      try {
        const ttl = Math.floor(Date.parse(item.at) / 1000) + INBOX_RETENTION_DAYS * 86_400;
        await InboxEntity.build(PutItemCommand).item({ ...item, ttl }).options({ condition: { attr: 'id', exists: false } }).send();
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async listInbox(inboxKeys, limit, now) {
      const pages = await Promise.all(
        inboxKeys.map((k) => table.build(QueryCommand).entities(InboxEntity).query({ partition: key.inboxPartition(k) }).options({ limit, reverse: true }).send()),
      );
      // Expired but not yet deleted (TTL deletes lazily): not shown, so the unread count does not
      // change when DynamoDB gets round to it. Expired ones are the oldest: the newest `limit` stay.
      const nowSeconds = Math.floor(now.getTime() / 1000);
      return pages
        .flatMap((p) => p.Items ?? [])
        .filter((i) => i.ttl === undefined || i.ttl > nowSeconds)
        .map(({ ttl: _ttl, ...i }) => ({ ...i, kind: i.kind as EventKind }))
        .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
        .slice(0, limit);
    },

    async getInboxReadUpTo(username) {
      const { Item } = await InboxReadEntity.build(GetItemCommand).key({ username }).options(LATEST).send();
      return Item?.readUpTo;
    },

    async markInboxRead(username, upTo) {
      try {
        // Only ever forward: a slower request with an older mark changes nothing.
        await InboxReadEntity.build(PutItemCommand)
          .item({ username, readUpTo: upTo })
          .options({ condition: { or: [{ attr: 'readUpTo', exists: false }, { attr: 'readUpTo', lt: upTo }] } })
          .send();
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    },

    async claimSend(channel, id, now, leaseMs) {
      try {
        await SentEntity.build(PutItemCommand)
          .item({ channel, id, status: 'sending', leaseUntil: now.getTime() + leaseMs, at: now.toISOString(), ttl: ttlFrom(now) })
          .options({ condition: { or: [{ attr: 'id', exists: false }, { and: [{ attr: 'status', eq: 'sending' }, { attr: 'leaseUntil', lt: now.getTime() }] }] } })
          .send();
        return 'claimed';
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
        const { Item } = await SentEntity.build(GetItemCommand).key({ channel, id }).options(LATEST).send();
        return Item?.status === 'sent' ? 'sent' : 'busy';
      }
    },

    async markSent(channel, id, now) {
      await SentEntity.build(PutItemCommand).item({ channel, id, status: 'sent', leaseUntil: 0, at: now.toISOString(), ttl: ttlFrom(now) }).send();
    },

    async releaseSend(channel, id) {
      await SentEntity.build(DeleteItemCommand).key({ channel, id }).options({ condition: { attr: 'status', eq: 'sending' } }).send().catch(() => undefined);
    },

    async addWeChatCredits(caseNo, delta) {
      const { Attributes } = await WeChatCreditsEntity.build(UpdateItemCommand).item({ caseNo, credits: $add(delta) }).options({ returnValues: 'UPDATED_NEW' }).send();
      return Attributes?.credits ?? delta;
    },

    async consumeWeChatCredit(caseNo) {
      try {
        await WeChatCreditsEntity.build(UpdateItemCommand).item({ caseNo, credits: $add(-1) }).options({ condition: { attr: 'credits', gt: 0 } }).send();
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async getWeChatCredits(caseNo) {
      const { Item } = await WeChatCreditsEntity.build(GetItemCommand).key({ caseNo }).options(LATEST).send();
      return Item?.credits ?? 0;
    },
  };
}
