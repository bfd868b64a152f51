/** Every error code the API can answer with; the front ends map them to the messages below. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'INVALID_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'UNKNOWN_CATEGORY',
  'UNKNOWN_DEPARTMENT',
  'UNKNOWN_UNIT',
  'IDEMPOTENCY_KEY_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'INVALID_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'CODE_INVALID',
  'FORBIDDEN',
  'NOT_YOUR_DEPARTMENT',
  'CASE_NOT_FOUND',
  'ALREADY_EXISTS',
  'NOT_FOUND',
  'VERSION_CONFLICT',
  'INVALID_TRANSITION',
  'ALREADY_RATED',
  'EXTENSION_NOT_ALLOWED',
  'RATING_WINDOW_OPEN',
  'UNIT_IN_USE',
  'STORAGE_UNAVAILABLE',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Plain-Chinese default message for each code, safe to show a citizen as is. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '提交的内容有误，请按提示修改后重试',
  INVALID_JSON: '请求格式不正确（不是有效的 JSON）',
  UNSUPPORTED_MEDIA_TYPE: '请求格式不正确，请以 JSON 提交',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  UNKNOWN_CATEGORY: '所选的问题类别不存在，请重新选择',
  UNKNOWN_DEPARTMENT: '所选的部门不存在，请重新选择',
  UNKNOWN_UNIT: '所选的单位不存在或已停用，请重新选择',
  IDEMPOTENCY_KEY_INVALID: '请求标识（Idempotency-Key）格式不正确',
  IDEMPOTENCY_KEY_REUSED: '同一请求标识已用于另一份不同的诉求，请刷新后重新提交',
  UNAUTHENTICATED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  INVALID_CREDENTIALS: '案件编号或查询密码不正确',
  TOO_MANY_ATTEMPTS: '尝试次数过多，请稍后再试',
  CODE_INVALID: '验证码错误或已过期',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_YOUR_DEPARTMENT: '该案件不属于您所在的部门',
  CASE_NOT_FOUND: '案件不存在',
  ALREADY_EXISTS: '已存在同名记录',
  NOT_FOUND: '请求的内容不存在',
  VERSION_CONFLICT: '案件已被他人更新，请刷新后重试',
  INVALID_TRANSITION: '案件当前状态不允许此操作',
  ALREADY_RATED: '您已评价过本次答复，评价不能修改',
  EXTENSION_NOT_ALLOWED: '本案件不能再申请延期',
  RATING_WINDOW_OPEN: '群众评价期尚未结束，暂不能办结',
  UNIT_IN_USE: '该单位仍有在用的部门、人员或未办结的案件，暂不能进行此操作',
  STORAGE_UNAVAILABLE: '服务暂时不可用，请稍后重试',
  SERVICE_UNAVAILABLE: '相关服务暂时不可用，请稍后重试',
  INTERNAL: '服务出现异常，请稍后重试',
};

/**
 * SERVICE_UNAVAILABLE's message when the API sheds load (too many requests in flight: the local
 * stack's gateway answers 503 + Retry-After with it); the request was not carried out.
 */
export const SERVICE_BUSY_MESSAGE = '服务繁忙，请稍后重试';

/** Per-field problems, keyed by the field's dotted path (e.g. `contact.phone`). */
export type FieldErrors = Record<string, string>;

/** The error body every API failure answers with. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldErrors; retryAfterSeconds?: number };
}

/** A failure the domain expects and the API reports with its code; never a bare 500. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, options: { message?: string; fields?: FieldErrors; retryAfterSeconds?: number } = {}) {
    super(options.message ?? ERROR_MESSAGES[code]);
    this.name = 'DomainError';
    this.code = code;
    if (options.fields) this.fields = options.fields;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
