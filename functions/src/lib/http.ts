import { gzipSync } from 'node:zlib';
import middy, { type MiddlewareObj } from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { DomainError, LIMITS, issuesToFields, type PathParam } from '@minsheng/shared';
import { toErrorResponse } from './errors';
import { logger, requestLogging } from './log';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;
type Request = middy.Request<Event, Result, Error, Context>;

/** A schema as the route needs it: anything with zod's safeParse. */
interface BodySchema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { code: string; path: PropertyKey[]; message: string }[] } };
}

/** Where a request came from, recorded with every event it causes. */
export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

export interface RouteInput<D, B, Q = undefined> {
  body: B;
  /** The validated query string (when the route declares a `query` schema). */
  query: Q;
  /** A path parameter such as `{caseNo}`, as validated by the route's `params` schema. */
  pathParam(name: string): string;
  event: Event;
  /** The route's own dependencies (only what it uses), built once per container. */
  deps: D;
  client: ClientInfo;
  /** Stable identifier of the caller for throttling: its source IP. */
  clientId: string;
  header(name: string): string | undefined;
  bearerToken(): string;
}

export interface RouteOutput {
  status?: number;
  /** Answered as JSON. */
  body?: unknown;
  /** Or answered as this text as is (a CSV file; the route sets its Content-Type), gzipped when large and the client takes gzip. */
  text?: string;
  headers?: Record<string, string>;
}

/** A text answer above this size is gzipped for a client that accepts it (Lambda's response limit is 6 MB). */
export const GZIP_ABOVE_BYTES = 64 * 1024;

export interface RouteDefinition<D, B, Q, A> {
  /**
   * Who is calling (e.g. `consoleOfficial`, `citizenCaseNo`), checked before the body and query are
   * validated: a caller without a valid token learns 401, not the route's validation rules.
   */
  auth?: (input: RouteInput<D, undefined, undefined>) => Promise<A>;
  /**
   * The path parameters (`{caseNo}`, `{id}` …), each with its check from shared's PATH_PARAMS: a
   * value that does not fit never reaches a key. `pathParam(name)` reads only declared ones.
   */
  params?: Record<string, PathParam>;
  body?: BodySchema<B>;
  query?: BodySchema<Q>;
  handle(input: RouteInput<D, B, Q> & { auth: A }): Promise<RouteOutput>;
}

export interface HttpHandler<D = unknown> {
  (event: Event, context: Context): Promise<Result>;
  /** The same route on other dependencies (tests, benchmarks): any object with what the route uses. */
  withDeps<X extends D>(deps: X): (event: Event, context: Context) => Promise<Result>;
}

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

/** The request's JSON body: over the limit 413, not JSON 415, malformed 400; undefined when empty. */
function readJsonBody(event: Event): unknown {
  const raw = event.body ?? '';
  const bytes = Buffer.byteLength(raw, event.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes > LIMITS.bodyBytesMax) throw new DomainError('PAYLOAD_TOO_LARGE', { message: `提交的内容过大（不能超过 ${LIMITS.bodyBytesMax / 1024} KB）` });
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  const contentType = event.headers['content-type'] ?? '';
  if (text.length > 0 && !/^application\/(.+\+)?json\b/i.test(contentType)) throw new DomainError('UNSUPPORTED_MEDIA_TYPE');
  try {
    return text.length ? JSON.parse(text) : undefined;
  } catch {
    throw new DomainError('INVALID_JSON');
  }
}

/** A value of the request checked by its schema: 400 with field messages when it does not fit. */
function validated<T>(schema: BodySchema<T>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (!result.success) throw new DomainError('VALIDATION_FAILED', { fields: issuesToFields(result.error.issues, raw) });
  return result.data;
}

/**
 * The route's declared path parameters, percent-decoded and checked (an undecodable value is as
 * unknown as a wrong one); a path parameter the route does not declare is never read.
 */
