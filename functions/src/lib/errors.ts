import { DomainError, ERROR_MESSAGES, type ApiErrorBody, type ErrorCode } from '@minsheng/shared';

/** The one map from domain error codes to HTTP statuses. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  UNKNOWN_CATEGORY: 400,
  UNKNOWN_DEPARTMENT: 400,
  UNKNOWN_UNIT: 400,
  IDEMPOTENCY_KEY_INVALID: 400,
  IDEMPOTENCY_KEY_REUSED: 409,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  TOO_MANY_ATTEMPTS: 429,
  CODE_INVALID: 401,
  FORBIDDEN: 403,
  NOT_YOUR_DEPARTMENT: 403,
  CASE_NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  INVALID_TRANSITION: 409,
  ALREADY_RATED: 409,
  EXTENSION_NOT_ALLOWED: 409,
  RATING_WINDOW_OPEN: 409,
  UNIT_IN_USE: 409,
  STORAGE_UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

const STORAGE_UNAVAILABLE_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
/** A cancelled transaction for these reasons failed for load, not for its conditions: worth a retry later. */
const TRANSIENT_CANCELLATIONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'TransactionConflict']);

/** DynamoDB throttled, down or out of reach: the request may succeed later (503), it is not a bug. */
export function isStorageUnavailable(error: unknown): boolean {
  const e = error as { name?: string; code?: string; cause?: unknown } | null;
  if (!e) return false;
  if (STORAGE_UNAVAILABLE_NAMES.has(e.name ?? '') || NETWORK_CODES.has(e.code ?? '')) return true;
  // Throttled, or still colliding with other writers after the stores' own retries (and no condition failed).
  const reasons = ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code ?? '');
  if (e.name === 'TransactionCanceledException' && reasons.some((r) => TRANSIENT_CANCELLATIONS.has(r)) && !reasons.includes('ConditionalCheckFailed')) return true;
  return e.cause !== undefined && e.cause !== error && isStorageUnavailable(e.cause);
}

export interface ErrorResponse {
  statusCode: number;
  body: ApiErrorBody;
  headers: Record<string, string>;
}

/** Any thrown value → the response the API gives: domain errors by code, storage outages 503, the rest 500. */
export function toErrorResponse(error: unknown): ErrorResponse {
  const domain =
    error instanceof DomainError ? error : isStorageUnavailable(error) ? new DomainError('STORAGE_UNAVAILABLE') : new DomainError('INTERNAL');
  const headers: Record<string, string> = {};
  if (domain.retryAfterSeconds !== undefined) headers['Retry-After'] = String(domain.retryAfterSeconds);
  if (domain.code === 'STORAGE_UNAVAILABLE') headers['Retry-After'] ??= '5';
  return {
    statusCode: HTTP_STATUS[domain.code],
    headers,
    body: {
      error: {
        code: domain.code,
        message: domain.message || ERROR_MESSAGES[domain.code],
        ...(domain.fields ? { fields: domain.fields } : {}),
        ...(domain.retryAfterSeconds !== undefined ? { retryAfterSeconds: domain.retryAfterSeconds } : {}),
      },
    },
  };
}
