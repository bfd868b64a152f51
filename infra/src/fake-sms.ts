/**
 * A local stand-in for Tencent Cloud SMS (API 3.0 SendSms, 2021-01-11) at the HTTP boundary:
 * it checks the TC3-HMAC-SHA256 signature with its own copy of the secret (computed here, not with
 * the client's code), answers as Tencent does (Response.SendStatusSet / Response.Error), and keeps
 * what it "sent". GET / is the developer's view of the phones: every message with its template
 * filled in, as the phone would show it; GET /messages the same as JSON. Used by the tests and by
 * `npm start`.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { SMS_TEMPLATE_TEXTS, fillTemplate } from '../../functions/src/adapters/sms/template-texts';

export interface ReceivedSms {
  /** E.164, as sent (+86…). */
  phone: string;
  templateId: string;
  params: string[];
  signName: string;
  /** What the phone shows: 【signature】 and the filled template. */
  text: string;
  at: string;
}

export interface FakeSms {
  url: string;
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  templates: { filed: string; progress: string; code: string };
  messages(): ReceivedSms[];
  /** Messages to one phone (11 digits or +86…). */
  messagesTo(phone: string): ReceivedSms[];
  /** Refused requests (bad signature, unknown template…), by Tencent error code. */
  refusals(): string[];
  /** While set, every SendSms fails as Tencent does when it is unavailable. */
  setFailing(failing: boolean): void;
  stop(): Promise<void>;
}

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

