import middy, { type MiddlewareObj } from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { DomainError, LIMITS, issuesToFields } from '@minsheng/shared';
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
  /** A path parameter such as `{caseNo}`; 404 when absent. */
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
  body: unknown;
  headers?: Record<string, string>;
}

export interface RouteDefinition<D, B, Q, A> {
  /**
   * Who is calling (e.g. `consoleOfficial`, `citizenCaseNo`), checked before the body and query are
   * validated: a caller without a valid token learns 401, not the route's validation rules.
   */
  auth?: (input: RouteInput<D, undefined, undefined>) => Promise<A>;
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

/** Refuse bodies over the limit (413), that are not JSON (415/400); leave the parsed value in event.body. */
function jsonBody(): MiddlewareObj<Event, Result> {
  return {
    before: (request) => {
      const { event } = request;
      const raw = event.body ?? '';
      const bytes = Buffer.byteLength(raw, event.isBase64Encoded ? 'base64' : 'utf8');
      if (bytes > LIMITS.bodyBytesMax) throw new DomainError('PAYLOAD_TOO_LARGE', { message: `提交的内容过大（不能超过 ${LIMITS.bodyBytesMax / 1024} KB）` });
      const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
      const contentType = event.headers['content-type'] ?? '';
      if (text.length > 0 && !/^application\/(.+\+)?json\b/i.test(contentType)) throw new DomainError('UNSUPPORTED_MEDIA_TYPE');
      try {
        (event as { parsedBody?: unknown }).parsedBody = text.length ? JSON.parse(text) : undefined;
      } catch {
        throw new DomainError('INVALID_JSON');
      }
    },
  };
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
          exposeHeaders: 'Retry-After,Idempotent-Replayed',
          maxAge: 600,
        }),
      )
      .use(errorResponses())
      .use(jsonBody())
      .handler(async (event) => {
        const header = (name: string) => event.headers[name.toLowerCase()];
        const ip = event.requestContext?.http?.sourceIp;
        const userAgent = header('user-agent');
        const base: RouteInput<D, undefined, undefined> = {
          body: undefined,
          query: undefined,
          pathParam(name) {
            const value = event.pathParameters?.[name];
            if (!value) throw new DomainError('NOT_FOUND');
            return decodeURIComponent(value);
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
        const auth = (definition.auth ? await definition.auth(base) : undefined) as A;
        const parsed = (event as { parsedBody?: unknown }).parsedBody;
        let body = undefined as B;
        if (definition.body) {
          if (parsed === undefined) throw new DomainError('VALIDATION_FAILED', { message: '请求内容不能为空' });
          const result = definition.body.safeParse(parsed);
          if (!result.success) throw new DomainError('VALIDATION_FAILED', { fields: issuesToFields(result.error.issues, parsed) });
          body = result.data;
        }
        let query = undefined as Q;
        if (definition.query) {
          const raw = event.queryStringParameters ?? {};
          const result = definition.query.safeParse(raw);
          if (!result.success) throw new DomainError('VALIDATION_FAILED', { fields: issuesToFields(result.error.issues, raw) });
          query = result.data;
        }
        const output = await definition.handle({ ...base, body, query, auth });
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
