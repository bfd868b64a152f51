/**
 * A local stand-in for WeChat's server API, at the HTTP boundary (WeChat's servers can't run
 * here): access tokens, code2Session and subscription-message sending. Used by the tests and by
 * `npm start`; the real client talks to it exactly as it would to api.weixin.qq.com.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface SentMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  at: string;
}

export interface FakeWeChat {
  url: string;
  appId: string;
  appSecret: string;
  messages(): SentMessage[];
  tokenRequests(): number;
  /** Make the current access_token invalid, as WeChat does when another server refreshes it. */
  invalidateToken(): void;
  /** The openid the fake gives a wx.login code. */
  openidFor(code: string): string;
  stop(): Promise<void>;
}

export async function startFakeWeChat(options: { port?: number; appId?: string; appSecret?: string } = {}): Promise<FakeWeChat> {
  const appId = options.appId ?? 'wx-local-demo';
  const appSecret = options.appSecret ?? 'local-demo-secret';
  const sent: SentMessage[] = [];
  let tokenCount = 0;
  let currentToken: string | undefined;
  const openidFor = (code: string) => `o${createHash('sha256').update(code).digest('hex').slice(0, 27)}`;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const reply = (body: unknown) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      if (url.searchParams.get('appid') !== appId || url.searchParams.get('secret') !== appSecret) return reply({ errcode: 40013, errmsg: 'invalid appid' });
      tokenCount++;
      currentToken = `fake-token-${tokenCount}`;
      return reply({ access_token: currentToken, expires_in: 7200 });
    }
    if (req.method === 'GET' && url.pathname === '/sns/jscode2session') {
      const code = url.searchParams.get('js_code') ?? '';
      if (!code || code === 'invalid') return reply({ errcode: 40029, errmsg: 'invalid code' });
      return reply({ openid: openidFor(code), session_key: 'fake-session-key' });
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        if (!currentToken || url.searchParams.get('access_token') !== currentToken) return reply({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
        const body = JSON.parse(raw) as Omit<SentMessage, 'at'>;
        if (!body.touser || !body.template_id) return reply({ errcode: 47003, errmsg: 'argument invalid' });
        sent.push({ ...body, at: new Date().toISOString() });
        reply({ errcode: 0, errmsg: 'ok' });
      });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/__fake/messages') return reply(sent);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    messages: () => [...sent],
    tokenRequests: () => tokenCount,
    invalidateToken: () => {
      currentToken = undefined;
    },
    openidFor,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
