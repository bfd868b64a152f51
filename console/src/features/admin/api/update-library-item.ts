import type { LibraryAdminItemDto, LibraryItemUpdate } from '@minsheng/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { libraryKey } from './list-library';

/**
 * POST /api/console/admin/policies/{id} — replace a policy or a published Q&A at the revision the
 * admin edited; someone else's newer save → 409 VERSION_CONFLICT. Q&A texts are anonymised again.
 */
export function updateLibraryItem({ id, body }: { id: string; body: LibraryItemUpdate }): Promise<LibraryAdminItemDto> {
  return api(`/console/admin/policies/${encodeURIComponent(id)}`, { body });
}

export function useUpdateLibraryItem() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateLibraryItem, onSettled: () => void qc.invalidateQueries({ queryKey: libraryKey }) });
}
