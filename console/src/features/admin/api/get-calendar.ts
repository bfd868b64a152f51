import type { CalendarResponse } from '@minsheng/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const calendarKey = ['admin', 'calendar'] as const;

/**
 * GET /api/console/admin/calendar — the years the official calendar knows (the package's and those
 * admins entered), the unknown years ahead and the open working-day cases whose deadlines fall in
 * them, the local overrides, the entered schedules and the change log.
 */
export function getCalendar(): Promise<CalendarResponse> {
  return api('/console/admin/calendar');
}

/** `staleMs`: the shell's notice re-reads at most every few minutes; the page always on opening. */
export function useCalendar(options: { staleMs?: number; enabled?: boolean } = {}) {
  return useQuery({ queryKey: calendarKey, queryFn: getCalendar, staleTime: options.staleMs ?? 0, enabled: options.enabled ?? true });
}
