import type { ConsoleCaseDto } from '@minsheng/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/**
 * GET /api/console/cases/{caseNo}. With `reveal` (intake and supervisors only) contact details and
 * the citizen's text come unmasked — and the server records the look in the audit trail first.
 */
export function getCase(caseNo: string, reveal = false): Promise<ConsoleCaseDto> {
  return api(`/console/cases/${encodeURIComponent(caseNo)}`, { query: reveal ? { reveal: 1 } : {} });
}

export const caseKey = (caseNo: string) => ['case', caseNo] as const;

export function useCase(caseNo: string) {
  // Never refreshed behind the official's back: they act on the version they see, and a change by someone
  // else shows up as a 409 to explain, not as a form that silently applies to a different case state.
  return useQuery({ queryKey: caseKey(caseNo), queryFn: () => getCase(caseNo), staleTime: Infinity, refetchOnWindowFocus: false, refetchOnReconnect: false });
}
