import type { CalendarOverrideInput, CalendarOverrideResponse } from '@minsheng/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { calendarKey } from './get-calendar';

/** POST /api/console/admin/calendar — mark a date as a working day or a day off (answers with the override and the re-timing job it queued). */
export function putCalendarOverride(input: CalendarOverrideInput): Promise<CalendarOverrideResponse> {
  return api('/console/admin/calendar', { body: input });
}

export function usePutCalendarOverride() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: putCalendarOverride, onSuccess: () => void qc.invalidateQueries({ queryKey: calendarKey }) });
}
