import type { SlaPolicyDto, SlaPolicyInput } from '@minsheng/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** POST /api/console/admin/sla-policies — applies to cases filed from now on; filed cases keep their promise. */
export function putSlaPolicy(input: SlaPolicyInput): Promise<SlaPolicyDto> {
  return api('/console/admin/sla-policies', { body: input });
}

export function usePutSlaPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: putSlaPolicy,
    // Not refetched: the list endpoint reads settings each server instance caches for up to a
    // minute, so a read right after the change may still show the old policy. The saved one is the truth.
    onSuccess: (saved) =>
      qc.setQueryData<{ items: SlaPolicyDto[] }>(['admin', 'sla-policies'], (old) => (old ? { items: old.items.map((p) => (p.type === saved.type ? saved : p)) } : old)),
  });
}
