import type { CalendarResponse } from '@minsheng/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** GET /api/console/admin/calendar — the years the official holiday calendar covers, and the local overrides. */
export function getCalendar(): Promise<CalendarResponse> {
  return api('/console/admin/calendar');
}

export function useCalendar() {
  return useQuery({ queryKey: ['admin', 'calendar'], queryFn: getCalendar });
}
