import type { DeleteCalendarOverrideResponse } from '@minsheng/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { calendarKey } from './get-calendar';

/** DELETE /api/console/admin/calendar/{date} — back to the official calendar for that date (queues a re-timing job). */
export function deleteCalendarOverride(date: string): Promise<DeleteCalendarOverrideResponse> {
  return api(`/console/admin/calendar/${encodeURIComponent(date)}`, { method: 'DELETE' });
}

export function useDeleteCalendarOverride() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteCalendarOverride, onSuccess: () => void qc.invalidateQueries({ queryKey: calendarKey }) });
}
