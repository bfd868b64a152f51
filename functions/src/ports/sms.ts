/**
 * An SMS provider (Tencent Cloud SMS in production; a local fake at the same HTTP boundary in the
 * local stack). Messages use templates the provider approved beforehand: the platform only fills
 * in their parameters, and signs with the approved signature (configuration).
 */
export interface SmsApi {
  /** Send one templated message; resolves when the provider accepted it, rejects with its error code otherwise. */
  send(message: { phone: string; templateId: string; params: string[] }): Promise<void>;
}

/** The provider's approved template ids, by purpose. */
export interface SmsTemplates {
  /** 「您的诉求已提交，案件编号{1}…」 */
  filed: string;
  /** 「案件{1}{2}…」 progress: {1} case number, {2} what happened. */
  progress: string;
  /** 「验证码{1}，5分钟内有效…」 */
  code: string;
}
