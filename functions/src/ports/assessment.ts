import type { PublicRankingResponse } from '@minsheng/shared';

/** A case exempted from assessment (免于考核), as its month's list shows it. */
export interface ExemptionListing {
  /** The Shanghai month of the exemption. */
  month: string;
  at: string;
  caseNo: string;
  reason: string;
  /** The supervisor's login name. */
  by: string;
  unitPath?: string;
  unitId?: string;
  departmentId?: string;
}

/** A month's ranking as a supervisor published it: the figures frozen at that moment. */
export interface PublishedRanking {
  month: string;
  publishedAt: string;
  publishedBy: string;
  ranking: PublicRankingResponse;
}

/** Exemption lists and published rankings (the live figures are statistics counters: StatsStore). */
export interface AssessmentStore {
  listExemptions(month: string): Promise<ExemptionListing[]>;
  /** Publish a month once: `already_published` (nothing written) when it was. */
  publish(ranking: PublishedRanking): Promise<'published' | 'already_published'>;
  getPublished(month: string): Promise<PublishedRanking | undefined>;
  /** Published months, newest first. */
  listPublished(): Promise<{ month: string; publishedAt: string }[]>;
}
