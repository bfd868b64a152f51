import * as z from 'zod/mini';

/** A mainland mobile number (the one given at filing); spaces, dashes and +86 are allowed. */
const phone = z.string().check(
  z.maxLength(20, { message: '请填写 11 位手机号' }),
  z.refine((v) => /^1[3-9]\d{9}$/.test(v.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '')), { message: '请填写 11 位手机号' }),
);

/** `POST /api/recovery/sms-code`: send a recovery code to the phone given at filing. */
export const recoverySmsCodeRequestSchema = z.strictObject({ phone });
export type RecoverySmsCodeRequest = z.infer<typeof recoverySmsCodeRequestSchema>;

/** Always the same answer, whether or not the phone has cases (nothing is said about that). */
export interface RecoverySmsCodeResponse {
  expiresInSeconds: number;
  resendAfterSeconds: number;
}

/** `POST /api/recovery/verify`: the phone and the 6-digit code it received. */
export const recoveryVerifyRequestSchema = z.strictObject({
  phone,
  code: z.string().check(z.regex(/^\d{6}$/, { message: '请填写短信中的 6 位验证码' })),
});
export type RecoveryVerifyRequest = z.infer<typeof recoveryVerifyRequestSchema>;

/** A "me" session for the phone: its cases are listed with GET /api/me/cases. */
export interface RecoveryVerifyResponse {
  token: string;
  expiresAt: string;
}
