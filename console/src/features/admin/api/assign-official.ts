import type { OfficialAssignment, OfficialDto } from '@minsheng/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** POST /api/console/admin/officials/{username}/assignment — another unit (or, for a handler, department); the account's sessions end. */
export function assignOfficial(username: string, body: OfficialAssignment): Promise<OfficialDto> {
  return api(`/console/admin/officials/${encodeURIComponent(username)}/assignment`, { method: 'POST', body });
}

export function useAssignOfficial() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { username: string; body: OfficialAssignment }) => assignOfficial(v.username, v.body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['admin', 'officials'] }),
  });
}
