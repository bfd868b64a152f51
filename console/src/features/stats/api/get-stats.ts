import type { ConsoleStatsResponse } from '@minsheng/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** GET /api/console/stats?period=ALL|YYYY-MM&months=N — counters by department, category, type, and month by month. */
export function getStats(period: string, months: number): Promise<ConsoleStatsResponse> {
  return api('/console/stats', { query: { period, months } });
}

export function useStats(period: string, months: number) {
  return useQuery({ queryKey: ['stats', period, months], queryFn: () => getStats(period, months), placeholderData: keepPreviousData });
}
