import type { RetimeJobsResponse } from '@minsheng/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { RETIME_POLL_MS, retimeActive } from '../calendar-horizon';

export const retimeJobsKey = ['admin', 'calendar', 'retime-jobs'] as const;

/** GET /api/console/admin/calendar/retime-jobs — the latest re-timing jobs and their progress (one cheap Query). */
export function getRetimeJobs(): Promise<RetimeJobsResponse> {
  return api('/console/admin/calendar/retime-jobs');
}

/** Re-read every ~2 s while the newest job is queued or running (the page's progress bar); not otherwise. */
export function useRetimeJobs() {
  return useQuery({
    queryKey: retimeJobsKey,
    queryFn: getRetimeJobs,
    staleTime: 0,
    refetchInterval: (query) => (retimeActive(query.state.data?.items) ? RETIME_POLL_MS : false),
  });
}
