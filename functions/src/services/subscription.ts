import { DomainError } from '@minsheng/shared';
import { updateCaseOutsideLifecycle } from './case-events';
import type { ClientInfo, Deps } from './deps';

/**
 * A citizen agrees, in WeChat, to receive progress messages for their case: the wx.login code is
 * exchanged for their openid, kept on the case (never shown to officials).
 */
export async function subscribeCase(deps: Deps, caseNo: string, code: string, templateIds: string[], client: ClientInfo): Promise<{ subscribed: boolean }> {
  if (!deps.wechat) throw new DomainError('SERVICE_UNAVAILABLE', { message: '微信消息服务暂未开通' });
  const openid = await deps.wechat.codeToOpenId(code);
  await updateCaseOutsideLifecycle(deps, caseNo, { role: 'citizen', id: `case:${caseNo}` }, client, (_current, now) => ({
    fields: { subscription: { openid, templateIds, at: now.toISOString() } },
    event: { kind: 'subscribed', public: false, data: { templates: templateIds.length } },
  }));
  return { subscribed: true };
}
