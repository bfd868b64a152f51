import type { LibraryItemDto, LibraryKind, PolicySearchResponse } from '@minsheng/shared';
import { apiRequest } from '../../lib/request';

export interface LibrarySearchParams {
  /** Searched in Chinese; empty or absent: newest first. */
  q?: string;
  kind?: LibraryKind;
  limit?: number;
  offset?: number;
}

/** The query string of `GET /api/policies`: only the parts that are set, each encoded. */
export function searchPath(params: LibrarySearchParams): string {
  const parts: string[] = [];
  const q = params.q?.trim();
  if (q) parts.push(`q=${encodeURIComponent(q)}`);
  if (params.kind) parts.push(`kind=${params.kind}`);
  if (params.limit !== undefined) parts.push(`limit=${params.limit}`);
  if (params.offset) parts.push(`offset=${params.offset}`);
  return `/api/policies${parts.length ? `?${parts.join('&')}` : ''}`;
}

/** `GET /api/policies?q=&kind=&limit=&offset=` (public) */
export function searchLibrary(params: LibrarySearchParams, timeoutMs?: number): Promise<PolicySearchResponse> {
  return apiRequest(searchPath(params), timeoutMs === undefined ? {} : { timeoutMs });
}

/** `GET /api/policies/{id}` (public); a 404 carries the API's own message. */
export function getLibraryItem(id: string): Promise<LibraryItemDto> {
  return apiRequest(`/api/policies/${encodeURIComponent(id)}`);
}
