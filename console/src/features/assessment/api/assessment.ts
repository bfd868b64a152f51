import type { AssessmentExemptionsResponse, AssessmentResponse } from '@minsheng/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** GET /api/console/assessment/{month} — the month's 考核排名 of the viewer's subtree (departments and child units). */
export function getAssessment(month: string): Promise<AssessmentResponse> {
  return api(`/console/assessment/${month}`);
}

/** GET /api/console/assessment/{month}/exemptions — the cases exempted (免于考核) in the month. */
export function getAssessmentExemptions(month: string): Promise<AssessmentExemptionsResponse> {
  return api(`/console/assessment/${month}/exemptions`);
}

export interface PublishResult {
  month: string;
  publishedAt: string;
  by: string;
}

/** POST /api/console/assessment/{month}/publish — a root supervisor makes the city's ranking of an ended month public. */
export function publishAssessment(month: string): Promise<PublishResult> {
  return api(`/console/assessment/${month}/publish`, { method: 'POST' });
}

export function useAssessment(month: string) {
  return useQuery({ queryKey: ['assessment', month], queryFn: () => getAssessment(month) });
}

export function useAssessmentExemptions(month: string, enabled: boolean) {
  return useQuery({ queryKey: ['assessment', month, 'exemptions'], queryFn: () => getAssessmentExemptions(month), enabled });
}

export function usePublishAssessment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: publishAssessment,
    // Published or refused (409: someone else did it first): the page reads the month again either way.
    onSettled: (_data, _error, month) => qc.invalidateQueries({ queryKey: ['assessment', month] }),
  });
}
