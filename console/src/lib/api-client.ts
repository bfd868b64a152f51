import { ERROR_MESSAGES, type ApiErrorBody, type ErrorCode, type FieldErrors } from '@minsheng/shared';
import { env } from './env';
import { sessionStore } from './session';

/** A failed API call: the API's code and plain-Chinese message, and per-field problems. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly fields?: FieldErrors;
  readonly retryAfterSeconds?: number;

  constructor(status: number, code: ErrorCode | 'NETWORK', message: string, extra: { fields?: FieldErrors; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    if (extra.fields) this.fields = extra.fields;
    if (extra.retryAfterSeconds !== undefined) this.retryAfterSeconds = extra.retryAfterSeconds;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A message an official can act on, whatever failed. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    const fields = error.fields ? Object.values(error.fields) : [];
    return fields.length && error.code === 'VALIDATION_FAILED' ? fields.join('；') : error.message;
  }
  return '操作失败，请稍后重试';
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Login itself: no token, and a 401 means wrong credentials, not an expired session. */
  anonymous?: boolean;
  /** Extra request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
}

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `${env.apiBase}${path}${qs ? `?${qs}` : ''}`;
}

/**
 * Call the API. Resolves with the JSON body on 2xx; rejects with an ApiError otherwise (never
 * resolves with an error body). A 401 on an authenticated call ends the session: the app then
 * returns to the login page, and unsent drafts stay in local storage.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const token = options.anonymous ? undefined : sessionStore.token();
  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers: {
        Accept: 'application/json',
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (res.ok) return body as T;

  const err = (body as Partial<ApiErrorBody> | undefined)?.error;
  const code = (err?.code ?? (res.status === 401 ? 'UNAUTHENTICATED' : res.status >= 500 ? 'INTERNAL' : 'NOT_FOUND')) as ErrorCode;
  const error = new ApiError(res.status, code, err?.message ?? ERROR_MESSAGES[code] ?? '操作失败，请稍后重试', {
    ...(err?.fields ? { fields: err.fields } : {}),
    ...(err?.retryAfterSeconds !== undefined ? { retryAfterSeconds: err.retryAfterSeconds } : {}),
  });
  if (res.status === 401 && !options.anonymous) sessionStore.signOut(code === 'TOKEN_EXPIRED' ? 'expired' : 'revoked');
  throw error;
}
