import type { InboxResponse } from '@minsheng/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export type InboxItem = InboxResponse['items'][number];

const INBOX_KEY = ['inbox'] as const;

/** GET /api/console/inbox — this official's notifications (department's for handlers, role's otherwise), newest first, each read or not for this official. */
export function getInbox(): Promise<InboxResponse> {
  return api('/console/inbox');
}

const inboxQuery = { queryKey: INBOX_KEY, queryFn: getInbox, refetchInterval: 60_000 };

export function useInbox() {
  return useQuery({ ...inboxQuery, select: (r: InboxResponse) => r.items });
}

/** How many of this official's messages are unread (for the 消息 navigation item); undefined until known. */
export function useInboxUnread(): number | undefined {
  return useQuery({ ...inboxQuery, select: (r: InboxResponse) => r.unread }).data;
}

/** POST /api/console/inbox/read — read up to `upTo` (an item's `at`); the inbox comes back with its new count. */
export function useMarkInboxRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (upTo: string) => api<InboxResponse>('/console/inbox/read', { body: { upTo } }),
    onSuccess: (inbox) => qc.setQueryData(INBOX_KEY, inbox),
  });
}
