import type { SynonymsResponse } from '@minsheng/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { synonymsKey } from './get-synonyms';

/** DELETE /api/console/admin/synonyms?expectedRevision= — back to the built-in list (409 if someone saved meanwhile). */
export function resetSynonyms(revision: number): Promise<SynonymsResponse> {
  return api(`/console/admin/synonyms?expectedRevision=${revision}`, { method: 'DELETE' });
}

export function useResetSynonyms() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: resetSynonyms, onSuccess: (now) => qc.setQueryData(synonymsKey, now) });
}
