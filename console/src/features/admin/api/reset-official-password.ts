import type { OfficialDto } from '@minsheng/shared';
import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** POST /api/console/admin/officials/{username}/reset-password — a temporary password, returned this once. */
export function resetOfficialPassword(username: string): Promise<{ official: OfficialDto; temporaryPassword: string }> {
  return api(`/console/admin/officials/${encodeURIComponent(username)}/reset-password`, { method: 'POST', body: {} });
}

export function useResetOfficialPassword() {
  return useMutation({ mutationFn: resetOfficialPassword });
}
