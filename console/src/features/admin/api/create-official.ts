import type { OfficialDto, OfficialInput } from '@minsheng/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** POST /api/console/admin/officials — a new account with the password the admin hands over. */
export function createOfficial(input: OfficialInput): Promise<OfficialDto> {
  return api('/console/admin/officials', { body: input });
}

export function useCreateOfficial() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createOfficial, onSuccess: () => void qc.invalidateQueries({ queryKey: ['admin', 'officials'] }) });
}
