import type { CaseListResponse, CaseType, ConsoleQueue } from '@minsheng/shared';
import { useInfiniteQuery, useQueries } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

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

/** The department's queues (待办, 已答复) need a department, except for handlers (theirs is implied). */
export function needsDepartment(queue: ConsoleQueue, role: string): boolean {
  return (queue === 'department' || queue === 'answered') && role !== 'handler';
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

/** How many cases to fetch to show a count on a tab; more than this shows as "50+". */
export const COUNT_SAMPLE = 50;

/**
 * Counts on the queue tabs. The API has no count endpoint: each tab's count is the size of its
 * first page of up to 50, shown as "50+" when there are more.
 */
export function useQueueCounts(queues: readonly ConsoleQueue[], departmentId: string | undefined, role: string) {
  return useQueries({
    queries: queues.map((queue) => ({
      queryKey: ['queue-count', queue, needsDepartment(queue, role) ? departmentId : undefined],
      queryFn: () => listCases({ queue, limit: COUNT_SAMPLE, ...(needsDepartment(queue, role) ? { departmentId } : {}) }),
      enabled: !needsDepartment(queue, role) || Boolean(departmentId),
      staleTime: 30_000,
      select: (r: CaseListResponse) => ({ count: r.items.length, more: Boolean(r.nextCursor) }),
    })),
  });
}