/** The signature Tencent expects for this request, from the signed headers the request names. */
function expectedSignature(secretKey: string, headers: Record<string, string | string[] | undefined>, signedHeaders: string[], body: string, timestamp: string, scope: string): string {
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${String(headers[h] ?? '').trim().toLowerCase()}\n`).join('');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders.join(';'), sha256Hex(body)].join('\n');
  const stringToSign = ['TC3-HMAC-SHA256', timestamp, scope, sha256Hex(canonicalRequest)].join('\n');
  const [date, service] = scope.split('/');
  const key = hmac(hmac(hmac(`TC3${secretKey}`, date!), service!), 'tc3_request');
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export async function startFakeSms(
  options: { port?: number; secretId?: string; secretKey?: string; sdkAppId?: string; signName?: string; templates?: { filed: string; progress: string; code: string } } = {},
): Promise<FakeSms> {
  const secretId = options.secretId ?? 'AKID-local-demo';
  const secretKey = options.secretKey ?? 'local-demo-sms-secret';
  const sdkAppId = options.sdkAppId ?? '1400000000';
  const signName = options.signName ?? '民声';
  const templates = options.templates ?? { filed: '100001', progress: '100002', code: '100003' };
  const texts: Record<string, string> = { [templates.filed]: SMS_TEMPLATE_TEXTS.filed, [templates.progress]: SMS_TEMPLATE_TEXTS.progress, [templates.code]: SMS_TEMPLATE_TEXTS.code };
  const received: ReceivedSms[] = [];
  const refused: string[] = [];
  let failing = false;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const json = (body: unknown) => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const error = (code: string, message: string) => {
      refused.push(code);
      json({ Response: { Error: { Code: code, Message: message }, RequestId: 'fake' } });
    };
    if (req.method === 'GET' && url.pathname === '/messages') return json(received);
    if (req.method === 'GET' && url.pathname === '/') {
      const rows = [...received]
        .reverse()
        .map((m) => `<tr><td>${escapeHtml(new Date(m.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }))}</td><td>${escapeHtml(m.phone)}</td><td>${escapeHtml(m.text)}</td></tr>`)
        .join('');
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>本地短信（模拟腾讯云短信）</title>` +
          `<style>body{font-family:sans-serif;margin:2em}td,th{border-bottom:1px solid #ddd;padding:.4em .8em;text-align:left;vertical-align:top}</style></head><body>` +
          `<h1>本地短信</h1><p>这是开发者视图：手机将收到的短信（模板已填入参数），最新的在前，每 5 秒刷新。共 ${received.length} 条。</p>` +
          `<table><thead><tr><th>时间</th><th>手机号</th><th>短信内容</th></tr></thead><tbody>${rows || '<tr><td colspan="3">还没有收到短信</td></tr>'}</tbody></table></body></html>`,
      );
      return;
    }
    if (req.method !== 'POST' || url.pathname !== '/') {
      res.writeHead(404).end();
      return;
    }
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const h = req.headers;
      if (h['x-tc-action'] !== 'SendSms' || h['x-tc-version'] !== '2021-01-11') return error('InvalidAction', 'unknown action or version');
      const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2}\/sms\/tc3_request), SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$/.exec(String(h.authorization ?? ''));
      if (!auth) return error('AuthFailure.SignatureFailure', 'malformed Authorization');
      const [, id, scope, signed, signature] = auth;
      const timestamp = String(h['x-tc-timestamp'] ?? '');
      if (id !== secretId) return error('AuthFailure.SecretIdNotFound', 'unknown SecretId');
      if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return error('AuthFailure.SignatureExpire', 'signature expired');
      if (new Date(Number(timestamp) * 1000).toISOString().slice(0, 10) !== scope!.slice(0, 10)) return error('AuthFailure.SignatureFailure', 'date does not match the timestamp');
      const signedHeaders = signed!.split(';');
      if (!signedHeaders.includes('content-type') || !signedHeaders.includes('host')) return error('AuthFailure.SignatureFailure', 'content-type and host must be signed');
      const expected = expectedSignature(secretKey, h, signedHeaders, raw, timestamp, scope!);
      if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature!))) return error('AuthFailure.SignatureFailure', 'signature does not match');
      if (failing) return error('InternalError', 'fake: failing on purpose');
      let body: { PhoneNumberSet?: string[]; SmsSdkAppId?: string; SignName?: string; TemplateId?: string; TemplateParamSet?: string[] };
      try {
        body = JSON.parse(raw);
      } catch {
        return error('InvalidParameter', 'body is not JSON');
      }
      if (body.SmsSdkAppId !== sdkAppId) return error('InvalidParameterValue.SdkAppIdNotExist', 'SdkAppId does not exist');
      if (body.SignName !== signName) return error('FailedOperation.SignatureIncorrectOrUnapproved', 'signature not approved');
      const text = texts[body.TemplateId ?? ''];
      if (!text) return error('FailedOperation.TemplateIncorrectOrUnapproved', 'template not approved');
      const params = body.TemplateParamSet ?? [];
      if ((text.match(/\{\d+\}/g) ?? []).length !== params.length) return error('InvalidParameterValue.TemplateParameterFormatError', 'wrong number of parameters');
      const phones = body.PhoneNumberSet ?? [];
      if (!phones.length || phones.some((p) => !/^\+861[3-9]\d{9}$/.test(p))) return error('InvalidParameterValue.IncorrectPhoneNumber', 'phone number format');
      const at = new Date().toISOString();
      for (const phone of phones) received.push({ phone, templateId: body.TemplateId!, params, signName, text: `【${signName}】${fillTemplate(text, params)}`, at });
      json({
        Response: {
          SendStatusSet: phones.map((p, i) => ({ SerialNo: `fake-${received.length}-${i}`, PhoneNumber: p, Fee: 1, SessionContext: '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' })),
          RequestId: `fake-${received.length}`,
        },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const asE164 = (phone: string) => (phone.startsWith('+') ? phone : `+86${phone}`);
  return {
    url: `http://127.0.0.1:${port}`,
    secretId,
    secretKey,
    sdkAppId,
    signName,
    templates,
    messages: () => [...received],
    messagesTo: (phone) => received.filter((m) => m.phone === asE164(phone)),
    refusals: () => [...refused],
    setFailing: (f) => {
      failing = f;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
