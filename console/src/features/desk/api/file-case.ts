import type { ConsoleFileCaseRequest, FileCaseResponse } from '@minsheng/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/**
 * POST /api/console/cases — 来电登记. The Idempotency-Key is made once per form submission and kept
 * for its retries, so a network retry files one case and texts the caller once.
 */
export function fileOnBehalf(body: ConsoleFileCaseRequest, idempotencyKey: string): Promise<FileCaseResponse> {
  return api('/console/cases', { body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function useFileOnBehalf() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: ConsoleFileCaseRequest; key: string }) => fileOnBehalf(body, key),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['cases'] });
      void qc.invalidateQueries({ queryKey: ['queue-count'] });
    },
  });
}
