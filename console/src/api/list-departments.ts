import type { DepartmentDto } from '@minsheng/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** GET /api/departments — active departments (reference data, for dispatch and filters). */
export function listDepartments(): Promise<{ items: DepartmentDto[] }> {
  return api('/departments', { anonymous: true });
}

export function useDepartments() {
  return useQuery({ queryKey: ['reference', 'departments'], queryFn: listDepartments, staleTime: 10 * 60_000, select: (r) => r.items });
}
