import { ApiError } from '../../lib/request';

/** Said after every request for a code, whatever the phone: the app never tells whether a phone has cases. */
export const CODE_SENT = '如果该手机号提交过诉求，验证码已发送';

/** The phone as the API takes it: digits only (spaces and dashes typed by habit removed). */
export function normalizePhone(phone: string): string {
  return phone.replace(/[\s-]/g, '');
}

export function checkRecoveryPhone(phone: string): string | undefined {
  const p = normalizePhone(phone);
  if (!p) return '请输入提交诉求时填写的手机号';
  if (!/^1[3-9]\d{9}$/.test(p)) return '请填写正确的 11 位手机号';
  return undefined;
}

export function checkRecoveryCode(code: string): string | undefined {
  const c = code.replace(/\s/g, '');
  if (!c) return '请输入短信里的 6 位验证码';
  if (!/^\d{6}$/.test(c)) return '验证码是 6 位数字';
  return undefined;
}

/** `90` → `2 分钟`, `30` → `30 秒`, `7200` → `2 小时`. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} 秒`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} 分钟`;
  return `${Math.ceil(seconds / 3600)} 小时`;
}

/** The send button: `59 秒后可重新发送`, a long wait in minutes (`29 分钟后可重新发送`, never `1736 秒`). */
export function resendLabel(waitSeconds: number, sent: boolean): string {
  if (waitSeconds > 60) return `${formatWait(waitSeconds)}后可重新发送`;
  if (waitSeconds > 0) return `${Math.ceil(waitSeconds)} 秒后可重新发送`;
  return sent ? '重新发送验证码' : '发送验证码';
}

/** A failed recovery request, said for a citizen: which field, and what to do. */
export function recoveryError(e: unknown, step: 'send' | 'verify'): { field?: 'phone' | 'code'; message: string } {
  if (!(e instanceof ApiError)) return { message: '操作没有成功，请稍后重试' };
  if (e.status === 401 && step === 'verify') return { field: 'code', message: '验证码错误或已过期。请核对短信里的验证码；输错 3 次或超过 5 分钟，请重新获取。' };
  if (e.status === 429) {
    // The server says why (this network, this phone today, a code just sent); its "请稍后再试" gets the real wait.
    const later = /[，,]?\s*请稍后再试[。.]?$/;
    if (e.retryAfterSeconds && later.test(e.message)) return { message: `${e.message.replace(later, '')}，请 ${formatWait(e.retryAfterSeconds)}后再试。` };
    return { message: e.message };
  }
  if (e.status === 400) {
    if (e.fields?.code) return { field: 'code', message: e.fields.code };
    if (e.fields?.phone) return { field: 'phone', message: e.fields.phone };
  }
  return { message: e.message };
}
