import * as z from 'zod/mini';

/**
 * The console's configuration, parsed once at start-up. The API is reached at a relative '/api'
 * by default: the console server (infra/src/console-server.ts) or Vite's dev server proxies it,
 * so one build works on any host and port.
 */
const envSchema = z.object({
  VITE_API_BASE: z._default(z.string().check(z.regex(/^(\/|https?:\/\/)/, { message: 'VITE_API_BASE must be a path or an http(s) URL' })), '/api'),
});

const parsed = envSchema.safeParse(import.meta.env);
if (!parsed.success) {
  throw new Error(`民声工作台配置错误：${parsed.error.issues.map((i) => i.message).join('; ')}`);
}

export const env = {
  apiBase: parsed.data.VITE_API_BASE.replace(/\/$/, ''),
} as const;
