import type { CalendarOverrideDto, CalendarOverrideInput } from '@minsheng/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { calendarKey } from './get-calendar';

/** POST /api/console/admin/calendar — mark a date as a working day or a day off. */
export function putCalendarOverride(input: CalendarOverrideInput): Promise<CalendarOverrideDto> {
  return api('/console/admin/calendar', { body: input });
}

export function usePutCalendarOverride() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: putCalendarOverride, onSuccess: () => void qc.invalidateQueries({ queryKey: calendarKey }) });
}
