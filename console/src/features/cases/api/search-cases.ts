import type { CaseSearchResponse, DuplicatesResponse } from '@minsheng/shared';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** One of the three ways to search, and the filing-date range (Shanghai dates) for phone and words. */
export interface CaseSearchParams {
  caseNo?: string;
  phone?: string;
  q?: string;
  from?: string;
  to?: string;
}

export const SEARCH_PAGE_SIZE = 20;

/** GET /api/console/search — one page of results, newest filing first. */
export function searchCases(params: CaseSearchParams & { cursor?: string; limit?: number }): Promise<CaseSearchResponse> {
  return api('/console/search', { query: { ...params } });
}

/** A search paged with the API's cursor ("加载更多"); runs only once something was asked. */
export function useCaseSearch(params: CaseSearchParams | undefined) {
  return useInfiniteQuery({
    queryKey: ['case-search', params],
    queryFn: ({ pageParam }) => searchCases({ ...params, limit: SEARCH_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    enabled: Boolean(params),
  });
}

/** GET /api/console/cases/{caseNo}/duplicates — likely duplicates of a case at intake. */
export function useDuplicates(caseNo: string, enabled: boolean) {
  return useQuery({
    queryKey: ['duplicates', caseNo],
    queryFn: () => api<DuplicatesResponse>(`/console/cases/${encodeURIComponent(caseNo)}/duplicates`),
    enabled,
    staleTime: 30_000,
  });
}
