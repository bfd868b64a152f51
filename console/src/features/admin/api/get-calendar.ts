import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { CalendarOverride } from './types';

/** GET /api/console/admin/calendar — the years the official holiday calendar covers, and the local overrides. */
export function getCalendar(): Promise<{ knownYears: number[]; overrides: CalendarOverride[] }> {
  return api('/console/admin/calendar');
}

export function useCalendar() {
  return useQuery({ queryKey: ['admin', 'calendar'], queryFn: getCalendar });
}
