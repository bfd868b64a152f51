import type { CalendarResponse } from '@minsheng/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { RETIME_POLL_MS, retimeActive } from '../calendar-horizon';

export const calendarKey = ['admin', 'calendar'] as const;

/**
 * GET /api/console/admin/calendar — the years the official calendar knows (the package's and those
 * admins entered), the unknown years ahead and the open working-day cases whose deadlines fall in
 * them, the local overrides, the entered schedules and the change log.
 */
export function getCalendar(): Promise<CalendarResponse> {
  return api('/console/admin/calendar');
}

/**
 * `staleMs`: the shell's notice re-reads at most every few minutes; the page always on opening.
 * `pollWhileRetiming`: the page re-reads every ~2 s while a re-timing job is queued or running (its progress bar).
 */
export function useCalendar(options: { staleMs?: number; enabled?: boolean; pollWhileRetiming?: boolean } = {}) {
  return useQuery({
    queryKey: calendarKey,
    queryFn: getCalendar,
    staleTime: options.staleMs ?? 0,
    enabled: options.enabled ?? true,
    ...(options.pollWhileRetiming ? { refetchInterval: (query: { state: { data?: CalendarResponse } }) => (retimeActive(query.state.data?.retimeJobs) ? RETIME_POLL_MS : false) } : {}),
  });
}
