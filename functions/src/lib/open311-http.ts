import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { DomainError, OPEN311_LIMITS } from '@minsheng/shared';
import { Open311Error, render, renderError, type Open311Format, type Open311Row } from './open311-format';
import { HTTP_STATUS, isStorageUnavailable } from './errors';
import type { ClientInfo, HttpHandler } from './http';
import { logger, requestLogging } from './log';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

export interface Open311Input<D> {
  deps: D;
  /** The path's last segment without its format suffix (`requests/{file}` → the id). */
  resource: string;
  query: Record<string, string | undefined>;
  /** POST: the form (or JSON object) fields, as strings. */
  form: Record<string, string>;
  client: ClientInfo;
  header(name: string): string | undefined;
}

/** `…/services.json` → json; the last path segment names the resource and the format (the spec's URLs). */
function formatOf(path: string): { resource: string; format: Open311Format | undefined } {
  const last = decodeSafe(path.split('/').at(-1) ?? '');
  const m = /^(.*)\.(json|xml)$/.exec(last);
  return m ? { resource: m[1]!, format: m[2] as Open311Format } : { resource: last, format: undefined };
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}

/** The POST body: form-encoded as the spec says, or a flat JSON object; other bodies are a 400. */
function readForm(event: Event): Record<string, string> {
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  if (!raw) return {};
  if (Buffer.byteLength(raw, 'utf8') > OPEN311_LIMITS.bodyBytesMax) throw new Open311Error(400, `提交的内容过大（不能超过 ${OPEN311_LIMITS.bodyBytesMax / 1024} KB） (body too large)`);
  const type = (event.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const out: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(raw)) if (!(k in out)) out[k] = v;
    return out;
  }
  if (/^application\/json\b/.test(type)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new Open311Error(400, '请求内容不是有效的 JSON (invalid JSON)');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Open311Error(400, '请求内容应为一个对象 (body must be an object)');
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof v === 'string') out[k] = v;
      else if (typeof v === 'number' && Number.isFinite(v)) out[k] = String(v);
      else if (v !== null && v !== undefined) throw new Open311Error(400, `字段 ${k.slice(0, 40)} 应为文字或数字 (field ${k.slice(0, 40)} must be a string or number)`);
    }
    return out;
  }
  throw new Open311Error(400, '请求内容应为 application/x-www-form-urlencoded (unsupported Content-Type)');
}

/** Any failure as the spec's error: 403 for a key, 404 for what does not exist, 400 for the rest (5xx stay 5xx). */
function toOpen311Error(error: unknown): Open311Error {
  if (error instanceof Open311Error) return error;
  if (error instanceof DomainError) {
    const status = HTTP_STATUS[error.code];
    const fields = error.fields ? Object.values(error.fields).join('；') : '';
    const description = fields ? `${error.message}：${fields}` : error.message;
    if (status >= 500) return new Open311Error(503, description);
    return new Open311Error(status === 401 || status === 403 ? 403 : status === 404 ? 404 : 400, description);
  }
  if (isStorageUnavailable(error)) return new Open311Error(503, '服务暂时不可用，请稍后重试 (service unavailable)');
  return new Open311Error(500, '服务内部错误 (internal error)');
}

/**
 * A GeoReport v2 route (wiki.open311.org/GeoReport_v2): the format from the path's suffix (`.json`,
 * `.xml`), answers in it, and every error in the spec's format — not the `{ error }` of the /api routes.
 * A path without a known suffix is a 404 in JSON.
 */
export function open311Route<D>(deps: () => D, handle: (input: Open311Input<D>) => Promise<{ status?: number; root: string; item: string; rows: Open311Row[] }>): HttpHandler<D> {
  const build = (getDeps: () => D) =>
    middy<Event, Result>()
      .use(requestLogging())
      .use(httpHeaderNormalizer())
      .use(httpCors({ origin: '*', headers: 'Content-Type', methods: 'GET,POST,OPTIONS', maxAge: 600 }))
      .handler(async (event) => {
        const { resource, format } = formatOf(event.rawPath ?? event.requestContext?.http?.path ?? '');
        const answer = (status: number, out: { contentType: string; body: string }): Result => ({
          statusCode: status,
          headers: { 'Content-Type': out.contentType, 'Cache-Control': 'no-store' },
          body: out.body,
        });
        try {
          if (!format) throw new Open311Error(404, '不支持的格式：请在路径末尾使用 .json 或 .xml (unknown format)');
          const header = (name: string) => event.headers[name.toLowerCase()];
          const ip = event.requestContext?.http?.sourceIp;
          const userAgent = header('user-agent');
          const out = await handle({
            deps: getDeps(),
            resource,
            query: event.queryStringParameters ?? {},
            form: event.requestContext?.http?.method === 'POST' ? readForm(event) : {},
            client: { ...(ip ? { ip } : {}), ...(userAgent ? { userAgent: userAgent.slice(0, 300) } : {}) },
            header,
          });
          return answer(out.status ?? 200, render(format, out.root, out.item, out.rows));
        } catch (error) {
          const e = toOpen311Error(error);
          if (e.status >= 500) logger.error('open311 request failed', { status: e.status, error: error as Error });
          return answer(e.status, renderError(format ?? 'json', e.status, e.description));
        }
      });
  const handler = build(deps) as unknown as HttpHandler<D>;
  handler.withDeps = (d) => build(() => d);
  return handler;
}
