import type { ConsoleEventDto } from '@minsheng/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export interface AuditResponse {
  caseNo: string;
  items: ConsoleEventDto[];
}

/** GET /api/console/audit?caseNo= — every event of a case: who, role, status change, when, from where. */
export function getAudit(caseNo: string): Promise<AuditResponse> {
  return api('/console/audit', { query: { caseNo } });
}

export function useAudit(caseNo: string) {
  return useQuery({ queryKey: ['audit', caseNo], queryFn: () => getAudit(caseNo), enabled: /^\d{14}$/.test(caseNo) });
}
