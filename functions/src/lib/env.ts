import * as z from 'zod/mini';

const envSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  AWS_REGION: z._default(z.string(), 'ap-east-1'),
  /** DynamoDB Local's URL; unset in AWS. */
  DYNAMODB_ENDPOINT: z.optional(z.string()),
  /** Signs tokens and derives idempotent passwords. At least 32 characters. */
  APP_SECRET: z.string().check(z.minLength(32, { message: 'APP_SECRET must be at least 32 characters' })),
  /** Minutes a citizen token lives. */
  CITIZEN_TOKEN_MINUTES: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(24 * 60)), 30),
  /** Minutes an official's console token lives. */
  OFFICIAL_TOKEN_MINUTES: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(24 * 60)), 60),
  /** Minutes a citizen's "me" session (WeChat, or a verified SMS code) lives. */
  ME_TOKEN_MINUTES: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(24 * 60)), 120),
  /** Local stack only: a file with a clock offset in milliseconds (honoured only with DYNAMODB_ENDPOINT). */
  LOCAL_CLOCK_FILE: z.optional(z.string()),
  /** WeChat server API (https://api.weixin.qq.com; a local fake in the local stack). Citizens are messaged only when all four are set. */
  WECHAT_API_BASE: z.optional(z.string()),
  WECHAT_APP_ID: z.optional(z.string()),
  WECHAT_APP_SECRET: z.optional(z.string()),
  WECHAT_TEMPLATE_ID: z.optional(z.string()),
  /**
   * Tencent Cloud SMS (https://sms.tencentcloudapi.com; a local fake in the local stack). Citizens are
   * texted, and recovery by SMS code works, only when the base, credentials, app, signature and
   * the three template ids are all set.
   */
  SMS_API_BASE: z.optional(z.string()),
  SMS_SECRET_ID: z.optional(z.string()),
  SMS_SECRET_KEY: z.optional(z.string()),
  SMS_SDK_APP_ID: z.optional(z.string()),
  SMS_SIGN_NAME: z.optional(z.string()),
  SMS_TEMPLATE_FILED: z.optional(z.string()),
  SMS_TEMPLATE_PROGRESS: z.optional(z.string()),
  SMS_TEMPLATE_CODE: z.optional(z.string()),
  /** Progress messages per phone per Shanghai day; more are not sent (the case page still shows them). */
  /** The evidence bucket (serverless.yml's EvidenceBucket; the local stack's s3rver bucket). */
  EVIDENCE_BUCKET: z._default(z.string().check(z.minLength(3)), 'minsheng-evidence'),
  /** A local S3-compatible server (s3rver); unset in AWS. */
  S3_ENDPOINT: z.optional(z.string()),
  /** The S3 address clients reach, when it differs from S3_ENDPOINT (local stack only). */
  S3_PUBLIC_ENDPOINT: z.optional(z.string()),
  SMS_DAILY_CAP_PER_PHONE: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(1000)), 10),
  /** 考核 weights, JSON of rates → 0–100 (e.g. {"responseRate":20,"resolutionRate":40,"satisfactionRate":40}); the defaults otherwise (assessment.ts). */
  ASSESSMENT_WEIGHTS: z.optional(z.string()),
});

export type Env = z.infer<typeof envSchema>;

/** Parse the environment once, at cold start; fail loudly and say what is missing. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${detail}`);
  }
  return result.data;
}
