import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { libraryKey } from './list-library';

/** DELETE /api/console/admin/policies/{id} — out of the library (a Q&A's consultation may then be published again). */
export function deleteLibraryItem(id: string): Promise<{ id: string; deleted: true }> {
  return api(`/console/admin/policies/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function useDeleteLibraryItem() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteLibraryItem, onSettled: () => void qc.invalidateQueries({ queryKey: libraryKey }) });
}
