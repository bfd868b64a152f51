import { ERROR_MESSAGES, type ApiErrorBody, type ErrorCode } from '@minsheng/shared';
import { ApiError } from '@/lib/api-client';
import { saveFile } from '@/lib/csv';
import { env } from '@/lib/env';
import { sessionStore } from '@/lib/session';

/**
 * GET /api/console/open-data/{month}?format=&k= as a file: fetched with the official's token (a plain link
 * could not carry it), then handed to the browser as a download under the server's file name.
 */
export async function downloadOpenData(month: string, format: 'csv' | 'json', k: number): Promise<void> {
  const token = sessionStore.token();
  let res: Response;
  try {
    res = await fetch(`${env.apiBase}/console/open-data/${month}?format=${format}&k=${k}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) {
    const err = ((await res.json().catch(() => undefined)) as Partial<ApiErrorBody> | undefined)?.error;
    const code = (err?.code ?? 'INTERNAL') as ErrorCode;
    if (res.status === 401) sessionStore.signOut(code === 'TOKEN_EXPIRED' ? 'expired' : 'revoked');
    throw new ApiError(res.status, code, err?.message ?? ERROR_MESSAGES[code] ?? '下载失败，请稍后重试', err?.fields ? { fields: err.fields } : {});
  }
  const blob = await res.blob();
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `minsheng-open-data-${month}.${format}`;
  saveFile(name, blob);
}
