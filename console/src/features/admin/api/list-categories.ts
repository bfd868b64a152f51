import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { AdminCategory } from './types';

/** GET /api/console/admin/categories — every category with its default department. */
export function listAdminCategories(): Promise<{ items: AdminCategory[] }> {
  return api('/console/admin/categories');
}

export function useAdminCategories() {
  return useQuery({ queryKey: ['admin', 'categories'], queryFn: listAdminCategories, select: (r) => r.items });
}
