import type { EnterYearScheduleResponse, YearScheduleInput } from '@minsheng/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { calendarKey } from './get-calendar';

/**
 * POST /api/console/admin/calendar/years — a year's official schedule in one step (replacing what
 * was entered for that year before); a job re-times the open working-day cases (its progress shows with the calendar).
 */
export function enterCalendarYear(input: YearScheduleInput): Promise<EnterYearScheduleResponse> {
  return api('/console/admin/calendar/years', { body: input });
}

export function useEnterCalendarYear() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: enterCalendarYear, onSuccess: () => void qc.invalidateQueries({ queryKey: calendarKey }) });
}
