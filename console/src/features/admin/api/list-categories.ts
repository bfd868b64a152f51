import type { AdminCategoryDto } from '@minsheng/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** GET /api/console/admin/categories — every category with its default department. */
export function listAdminCategories(): Promise<{ items: AdminCategoryDto[] }> {
  return api('/console/admin/categories');
}

export function useAdminCategories() {
  return useQuery({ queryKey: ['admin', 'categories'], queryFn: listAdminCategories, select: (r) => r.items });
}
