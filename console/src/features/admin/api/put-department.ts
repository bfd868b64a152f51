import type { AdminDepartmentDto, DepartmentInput } from '@minsheng/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** POST /api/console/admin/departments — create or update (an inactive department is no longer offered for dispatch). */
export function putDepartment(input: DepartmentInput): Promise<AdminDepartmentDto> {
  return api('/console/admin/departments', { body: input });
}

export function usePutDepartment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: putDepartment,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['admin', 'departments'] });
      void qc.invalidateQueries({ queryKey: ['reference'] });
    },
  });
}
