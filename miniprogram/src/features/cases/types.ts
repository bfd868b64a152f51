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
}

/** Public totals for the home page (`GET /api/stats/public`; rates in percent). */
export type { PublicStatsResponse as PublicStats } from '@minsheng/shared';
