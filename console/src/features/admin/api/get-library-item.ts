import type { LibraryAdminItemDto } from '@minsheng/shared';
import { api, isApiError } from '@/lib/api-client';

/** GET /api/console/admin/policies/{id} — the item as stored now (undefined when it was deleted). */
export async function findLibraryItem(id: string): Promise<LibraryAdminItemDto | undefined> {
  try {
    return await api<LibraryAdminItemDto>(`/console/admin/policies/${encodeURIComponent(id)}`);
  } catch (e) {
    if (isApiError(e) && e.status === 404) return undefined;
    throw e;
  }
}
