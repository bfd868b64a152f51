import { DomainError, LIBRARY_ID_PATTERN, type LibraryItemDto, type LibraryKind, type PolicySearchResponse } from '@minsheng/shared';
import type { Deps } from '../deps';
import { namesFrom } from '../reference/names';
import { toItemDto, toSummary } from './present';

export const libraryItemNotFound = () => new DomainError('NOT_FOUND', { message: '该政策或问答不存在或已下架' });

export interface SearchParams {
  q?: string;
  limit?: number;
  offset?: number;
  kind?: LibraryKind;
}

/**
 * The public library: with `q`, ranked Chinese search (title matches and recent items first);
 * without, newest first. Answered from this process's index, checked against the table every few seconds.
 */
export async function searchLibrary(deps: Pick<Deps, 'librarySearch' | 'now'>, params: SearchParams): Promise<PolicySearchResponse> {
  const page = { limit: params.limit ?? 10, offset: params.offset ?? 0, ...(params.kind ? { kind: params.kind } : {}) };
  const q = params.q?.trim() ?? '';
  if (q === '') {
    const { total, items } = await deps.librarySearch.newest(page);
    return { items: items.map((d) => toSummary(d, [])), total };
  }
  const result = await deps.librarySearch.search(q, { ...page, now: deps.now() });
  return { q, total: result.total, items: result.hits.map((h) => toSummary(h.item, result.words, h)) };
}

/** One item in full (the table's copy: always the latest). */
export async function getLibraryItem(deps: Pick<Deps, 'library' | 'reference'>, id: string): Promise<LibraryItemDto> {
  if (!LIBRARY_ID_PATTERN.test(id)) throw libraryItemNotFound();
  const item = await deps.library.getItem(id);
  if (!item) throw libraryItemNotFound();
  return toItemDto(item, namesFrom([], await deps.reference.listCategories()));
}

