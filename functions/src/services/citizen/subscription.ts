import { DomainError } from '@minsheng/shared';
import { citizenOf } from '../cases/case-event';
import { updateCaseOutsideLifecycle } from '../cases/change-case';
import type { ClientInfo, Deps } from '../deps';

/**
 * A citizen agrees, in WeChat, to receive progress messages for their case: the wx.login code is
 * exchanged for their openid, kept on the case (never shown to officials). WeChat's one-time rule:
 * each accepted wx.requestSubscribeMessage allows one message, so each call adds one credit, and
 * each message sent takes one (services/notifications/notifier.ts).
 */
export async function subscribeCase(
  deps: Pick<Deps, 'cases' | 'now' | 'wechat' | 'notifications'>,
  caseNo: string,
  code: string,
  templateIds: string[],
  client: ClientInfo,
): Promise<{ subscribed: boolean; credits: number }> {
  if (!deps.wechat) throw new DomainError('SERVICE_UNAVAILABLE', { message: '微信消息服务暂未开通' });
  const openid = await deps.wechat.codeToOpenId(code);
  await updateCaseOutsideLifecycle(deps, caseNo, citizenOf(caseNo), client, (_current, now) => ({
    fields: { subscription: { openid, templateIds, at: now.toISOString() } },
    event: { kind: 'subscribed', data: { templates: templateIds.length } },
  }));
  const credits = await deps.notifications.addWeChatCredits(caseNo, 1);
  return { subscribed: true, credits };
}
