import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { SlaPolicyRow } from './types';

/** GET /api/console/admin/sla-policies — the policy of each case type (admins and supervisors). */
export function listSlaPolicies(): Promise<{ items: SlaPolicyRow[] }> {
  return api('/console/admin/sla-policies');
}

export function useSlaPolicies() {
  return useQuery({ queryKey: ['admin', 'sla-policies'], queryFn: listSlaPolicies, select: (r) => r.items });
}
