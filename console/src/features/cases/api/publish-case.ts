import type { PublishRequest, PublishResponse } from '@minsheng/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { publicationPreviewKey } from './get-publication-preview';

/** POST /api/console/cases/{caseNo}/publish — the edited preview, anonymised again by the server; replaces an earlier publication. */
export function publishCase(caseNo: string, body: PublishRequest): Promise<PublishResponse> {
  return api(`/console/cases/${encodeURIComponent(caseNo)}/publish`, { body });
}

export function usePublishCase(caseNo: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PublishRequest) => publishCase(caseNo, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: publicationPreviewKey(caseNo) });
      // The admins' library list, if this browser has it cached.
      void qc.invalidateQueries({ queryKey: ['admin', 'library'] });
    },
  });
}
