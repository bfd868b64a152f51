import type { AdminCategoryDto, CategoryInput } from '@minsheng/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** POST /api/console/admin/categories — create or update. */
export function putCategory(input: CategoryInput): Promise<AdminCategoryDto> {
  return api('/console/admin/categories', { body: input });
}

export function usePutCategory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: putCategory,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['admin', 'categories'] });
      void qc.invalidateQueries({ queryKey: ['reference'] });
    },
  });
}
