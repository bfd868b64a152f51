import { DomainError } from '@minsheng/shared';
import type { WeChatApi } from '../../ports/wechat';

export interface WeChatConfig {
  /** https://api.weixin.qq.com in production; a local fake in tests and the local stack. */
  baseUrl: string;
  appId: string;
  appSecret: string;
  fetch?: typeof fetch;
  now?: () => number;
}

interface WeChatError {
  errcode?: number;
  errmsg?: string;
}

/** access_token invalid or expired: fetch a new one and retry once. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);

/**
 * A small WeChat server-API client. The access_token is cached until five minutes before it
 * expires, shared by concurrent callers, and refreshed when WeChat says it is no longer valid.
 */
export function createWeChatClient(config: WeChatConfig): WeChatApi & { tokenFetches(): number } {
  const doFetch = config.fetch ?? fetch;
  const now = config.now ?? Date.now;
  let token: { value: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  let fetches = 0;

  async function fetchToken(): Promise<string> {
    fetches++;
    const url = `${config.baseUrl}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(config.appId)}&secret=${encodeURIComponent(config.appSecret)}`;
    const res = await doFetch(url);
    const body = (await res.json()) as WeChatError & { access_token?: string; expires_in?: number };
    if (!res.ok || !body.access_token) throw new Error(`WeChat token: ${res.status} ${body.errcode ?? ''} ${body.errmsg ?? ''}`);
    token = { value: body.access_token, expiresAt: now() + Math.max(60, (body.expires_in ?? 7200) - 300) * 1000 };
    return token.value;
  }

  /** The cached token; `rejected` is one WeChat refused — refetch only if it is still the cached one. */
  async function accessToken(rejected?: string): Promise<string> {
    if (token && token.expiresAt > now() && token.value !== rejected) return token.value;
    if (pending) return pending;
    pending = fetchToken().finally(() => (pending = undefined));
    return pending;
  }

  return {
    tokenFetches: () => fetches,

    async codeToOpenId(code) {
      const url = `${config.baseUrl}/sns/jscode2session?appid=${encodeURIComponent(config.appId)}&secret=${encodeURIComponent(config.appSecret)}&js_code=${encodeURIComponent(code)}&grant_type=authorization_code`;
      const res = await doFetch(url);
      const body = (await res.json()) as WeChatError & { openid?: string };
      if (!body.openid) throw new DomainError('VALIDATION_FAILED', { fields: { code: '微信登录凭证无效或已过期，请重试' } });
      return body.openid;
    },

    async sendSubscribeMessage(message) {
      let rejected: string | undefined;
      for (let attempt = 0; attempt < 2; attempt++) {
        const tokenValue = await accessToken(rejected);
        const res = await doFetch(`${config.baseUrl}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(tokenValue)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ touser: message.openid, template_id: message.templateId, page: message.page, data: message.data }),
        });
        const body = (await res.json()) as WeChatError;
        if (res.ok && (body.errcode ?? 0) === 0) return;
        if (!TOKEN_ERRORS.has(body.errcode ?? -1)) throw new Error(`WeChat send: ${res.status} ${body.errcode} ${body.errmsg ?? ''}`);
        rejected = tokenValue;
      }
      throw new Error('WeChat send: access_token rejected twice');
    },
  };
}
