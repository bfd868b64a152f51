import type { CaseStatus, CaseType, FileCaseResponse, TrackedCaseDto, TrackLoginResponse } from '@minsheng/shared';

/** A case whose credentials are remembered on this device ("我的诉求"). */
export interface RememberedCase {
  caseNo: string;
  password: string;
  title: string;
  type: CaseType;
  filedAt: string;
  dueAt: string;
  /** A consultation filed with consent to publish its answer, anonymised. */
  publishConsent?: boolean;
  /**
   * Reads the case's status without its password (`POST /api/track/status`); from the filing's or the
   * last login's answer. A password reset changes it; an entry without one shows no status until opened.
   */
  statusKey?: string;
  /** The case's `progressAt` when its page was last shown on this device: newer progress is 有新进展. */
  lastSeenProgressAt?: string;
  /** Filed with a phone number: the password can be recovered by an SMS code to it. */
  withPhone?: boolean;
  /** Filed with a mobile number and SMS progress messages switched on. */
  sms?: boolean;
}

// ---- Answers of the Reach routes (issue 13), as the lead's contract gives them ----
// TODO(after merging the back end): take these from @minsheng/shared if it declares them.

/** `POST /api/cases` (201) and `POST /api/track/login` (200) also carry the case's status key. */
export type FiledCase = FileCaseResponse & { statusKey?: string };
export type CaseLogin = TrackLoginResponse & { statusKey?: string };

/** `GET /api/track/case`: when citizen-visible progress was last made; a merged case's kept case. */
export type TrackedCase = TrackedCaseDto & {
  progressAt?: string;
  keptCase?: { caseNo: string; status: CaseStatus; answer?: { text: string; at?: string; departmentName?: string } };
};

/** A short-lived token for "my cases": from WeChat (`wx.login`) or a verified phone (SMS code). */
export interface MeToken {
  token: string;
  expiresAt: string;
}

/** One of "my cases" (`GET /api/me/cases`); the title is masked by the server. */
export interface MeCase {
  caseNo: string;
  type: CaseType;
  title: string;
  status: CaseStatus;
  filedAt: string;
  dueAt?: string;
  progressAt: string;
  /** Progress since the citizen last opened it. */
  unread: boolean;
  /** How the case is linked: a WeChat binding (removable) or the phone given at filing (not removable). */
  via: 'wechat' | 'phone';
}

/** `POST /api/track/status`, one item per case asked, in order. */
export type CaseStatusItem = { caseNo: string; found: true; status: CaseStatus; progressAt: string; dueAt?: string } | { caseNo: string; found: false };

/** `POST /api/recovery/sms-code` (202): the same for any phone, with or without cases. */
export interface SmsCodeSent {
  expiresInSeconds: number;
  resendAfterSeconds: number;
}

/** `POST /api/me/cases/{caseNo}/password`: the new password, shown once. */
export interface PasswordReset {
  caseNo: string;
  password: string;
  statusKey?: string;
}

/** `POST /api/track/case/subscription`: one more WeChat message allowed; how many in all. */
export interface SubscriptionResult {
  subscribed: boolean;
  credits?: number;
}

/** Public totals for the home page (`GET /api/stats/public`; rates in percent). */
export type { PublicStatsResponse as PublicStats } from '@minsheng/shared';
