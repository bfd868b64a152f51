import * as z from 'zod/mini';
import type { CaseStatus, CaseType } from '../domain/case-types';

/*
 * "My cases" (a citizen's WeChat or verified-phone session) and the saved cases' status batch.
 * Issue 13 (Reach): the case number and password stay the credential; these only add ways back.
 */

/** `POST /api/wechat/session`: the code of wx.login. */
export const wechatSessionRequestSchema = z.strictObject({
  code: z.string().check(z.minLength(1, { message: '缺少微信登录凭证' }), z.maxLength(128, { message: '微信登录凭证格式不正确' })),
});
export type WeChatSessionRequest = z.infer<typeof wechatSessionRequestSchema>;

/** A "me" session (WeChat or an SMS code): `POST /api/wechat/session`, `POST /api/recovery/verify`. */
export interface MeSessionResponse {
  token: string;
  expiresAt: string;
}

/** `POST /api/me/cases`: bind the case a case token (from POST /api/track/login) opens. */
export const bindCaseRequestSchema = z.strictObject({
  caseToken: z.string().check(z.minLength(1, { message: '缺少案件登录凭证' }), z.maxLength(2048, { message: '案件登录凭证格式不正确' })),
});
export type BindCaseRequest = z.infer<typeof bindCaseRequestSchema>;

/** One case of "my cases". */
export interface MeCase {
  caseNo: string;
  type: CaseType;
  /** Masked like any text shown outside the case itself (maskSensitiveText). */
  title: string;
  status: CaseStatus;
  filedAt: string;
  dueAt?: string;
  progressAt: string;
  /** Something happened the citizen has not seen since they last opened the case here. */
  unread: boolean;
  /** How the case is linked: bound in WeChat, or the phone given at filing. */
  via: 'wechat' | 'phone';
}

/** `POST /api/me/cases/{caseNo}/password`: the new password, shown once. */
export interface PasswordResetResponse {
  caseNo: string;
  password: string;
  statusKey: string;
}

/** Most cases one status request asks about. */
export const TRACK_STATUS_MAX = 50;

/** `POST /api/track/status`: the cases a phone remembers, each with its status key. */
export const trackStatusRequestSchema = z.strictObject({
  cases: z
    .array(
      z.strictObject({
        caseNo: z.string().check(z.minLength(1, { message: '请填写案件编号' }), z.maxLength(40, { message: '案件编号格式不正确' })),
        statusKey: z.string().check(z.minLength(1, { message: '缺少状态查询码' }), z.maxLength(64, { message: '状态查询码格式不正确' })),
      }),
    )
    .check(z.minLength(1, { message: '请至少查询一件' }), z.maxLength(TRACK_STATUS_MAX, { message: `一次最多查询 ${TRACK_STATUS_MAX} 件` })),
});
export type TrackStatusRequest = z.infer<typeof trackStatusRequestSchema>;

export type TrackStatusItem = { caseNo: string; found: true; status: CaseStatus; progressAt: string; dueAt?: string } | { caseNo: string; found: false };
