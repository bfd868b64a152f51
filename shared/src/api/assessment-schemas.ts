import type { AssessmentRate, AssessmentWeights, RankingEntry } from '../domain/assessment';

/**
 * `GET /api/console/assessment/{month}`: the month's 考核排名 of the viewer's subtree — its departments
 * and its child units — from the counters (no case read), with last month's beside each row.
 */
export interface AssessmentResponse {
  month: string;
  previousMonth: string;
  /** The viewer's unit: its departments and its child units are ranked. */
  unitId: string;
  unitName: string;
  weights: AssessmentWeights;
  /** Where the default weights come from (a published 12345 scheme), or that they were configured. */
  weightsSource: string;
  /** The response limit (响应: 受理 / 首次办理 within so many hours). */
  responseHours: number;
  departments: RankingEntry[];
  units: RankingEntry[];
  /** Cases exempted (不合理诉求) in the month within the subtree. */
  exempted: number;
  /** Whether the month has ended (only an ended month may be published). */
  ended: boolean;
  /** When the city's ranking of this month was published (public), and by whom. */
  published?: { at: string; by: string };
}

/** `GET /api/console/assessment/{month}/exemptions`: the cases exempted in the month within the viewer's subtree. */
export interface AssessmentExemptionsResponse {
  month: string;
  items: { caseNo: string; reason: string; by: string; at: string; departmentId?: string; departmentName?: string; unitId?: string; unitName?: string }[];
}

/** One row of the public ranking: the figures, never a case. */
export interface PublicRankingEntry {
  key: string;
  name: string;
  rank?: number;
  score?: number;
  rates: Partial<Record<AssessmentRate, number>>;
  /** Answers and ratings behind the rates. */
  answered: number;
  ratings: number;
  rankChange?: number;
}

/** `GET /api/assessment/rankings/{month}` (public): a month's ranking as a supervisor published it. */
export interface PublicRankingResponse {
  month: string;
  publishedAt: string;
  weights: AssessmentWeights;
  weightsSource: string;
  departments: PublicRankingEntry[];
  units: PublicRankingEntry[];
}

/** `GET /api/assessment/rankings` (public): the published months, newest first. */
export interface PublicRankingMonthsResponse {
  months: { month: string; publishedAt: string }[];
}
