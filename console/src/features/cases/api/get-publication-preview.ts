import type { PublicationPreviewDto } from '@minsheng/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/**
 * GET /api/console/cases/{caseNo}/publication-preview — intake, supervisor: the answered
 * consultation anonymised exactly as it would be published, what was taken out, and whether it
 * is already in the library. 409 INVALID_TRANSITION with the reason when it cannot be published.
 */
export function getPublicationPreview(caseNo: string): Promise<PublicationPreviewDto> {
  return api(`/console/cases/${encodeURIComponent(caseNo)}/publication-preview`);
}

export const publicationPreviewKey = (caseNo: string) => ['publication-preview', caseNo] as const;

export function usePublicationPreview(caseNo: string, enabled: boolean) {
  // Read afresh each time the dialog opens: someone may have published it meanwhile.
  return useQuery({ queryKey: publicationPreviewKey(caseNo), queryFn: () => getPublicationPreview(caseNo), enabled, staleTime: 0, gcTime: 0, refetchOnWindowFocus: false });
}
