import { DomainError, type CaseRecord } from '@minsheng/shared';
import { newEventId } from './case-events';
import type { ClientInfo, Deps } from './deps';

/**
 * A citizen agrees, in WeChat, to receive progress messages for their case: the wx.login code is
 * exchanged for their openid, kept on the case (never shown to officials).
 */
export async function subscribeCase(deps: Deps, caseNo: string, code: string, templateIds: string[], client: ClientInfo): Promise<{ subscribed: boolean }> {
  if (!deps.wechat) throw new DomainError('SERVICE_UNAVAILABLE', { message: '微信消息服务暂未开通' });
  const openid = await deps.wechat.codeToOpenId(code);
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.store.getCase(caseNo);
    if (!current) throw new DomainError('CASE_NOT_FOUND');
    const now = deps.now();
    const next: CaseRecord = { ...current, version: current.version + 1, updatedAt: now.toISOString(), subscription: { openid, templateIds, at: now.toISOString() } };
    const result = await deps.store.applyChange(
      next,
      current.version,
      {
        eventId: newEventId(now),
        caseNo,
        at: now.toISOString(),
        kind: 'subscribed',
        actorRole: 'citizen',
        actorId: `case:${caseNo}`,
        fromStatus: current.status,
        toStatus: current.status,
        public: false,
        data: { templates: templateIds.length },
        ...(client.ip || client.userAgent ? { client } : {}),
      },
      [],
    );
    if (result.ok) return { subscribed: true };
  }
  throw new DomainError('VERSION_CONFLICT');
}
