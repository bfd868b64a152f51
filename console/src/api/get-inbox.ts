import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export interface InboxItem {
  id: string;
  at: string;
  kind: string;
  caseNo: string;
  title: string;
  body: string;
}

/** GET /api/console/inbox — this official's notifications (department's for handlers, role's otherwise), newest first. */
export function getInbox(): Promise<{ items: InboxItem[] }> {
  return api('/console/inbox');
}

export function useInbox() {
  return useQuery({ queryKey: ['inbox'], queryFn: getInbox, refetchInterval: 60_000, select: (r) => r.items });
}
