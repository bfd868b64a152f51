import type { OfficialDto } from '@minsheng/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** POST /api/console/admin/officials/{username}/disable|enable — takes effect at once (tokens are revoked). */
export function setOfficialDisabled(username: string, disabled: boolean): Promise<OfficialDto> {
  return api(`/console/admin/officials/${encodeURIComponent(username)}/${disabled ? 'disable' : 'enable'}`, { method: 'POST', body: {} });
}

export function useSetOfficialDisabled() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { username: string; disabled: boolean }) => setOfficialDisabled(v.username, v.disabled),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['admin', 'officials'] }),
  });
}
