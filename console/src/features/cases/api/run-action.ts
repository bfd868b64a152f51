import type { CaseStatus, ConsoleActionRequest, ConsoleCaseDto } from '@minsheng/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { caseKey } from './get-case';

/** A handler's send_back hands the case out of their department: they get this instead of the case. */
export interface HandedOver {
  caseNo: string;
  status: CaseStatus;
  statusLabel: string;
  version: number;
  handedOver: true;
}

/** POST /api/console/cases/{caseNo}/actions — at the version the official saw (409 if it moved). */
export function runAction(caseNo: string, body: ConsoleActionRequest): Promise<ConsoleCaseDto | HandedOver> {
  return api(`/console/cases/${encodeURIComponent(caseNo)}/actions`, { body });
}

export function isHandedOver(r: ConsoleCaseDto | HandedOver): r is HandedOver {
  return 'handedOver' in r && r.handedOver === true;
}

export function useRunAction(caseNo: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ConsoleActionRequest) => runAction(caseNo, body),
    onSuccess: (result) => {
      if (isHandedOver(result)) qc.removeQueries({ queryKey: caseKey(caseNo) });
      else qc.setQueryData(caseKey(caseNo), result);
      // Queues and their counts have changed.
      void qc.invalidateQueries({ queryKey: ['cases'] });
      void qc.invalidateQueries({ queryKey: ['queue-count'] });
    },
  });
}
