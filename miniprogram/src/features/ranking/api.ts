import type { PublicRankingMonthsResponse, PublicRankingResponse } from '@minsheng/shared';
import { apiRequest } from '../../lib/request';

/** `GET /api/assessment/rankings` (public): the months a supervisor has published, newest first. */
export function listRankingMonths(): Promise<PublicRankingMonthsResponse> {
  return apiRequest('/api/assessment/rankings');
}

/** `GET /api/assessment/rankings/{month}` (public): a published month's ranking (404 when it is not published). */
export function getRanking(month: string): Promise<PublicRankingResponse> {
  return apiRequest(`/api/assessment/rankings/${encodeURIComponent(month)}`);
}
