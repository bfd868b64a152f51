import type { AdminUnitDto, UnitInput } from '@minsheng/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** POST /api/console/admin/units — create, rename, move (new parentId) or disable/enable (active) a unit. */
export function putUnit(input: UnitInput): Promise<AdminUnitDto> {
  return api('/console/admin/units', { body: input });
}

export function usePutUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: putUnit,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['admin', 'units'] });
      void qc.invalidateQueries({ queryKey: ['admin', 'officials'] });
      void qc.invalidateQueries({ queryKey: ['reference'] });
    },
  });
}
