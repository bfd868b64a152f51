import type { AdminUnitDto } from '@minsheng/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** GET /api/console/admin/units — the whole jurisdiction tree, inactive units included, with their counts. */
export function listAdminUnits(): Promise<{ items: AdminUnitDto[] }> {
  return api('/console/admin/units');
}

export function useAdminUnits() {
  return useQuery({ queryKey: ['admin', 'units'], queryFn: listAdminUnits, select: (r) => r.items });
}
