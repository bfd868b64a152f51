import type { OfficialDto } from '@minsheng/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** GET /api/console/admin/officials */
export function listOfficials(): Promise<{ items: OfficialDto[] }> {
  return api('/console/admin/officials');
}

export function useOfficials() {
  return useQuery({ queryKey: ['admin', 'officials'], queryFn: listOfficials, select: (r) => r.items });
}
