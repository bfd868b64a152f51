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

/** For admin pages: "系统管理员（admin）" for a login name — the name from the accounts list, the login beside it; the login alone until the list is in. */
export function useOfficialLabel(): (username: string | undefined) => string {
  const officials = useOfficials();
  return (username) => {
    if (!username) return '—';
    const name = officials.data?.find((o) => o.username === username)?.displayName;
    return name ? `${name}（${username}）` : username;
  };
}
