import type { AdminDepartmentDto } from '@minsheng/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** GET /api/console/admin/departments — every department, active or not. */
export function listAdminDepartments(): Promise<{ items: AdminDepartmentDto[] }> {
  return api('/console/admin/departments');
}

export function useAdminDepartments() {
  return useQuery({ queryKey: ['admin', 'departments'], queryFn: listAdminDepartments, select: (r) => r.items });
}
