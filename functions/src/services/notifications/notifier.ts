import { OUTBOX_SHARDS, SMS_PROGRESS_PHRASES, addDays, citizenChannels, inboxKeysOf, messagePage, startOfShanghaiDay, toShanghaiDate, type CaseRecord } from '@minsheng/shared';
import { emfMetric, logger } from '../../lib/log';
import type { OutboxItem, SendChannel } from '../../ports/notifications';
import { identityOf, normalisePhone } from '../citizen/identity';
import type { Deps } from '../deps';

export type NotifierDeps = Pick<
  Deps,
  'notifications' | 'cases' | 'wechat' | 'wechatTemplateId' | 'sms' | 'smsTemplates' | 'smsDailyCap' | 'throttle' | 'identityKey' | 'now'
>;

export interface DeliveryResult {
  inbox: number;
  wechat: number;
  /** SMS sent to citizens (the filing's and progress messages). */
  sms: number;
  /** Progress SMS not sent because the phone had its daily cap already (not retried). */
  capped: number;
  /** Being sent by another run right now: left in the outbox for it. */
  busy: number;
  /** Citizen notifications not sent by WeChat: the citizen did not subscribe, has no credit left, or WeChat is not configured. */
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
 * Deliver the outbox: officials' notifications into their inbox, citizens' by each channel their
 * case has (a WeChat subscription message, an SMS). At least once: an item leaves the outbox only after delivery. Idempotent:
 * inbox items are keyed by the outbox id; each channel's message is claimed (with a lease) before it is
 * sent, so overlapping runs (the sweep delivers, and so does the notifier every minute) send it
 * once; a sender that crashes mid-send loses its claim when the lease ends, and the next run sends.
 *
 * A failed delivery is counted on the item, which is tried again after a growing delay; after
 * `maxAttempts` failures it moves to the dead letters (with its removal from the outbox, in one
 * transaction, so it happens once however many runs overlap), is logged at error level with the
 * NotificationsDeadLettered metric, and is no longer tried. An operator replays it (README, Runbook).
 */
export async function deliverNotifications(deps: NotifierDeps, options: { limit?: number; maxAttempts?: number } = {}): Promise<DeliveryResult> {
  const result: DeliveryResult = { inbox: 0, wechat: 0, sms: 0, capped: 0, busy: 0, notSubscribed: 0, failed: 0, deferred: 0, deadLettered: 0 };
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

/** A claim outlives any send: WeChat and Tencent SMS answer in well under a minute. */
const SEND_LEASE_MS = 60_000;

type Outcome = 'done' | 'busy';

async function deliver(deps: NotifierDeps, item: OutboxItem, result: DeliveryResult): Promise<Outcome> {
  const keys = inboxKeysOf(item.audience);
  if (keys.length) {
    // A role's message goes to the case's unit and each ancestor: one item per inbox (≤ 4).
    for (const inboxKey of keys) {
      await deps.notifications.putInboxItem({ id: item.id, inboxKey, at: item.createdAt, kind: item.kind, caseNo: item.caseNo, title: item.title, body: item.body });
    }
    result.inbox++;
    return 'done';
  }
  const c = await deps.cases.getCase(item.caseNo);
  if (!c) {
    result.notSubscribed++;
    return 'done';
  }
  // Every channel the case has, each claimed on its own: a failure of one is retried with the
  // item, and the channel that succeeded is not sent again (its claim says 'sent').
  const outcomes: Outcome[] = [];
  let error: unknown;
  for (const channel of citizenChannels(item.kind)) {
    try {
      outcomes.push(channel === 'wechat' ? await byWeChat(deps, c, item, result) : await bySms(deps, c, item, result));
    } catch (e) {
      error ??= e;
    }
  }
  if (error !== undefined) throw error;
  return outcomes.includes('busy') ? 'busy' : 'done';
}

/** Claim a channel's send, run it, and record it sent; 'skip' from `send` leaves nothing claimed. */
async function claimed(deps: NotifierDeps, channel: SendChannel, item: OutboxItem, result: DeliveryResult, send: () => Promise<'sent' | 'skip'>): Promise<Outcome> {
  const claim = await deps.notifications.claimSend(channel, item.id, new Date(), SEND_LEASE_MS);
  if (claim === 'sent') return 'done';
  if (claim === 'busy') {
    result.busy++;
    return 'busy';
  }
  let outcome: 'sent' | 'skip';
  try {
    outcome = await send();
  } catch (error) {
    await deps.notifications.releaseSend(channel, item.id);
    throw error;
  }
  // A skipped send (no credit, over the cap) is recorded as done too: it is not tried again.
  await deps.notifications.markSent(channel, item.id, new Date());
  if (outcome === 'sent') result[channel]++;
  return 'done';
}

/**
 * WeChat: only for a citizen who subscribed, and only while a credit is left — WeChat's one-time
 * rule: each accepted wx.requestSubscribeMessage allows ONE message (POST /api/track/case/subscription
 * adds a credit per accepted call). Without a credit the message is not sent by WeChat (SMS and the
 * case page still carry it): counted as notSubscribed.
 */
async function byWeChat(deps: NotifierDeps, c: CaseRecord, item: OutboxItem, result: DeliveryResult): Promise<Outcome> {
  const templateId = deps.wechatTemplateId;
  const wechat = deps.wechat;
  const subscription = c.subscription;
  if (!subscription || !wechat || !templateId || !subscription.templateIds.includes(templateId)) {
    result.notSubscribed++;
    return 'done';
  }
  return claimed(deps, 'wechat', item, result, async () => {
    if (!(await deps.notifications.consumeWeChatCredit(c.caseNo))) {
      result.notSubscribed++;
      return 'skip';
    }
    try {
      await send(wechat, c.caseNo, subscription.openid, templateId, item);
    } catch (error) {
      await deps.notifications.addWeChatCredits(c.caseNo, 1); // not used: given back
      throw error;
    }
    return 'sent';
  });
}

/** A mainland mobile number (SMS cannot reach a landline). */
const MOBILE = /^1[3-9]\d{9}$/;

/**
 * SMS: to the phone given at filing unless the citizen opted out (no `sms` setting: opted in, the
 * default). The filing's message carries the case number (never the password); progress messages
 * the case number and what happened. At most smsDailyCap progress messages per phone per Shanghai
 * day, counted atomically under a keyed hash of the phone (never the number in a key or a log):
 * beyond it a message is not sent, counted `capped`, and not retried.
 */
async function bySms(deps: NotifierDeps, c: CaseRecord, item: OutboxItem, result: DeliveryResult): Promise<Outcome> {
  const phone = c.contact?.phone ? normalisePhone(c.contact.phone) : undefined;
  const sms = deps.sms;
  const templates = deps.smsTemplates;
  if (!phone || !MOBILE.test(phone) || c.sms?.optIn === false || !sms || !templates) return 'done';
  const filed = item.kind === 'submitted';
  const phrase = SMS_PROGRESS_PHRASES[item.kind];
  if (!filed && !phrase) return 'done';
  return claimed(deps, 'sms', item, result, async () => {
    const cap = filed ? undefined : await countToday(deps, phone);
    if (cap && cap.count > deps.smsDailyCap) {
      result.capped++;
      logger.info('progress SMS over the daily cap for this phone; not sent', { outboxId: item.id, kind: item.kind, cap: deps.smsDailyCap });
      return 'skip';
    }
    try {
      await sms.send(filed ? { phone, templateId: templates.filed, params: [c.caseNo] } : { phone, templateId: templates.progress, params: [c.caseNo, phrase!] });
    } catch (error) {
      await cap?.giveBack();
      throw error;
    }
    return 'sent';
  });
}

/** Count one progress SMS for the phone today (Shanghai day); the count with this one, and a way to give it back. */
async function countToday(deps: NotifierDeps, phone: string) {
  const now = deps.now();
  const today = toShanghaiDate(now);
  const start = startOfShanghaiDay(today).getTime();
  const end = startOfShanghaiDay(addDays(today, 1)).getTime();
  const counterKey = `sms-day:${identityOf(deps.identityKey, 'phone', phone)}`;
  const count = await deps.throttle.countAttempt(counterKey, start, end, 1);
  return { count, giveBack: () => deps.throttle.countAttempt(counterKey, start, end, -1).then(() => undefined) };
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
