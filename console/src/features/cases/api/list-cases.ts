import type { CaseListResponse, CaseType, ConsoleQueue, QueueCountsResponse } from '@minsheng/shared';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export { countLabel, needsDepartment } from '../queue-tabs';

export interface QueueFilters {
  departmentId?: string;
  type?: CaseType;
  categoryId?: string;
}

export interface ListCasesParams extends QueueFilters {
  queue: ConsoleQueue;
  cursor?: string;
  limit?: number;
}

/** GET /api/console/cases — one page of a work queue, most urgent first. */
export function listCases(params: ListCasesParams): Promise<CaseListResponse> {
  return api('/console/cases', { query: { ...params } });
}


export const PAGE_SIZE = 20;

/** A queue paged with the API's cursor ("加载更多"). */
export function useCaseQueue(queue: ConsoleQueue, filters: QueueFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['cases', queue, filters],
    queryFn: ({ pageParam }) => listCases({ queue, ...filters, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

/** GET /api/console/queue-counts — the exact count of each of this official's queues. */
export function getQueueCounts(departmentId: string | undefined): Promise<QueueCountsResponse> {
  return api('/console/queue-counts', { query: departmentId ? { departmentId } : {} });
}


/**
 * Counts on the queue tabs: one request for all of them (exact counts kept with the queues; the
 * department's queues of intake and supervisors once a department is chosen).
 */
export function useQueueCounts(departmentId: string | undefined, role: string) {
  const dept = role === 'handler' ? undefined : departmentId;
  return useQuery({ queryKey: ['queue-counts', dept], queryFn: () => getQueueCounts(dept), staleTime: 30_000 });
}
