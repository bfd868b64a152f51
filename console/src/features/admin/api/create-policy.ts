import type { LibraryAdminItemDto, PolicyInput } from '@minsheng/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { libraryKey } from './list-library';

/** POST /api/console/admin/policies — a new policy document, searchable within seconds. */
export function createPolicy(input: PolicyInput): Promise<LibraryAdminItemDto> {
  return api('/console/admin/policies', { body: input });
}

export function useCreatePolicy() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createPolicy, onSuccess: () => void qc.invalidateQueries({ queryKey: libraryKey }) });
}
