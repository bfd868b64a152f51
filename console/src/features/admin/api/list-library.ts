import type { LibraryAdminListResponse, LibraryKind } from '@minsheng/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export interface LibraryListParams {
  q?: string;
  kind?: LibraryKind;
  limit: number;
  offset: number;
}

/** GET /api/console/admin/policies?q=&kind=&limit=&offset= — searched like the public library, or newest first; read fresh. */
export function listLibrary(params: LibraryListParams): Promise<LibraryAdminListResponse> {
  return api('/console/admin/policies', { query: { q: params.q?.trim(), kind: params.kind, limit: params.limit, offset: params.offset } });
}

export const libraryKey = ['admin', 'library'] as const;

export function useLibrary(params: LibraryListParams) {
  // Keep the last page on screen while the next one loads (paging, typing a new search).
  return useQuery({ queryKey: [...libraryKey, params], queryFn: () => listLibrary(params), placeholderData: keepPreviousData });
}
