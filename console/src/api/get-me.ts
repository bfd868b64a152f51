import type { ConsoleQueue, OfficialRole } from '@minsheng/shared';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export interface MeResponse {
  official: { username: string; displayName: string; role: OfficialRole; departmentId?: string; departmentName?: string };
  queues: ConsoleQueue[];
}

/** GET /api/console/me — who is signed in and which queues their role works from. */
export function getMe(): Promise<MeResponse> {
  return api('/console/me');
}

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: getMe, staleTime: 5 * 60_000 });
}
