import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { libraryKey } from './list-library';

/** DELETE /api/console/admin/policies/{id} — out of the library (a Q&A's consultation may then be published again). */
export function deleteLibraryItem({ id, revision }: { id: string; revision: number }): Promise<{ id: string; deleted: true }> {
  // At the revision the admin saw: an edit someone saved since then is not deleted unseen (409).
  return api(`/console/admin/policies/${encodeURIComponent(id)}?expectedRevision=${revision}`, { method: 'DELETE' });
}

export function useDeleteLibraryItem() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteLibraryItem, onSettled: () => void qc.invalidateQueries({ queryKey: libraryKey }) });
}
