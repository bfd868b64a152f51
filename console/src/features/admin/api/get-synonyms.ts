import type { SynonymsResponse } from '@minsheng/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** GET /api/console/admin/synonyms — the list in force (`isDefault`: the built-in one, nobody saved their own yet). */
export function getSynonyms(): Promise<SynonymsResponse> {
  return api('/console/admin/synonyms');
}

export const synonymsKey = ['admin', 'synonyms'] as const;

export function useSynonyms() {
  // Not refreshed while the admin edits: the text area is theirs until they save or reload.
  return useQuery({ queryKey: synonymsKey, queryFn: getSynonyms, staleTime: Infinity, refetchOnWindowFocus: false });
}
