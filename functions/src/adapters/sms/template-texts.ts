/**
 * The texts of the three SMS templates to have approved by Tencent Cloud (README, "Configuring SMS"),
 * with their {n} variables; the local fake fills them in to show what the phone would show. The
 * password is never in a message: an SMS sits in operator logs and on shared phones, and recovery
 * by SMS code makes sending it unnecessary.
 */
export const SMS_TEMPLATE_TEXTS = {
  /** {1}: the case number. */
  filed: '您的诉求已提交，案件编号{1}。请妥善保管查询密码；凭本手机号可找回查询密码。',
  /** {1}: the case number, {2}: what happened (at most 6 characters, SMS_PROGRESS_PHRASES). */
  progress: '您的诉求（案件编号{1}）{2}，请在“民声”小程序查询进度查看详情。',
  /** {1}: the 6-digit code. */
  code: '您的验证码为{1}，5分钟内有效，用于找回民声诉求的查询。如非本人操作，请忽略本短信。',
} as const;

/** A template's text with its variables filled in. */
export function fillTemplate(text: string, params: string[]): string {
  return text.replace(/\{(\d+)\}/g, (m, n: string) => params[Number(n) - 1] ?? m);
}
