import type { CategoryDto } from '@minsheng/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** GET /api/categories — active categories (reference data, for filters and reply templates). */
export function listCategories(): Promise<{ items: CategoryDto[] }> {
  return api('/categories', { anonymous: true });
}

export function useCategories() {
  return useQuery({ queryKey: ['reference', 'categories'], queryFn: listCategories, staleTime: 10 * 60_000, select: (r) => r.items });
}
