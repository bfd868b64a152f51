import type { DispatchRuleDto, DispatchRuleInput, UnitDto } from '@minsheng/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

const key = ['admin', 'dispatch-rules'];

/** GET /api/console/admin/dispatch-rules — the 派单目录. */
export function useDispatchRules() {
  return useQuery({ queryKey: key, queryFn: () => api<{ items: DispatchRuleDto[] }>('/console/admin/dispatch-rules'), select: (r) => r.items });
}

/** GET /api/units — the active units (the same tree citizens pick their place from). */
export function useUnits() {
  return useQuery({ queryKey: ['reference', 'units'], queryFn: () => api<{ items: UnitDto[] }>('/units', { anonymous: true }), staleTime: 10 * 60_000, select: (r) => r.items });
}

/** POST /api/console/admin/dispatch-rules — set the department of a category at a unit (replacing the line there). */
export function usePutDispatchRule() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (input: DispatchRuleInput) => api<DispatchRuleDto>('/console/admin/dispatch-rules', { body: input }), onSuccess: () => void qc.invalidateQueries({ queryKey: key }) });
}

/** DELETE /api/console/admin/dispatch-rules?categoryId=&unitId= */
export function useDeleteDispatchRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: { categoryId: string; unitId: string }) => api<{ deleted: true }>('/console/admin/dispatch-rules', { method: 'DELETE', query: r }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key }),
  });
}
