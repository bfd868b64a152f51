import { DomainError } from '@minsheng/shared';
import type { Deps } from '../deps';

/** Filing uploads one client may ask for in ten minutes (nine photos, a few retries, a few drafts). */
export const FILING_UPLOADS_PER_CLIENT = 40;
const WINDOW_MS = 10 * 60 * 1000;

/** Count a tokenless upload request of a client; 429 once it has asked for too many in the window. */
export async function countUploadRequest(deps: Pick<Deps, 'throttle' | 'now'>, clientId: string): Promise<void> {
  const now = deps.now().getTime();
  const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
  const count = await deps.throttle.countAttempt(`upload#client#${clientId}`, windowStart, windowStart + WINDOW_MS, 1);
  if (count > FILING_UPLOADS_PER_CLIENT) {
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000));
    throw new DomainError('TOO_MANY_ATTEMPTS', { message: `上传过于频繁，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`, retryAfterSeconds });
  }
}
