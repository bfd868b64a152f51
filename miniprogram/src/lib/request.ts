import Taro from '@tarojs/taro';
import { ERROR_MESSAGES, type ApiErrorBody, type ErrorCode, type FieldErrors } from '@minsheng/shared';
import { API_BASE } from './env';

/** Codes the client adds to the API's own: the request never reached an answer. */
export type ClientErrorCode = 'NETWORK' | 'TIMEOUT' | 'BAD_RESPONSE';

const CLIENT_MESSAGES: Record<ClientErrorCode, string> = {
  NETWORK: '网络连接失败，请检查网络后重试。您填写的内容已保存，不会丢失。',
  TIMEOUT: '网络较慢，请求超时了，请稍后重试。您填写的内容已保存，不会丢失。',
  BAD_RESPONSE: '服务暂时不可用，请稍后重试',
};

/** A failed request, always with a plain-Chinese `message` that can be shown as is. */
export class ApiError extends Error {
  readonly code: ErrorCode | ClientErrorCode;
  readonly status: number;
  readonly fields?: FieldErrors;
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode | ClientErrorCode, message: string, status: number, extra: { fields?: FieldErrors; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    if (extra.fields) this.fields = extra.fields;
    if (extra.retryAfterSeconds !== undefined) this.retryAfterSeconds = extra.retryAfterSeconds;
  }

  /** The request may have reached the server: retrying with the same idempotency key is safe. */
  get isNetwork(): boolean {
    return this.code === 'NETWORK' || this.code === 'TIMEOUT';
  }
}

/** The message for an API error code when the answer carried none (or one we should not show). */
export function messageForCode(code: string, status: number): string {
  if (code in ERROR_MESSAGES) return ERROR_MESSAGES[code as ErrorCode];
  if (code in CLIENT_MESSAGES) return CLIENT_MESSAGES[code as ClientErrorCode];
  if (status === 404) return ERROR_MESSAGES.NOT_FOUND;
  if (status === 429) return ERROR_MESSAGES.TOO_MANY_ATTEMPTS;
  if (status >= 500) return ERROR_MESSAGES.INTERNAL;
  return '操作没有成功，请稍后重试';
}

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : String(headers[key]);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** Call the API; resolves with the JSON body of a 2xx answer, rejects with an ApiError otherwise. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let res: Awaited<ReturnType<typeof Taro.request>>;
  try {
    res = await Taro.request({
      url: `${API_BASE}${path}`,
      method: options.method ?? 'GET',
      header: headers,
      ...(options.body !== undefined ? { data: JSON.stringify(options.body) } : {}),
      dataType: 'json',
      timeout: options.timeoutMs ?? 20_000,
    });
  } catch (error) {
    const text = String((error as { errMsg?: string })?.errMsg ?? error);
    const code: ClientErrorCode = /timeout/i.test(text) ? 'TIMEOUT' : 'NETWORK';
    throw new ApiError(code, CLIENT_MESSAGES[code], 0);
  }
  let data: unknown = res.data;
  if (typeof data === 'string') {
    try {
      data = data === '' ? undefined : JSON.parse(data);
    } catch {
      throw new ApiError('BAD_RESPONSE', CLIENT_MESSAGES.BAD_RESPONSE, res.statusCode);
    }
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return data as T;

  const error = (data as Partial<ApiErrorBody> | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : res.statusCode >= 500 ? 'INTERNAL' : 'BAD_RESPONSE';
  // The API's messages are written for citizens (and may add detail, like attempts left); fall back to ours.
  const message = typeof error?.message === 'string' && error.message.trim() ? error.message : messageForCode(code, res.statusCode);
  const retryAfter = error?.retryAfterSeconds ?? Number(header(res.header as Record<string, unknown>, 'retry-after'));
  throw new ApiError(code as ErrorCode, message, res.statusCode, {
    ...(error?.fields ? { fields: error.fields } : {}),
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  });
}
