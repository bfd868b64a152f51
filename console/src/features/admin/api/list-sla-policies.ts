import type { SlaPolicyDto } from '@minsheng/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** GET /api/console/admin/sla-policies — the policy of each case type (admins and supervisors). */
export function listSlaPolicies(): Promise<{ items: SlaPolicyDto[] }> {
  return api('/console/admin/sla-policies');
}

export function useSlaPolicies() {
  return useQuery({ queryKey: ['admin', 'sla-policies'], queryFn: listSlaPolicies, select: (r) => r.items });
}