function readPathParams(event: Event, params: Record<string, PathParam> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, check] of Object.entries(params ?? {})) {
    const value = event.pathParameters?.[name];
    let decoded: string;
    try {
      decoded = decodeURIComponent(value ?? '');
    } catch {
      decoded = '';
    }
    out[name] = check(decoded);
  }
  return out;
}

function errorResponses(): MiddlewareObj<Event, Result> {
  return {
    onError: (request: Request) => {
      const { statusCode, body, headers } = toErrorResponse(request.error);
      if (statusCode >= 500) {
        logger.error('request failed', { status: statusCode, error: request.error as Error });
      }
      request.response = { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
    },
  };
}

/**
 * A thin HTTP route on its own dependencies (`deps`, built on first use by the composition root): normalise headers → CORS → errors mapped to `{ error: { code, message } }`
 * → JSON body parsed and validated → the handler, which calls one service.
 */
export function httpRoute<D, B = undefined, Q = undefined, A = undefined>(deps: () => D, definition: RouteDefinition<D, B, Q, A>): HttpHandler<D> {
  const build = (getDeps: () => D) =>
    middy<Event, Result>()
      .use(requestLogging())
      .use(httpHeaderNormalizer())
      .use(
        httpCors({
          origin: '*',
          headers: 'Content-Type,Authorization,Idempotency-Key',
          methods: 'GET,POST,DELETE,OPTIONS',
          exposeHeaders: 'Retry-After,Idempotent-Replayed,Content-Disposition,X-Open-Data-K,X-Open-Data-Suppressed',
          maxAge: 600,
        }),
      )
      .use(errorResponses())
      .handler(async (event) => {
        const header = (name: string) => event.headers[name.toLowerCase()];
        let params: Record<string, string> | undefined;
        const ip = event.requestContext?.http?.sourceIp;
        const userAgent = header('user-agent');
        const base: RouteInput<D, undefined, undefined> = {
          body: undefined,
          query: undefined,
          pathParam(name) {
            if (!params) throw new Error('pathParam() before the path was validated');
            const value = params[name];
            if (typeof value !== 'string') throw new DomainError('NOT_FOUND');
            return value;
          },
          event,
          deps: getDeps(),
          client: { ...(ip ? { ip } : {}), ...(userAgent ? { userAgent: userAgent.slice(0, 300) } : {}) },
          clientId: ip ?? 'unknown',
          header,
          bearerToken() {
            const match = /^Bearer\s+(\S+)$/i.exec(header('authorization') ?? '');
            if (!match?.[1]) throw new DomainError('UNAUTHENTICATED');
            return match[1];
          },
        };
        // Who before what: identity first, so a caller without a valid token learns 401 and nothing of
        // the route's path, body or query rules; then the path, the body and the query, each by its schema.
        const auth = (definition.auth ? await definition.auth(base) : undefined) as A;
        params = readPathParams(event, definition.params);
        const parsed = readJsonBody(event);
        let body = undefined as B;
        if (definition.body) {
          if (parsed === undefined) throw new DomainError('VALIDATION_FAILED', { message: '请求内容不能为空' });
          body = validated(definition.body, parsed);
        }
        const query = (definition.query ? validated(definition.query, event.queryStringParameters ?? {}) : undefined) as Q;
        const output = await definition.handle({ ...base, body, query, auth });
        if (output.text !== undefined) {
          const headers = { ...JSON_HEADERS, ...output.headers };
          if (Buffer.byteLength(output.text, 'utf8') > GZIP_ABOVE_BYTES && /\bgzip\b/i.test(header('accept-encoding') ?? '')) {
            return { statusCode: output.status ?? 200, headers: { ...headers, 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' }, body: gzipSync(output.text).toString('base64'), isBase64Encoded: true };
          }
          return { statusCode: output.status ?? 200, headers, body: output.text };
        }
        return {
          statusCode: output.status ?? 200,
          headers: { ...JSON_HEADERS, ...output.headers },
          body: JSON.stringify(output.body),
        };
      });

  const handler = build(deps) as unknown as HttpHandler<D>;
  handler.withDeps = (deps) => build(() => deps);
  return handler;
}
