import type { SynonymsInput, SynonymsResponse } from '@minsheng/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { synonymsKey } from './get-synonyms';

/** POST /api/console/admin/synonyms { groups } — replaces the whole list; every search index rebuilds within seconds. */
export function putSynonyms(input: SynonymsInput): Promise<SynonymsResponse> {
  return api('/console/admin/synonyms', { body: input });
}

export function usePutSynonyms() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: putSynonyms, onSuccess: (saved) => qc.setQueryData(synonymsKey, saved) });
}
