import type { UnitDto } from '@minsheng/shared';
import type { CategoryDto, FileCaseRequest, ListResponse, RatingRequest, SupplementRequest, TrackLoginRequest, WithdrawRequest } from '@minsheng/shared';
import { ApiError, apiRequest } from '../../lib/request';
import { IS_H5 } from '../../lib/env';
import type { CaseLogin, CaseStatusItem, FiledCase, MeCase, MeToken, PasswordReset, PublicStats, SmsCodeSent, SubscriptionResult, TrackedCase } from './types';

/** `GET /api/categories` */
export function listCategories(): Promise<ListResponse<CategoryDto>> {
  return apiRequest('/api/categories');
}

/** `GET /api/units`: the place picker's tree (cacheable). */
export function listUnits(): Promise<ListResponse<UnitDto>> {
  return apiRequest('/api/units');
}

/** 来源渠道: the weapp build files as the mini-program, the H5 build as the web. */
export const FILING_CHANNEL = IS_H5 ? 'web' : 'miniprogram';

/** `POST /api/cases`: the same key on a retry returns the same case, never a second one. */
export function fileCase(body: FileCaseRequest, idempotencyKey: string): Promise<FiledCase> {
  return apiRequest('/api/cases', { method: 'POST', body: { ...body, channel: body.channel ?? FILING_CHANNEL }, headers: { 'Idempotency-Key': idempotencyKey } });
}

/** `POST /api/track/login` */
export function trackLogin(body: TrackLoginRequest): Promise<CaseLogin> {
  return apiRequest('/api/track/login', { method: 'POST', body });
}

/** `GET /api/track/case` */
export function getTrackedCase(token: string): Promise<TrackedCase> {
  return apiRequest('/api/track/case', { token });
}

/** `POST /api/track/case/supplements` */
export function addSupplement(token: string, body: SupplementRequest): Promise<unknown> {
  return apiRequest('/api/track/case/supplements', { method: 'POST', body, token });
}

/** `POST /api/track/case/publish-consent`: give or withdraw consent to publishing the answer (consultations). */
export function setPublishConsent(token: string, consent: boolean): Promise<TrackedCase> {
  return apiRequest('/api/track/case/publish-consent', { method: 'POST', body: { consent }, token });
}

/** `POST /api/track/case/rating` */
export function rateCase(token: string, body: RatingRequest): Promise<unknown> {
  return apiRequest('/api/track/case/rating', { method: 'POST', body, token });
}

/** `POST /api/track/case/withdraw`: only while 待受理; afterwards 409 with the reason. */
export function withdrawCase(token: string, body: WithdrawRequest): Promise<TrackedCase> {
  return apiRequest('/api/track/case/withdraw', { method: 'POST', body, token });
}

/** `POST /api/track/case/subscription`: the wx.login code and the templates accepted in one requestSubscribeMessage. */
export function subscribeToProgress(token: string, body: { code: string; templateIds: string[] }): Promise<SubscriptionResult> {
  return apiRequest('/api/track/case/subscription', { method: 'POST', body, token });
}

/** `POST /api/track/status`: the statuses of up to 50 remembered cases in one request, by their status keys. */
export function trackStatuses(cases: { caseNo: string; statusKey: string }[]): Promise<{ items: CaseStatusItem[] }> {
  return apiRequest('/api/track/status', { method: 'POST', body: { cases } });
}

/** `GET /api/stats/public`, or undefined when the platform does not publish totals (404) or cannot now. */
export async function getPublicStats(): Promise<PublicStats | undefined> {
  try {
    return await apiRequest<PublicStats>('/api/stats/public');
  } catch (error) {
    if (error instanceof ApiError) return undefined;
    throw error;
  }
}

// ---- "My cases": a me token from WeChat or from a verified phone ----

/** `POST /api/wechat/session`: a wx.login code for a me token (via WeChat). */
export function startWechatSession(code: string): Promise<MeToken> {
  return apiRequest('/api/wechat/session', { method: 'POST', body: { code } });
}

/** `GET /api/me/cases` */
export function listMyCases(meToken: string): Promise<{ items: MeCase[] }> {
  return apiRequest('/api/me/cases', { token: meToken });
}

/** `POST /api/me/cases`: bind the case a case token opens to this WeChat user. */
export function bindMyCase(meToken: string, caseToken: string): Promise<{ item: MeCase }> {
  return apiRequest('/api/me/cases', { method: 'POST', body: { caseToken }, token: meToken });
}

/** `POST /api/me/cases/{caseNo}/open`: a case token for one of my cases (marks it seen). */
export function openMyCase(meToken: string, caseNo: string): Promise<CaseLogin> {
  return apiRequest(`/api/me/cases/${encodeURIComponent(caseNo)}/open`, { method: 'POST', token: meToken });
}

/** `DELETE /api/me/cases/{caseNo}`: unbind a WeChat-bound case. */
export function unbindMyCase(meToken: string, caseNo: string): Promise<unknown> {
  return apiRequest(`/api/me/cases/${encodeURIComponent(caseNo)}`, { method: 'DELETE', token: meToken });
}

/** `POST /api/me/cases/{caseNo}/password`: a new password (the old one stops working). */
export function resetMyCasePassword(meToken: string, caseNo: string): Promise<PasswordReset> {
  return apiRequest(`/api/me/cases/${encodeURIComponent(caseNo)}/password`, { method: 'POST', token: meToken });
}

// ---- Recovery by the phone given at filing ----

/** `POST /api/recovery/sms-code`: answers the same whether or not the phone has cases. */
export function sendRecoveryCode(phone: string): Promise<SmsCodeSent> {
  return apiRequest('/api/recovery/sms-code', { method: 'POST', body: { phone } });
}

/** `POST /api/recovery/verify`: the right code → a me token (via phone). */
export function verifyRecoveryCode(phone: string, code: string): Promise<MeToken> {
  return apiRequest('/api/recovery/verify', { method: 'POST', body: { phone, code } });
}
