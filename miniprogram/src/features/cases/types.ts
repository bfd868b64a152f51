import type { CaseType } from '@minsheng/shared';

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

// ---- Answers of the Reach routes (issue 13): the HTTP contract in @minsheng/shared ----

export type {
  FileCaseResponse as FiledCase,
  MeCase,
  MeSessionResponse as MeToken,
  PasswordResetResponse as PasswordReset,
  RecoverySmsCodeResponse as SmsCodeSent,
  TrackedCaseDto as TrackedCase,
  TrackLoginResponse as CaseLogin,
  TrackStatusItem as CaseStatusItem,
} from '@minsheng/shared';

/** `POST /api/track/case/subscription`: one more WeChat message allowed; how many in all. */
export interface SubscriptionResult {
  subscribed: boolean;
  credits: number;
}

/** Public totals for the home page (`GET /api/stats/public`; rates in percent). */
export type { PublicStatsResponse as PublicStats } from '@minsheng/shared';
