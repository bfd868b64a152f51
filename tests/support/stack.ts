import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { inject } from 'vitest';
import { createDeps } from '../../functions/src/app/deps';
import type { HttpHandler } from '../../functions/src/lib/http';
import type { Deps } from '../../functions/src/services/deps';
import { seedReferenceData } from '../../infra/src/demo-data';
import { ensureTable, readServerlessConfig, REPO_ROOT } from '../../infra/src/table-definition';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { handler as caseChanges } from '../../functions/src/jobs/case-changes';
import { startLocalStreams, streamFunctionsFromServerless, type LocalStreams, type LocalStreamsOptions } from '../../infra/src/streams-local';

export const TEST_SECRET = 'integration-test-secret-0123456789abcdef';

interface Route {
  method: string;
  path: string;
  module: string;
  exportName: string;
}

/** The HTTP routes exactly as serverless.yml declares them: tests reach handlers through this table. */
export function routesFromServerless(): Route[] {
  const config = readServerlessConfig();
  return Object.values<any>(config.functions).flatMap((fn) => {
    const [file, exportName] = [fn.handler.slice(0, fn.handler.lastIndexOf('.')), fn.handler.slice(fn.handler.lastIndexOf('.') + 1)];
    return (fn.events ?? [])
      .filter((e: any) => e.httpApi)
      .map((e: any) => ({ method: e.httpApi.method, path: e.httpApi.path, module: resolve(REPO_ROOT, `${file}.ts`), exportName }));
  });
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is (no JSON encoding) when given. */
  rawBody?: string;
  headers?: Record<string, string>;
  token?: string;
  ip?: string;
}

export interface TestStack {
  deps: Deps;
  tableName: string;
  /** This stack's bucket in the run's s3rver, and a client of it (for tests that look at the objects). */
  bucket: string;
  s3: S3Client;
  /** Shift the stack's clock (for SLA and token expiry). */
  setNow(date: Date): void;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /**
   * Wait until the table's stream functions (the stats consumer, …) have handled every record
   * written so far — e.g. before reading statistics, which are counted from the stream.
   */
  settle(): Promise<void>;
  /** The stack's streams runner (infra/src/streams-local.ts), stopped when the test file ends. */
  streams: LocalStreams;
}

/**
 * Runners of this test file's stacks; tests/support/stop-streams.ts stops them after the file. Kept
 * on globalThis so that setup file need not import this module (and, through it, the functions'
 * logger, which takes its level when first imported: a test file that reads the logs sets it first).
 */
export const STREAM_RUNNERS = Symbol.for('minsheng.test.streamRunners');
const runners: Set<LocalStreams> = ((globalThis as Record<symbol, unknown>)[STREAM_RUNNERS] ??= new Set<LocalStreams>()) as Set<LocalStreams>;

/** Match `/api/console/cases/{caseNo}` against a path; the path parameters when it matches. */
function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const re = new RegExp(`^${pattern.replace(/\{([^/]+)\}/g, (_m, name: string) => (names.push(name), '([^/]+)'))}$`);
  const m = re.exec(path);
  return m ? Object.fromEntries(names.map((n, i) => [n, m[i + 1]!])) : undefined;
}

/**
 * A fresh table (created from serverless.yml) in the shared DynamoDB Local, seeded with the
 * reference data, and a `request` that invokes the real middy handlers with API Gateway v2 events.
 * The table's stream functions run on it (a local streams runner with the stack's deps; options.streams
 * to change what they get); `settle()` waits for them.
 */
/**
 * Routes of the stream function caseChanges that a test stack runs only when a test asks for them (`with`): the word-search indexer writes a
 * posting per character pair of every case filed, and the queue counter two items per case change — work on
 * the one shared DynamoDB Local that the many files which never search or count tabs do not need.
 */
const OPT_IN_STREAM_ROUTES = ['caseIndexer', 'queueCounter'] as const;
/** Routes of serverless.yml's stream function caseChanges (functions/src/jobs/case-changes.ts). */
const CASE_CHANGES_ROUTES = caseChanges.routes;
export type OptInStreamRoute = (typeof OPT_IN_STREAM_ROUTES)[number];

export async function createTestStack(
  options: { streams?: Omit<LocalStreamsOptions, 'endpoint' | 'tableName' | 'deps'> & { deps?: (deps: Deps) => unknown }; with?: OptInStreamRoute[] } = {},
): Promise<TestStack> {
  const endpoint = inject('dynamoEndpoint');
  const s3Endpoint = inject('s3Endpoint');
  const tableName = `test-${randomUUID()}`;
  const bucket = `t-${randomUUID()}`;
  const s3 = new S3Client({ endpoint: s3Endpoint, region: 'local', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  await Promise.all([ensureTable(endpoint, tableName), s3.send(new CreateBucketCommand({ Bucket: bucket }))]);
  let now: Date | undefined;
  const base = createDeps({
    TABLE_NAME: tableName,
    AWS_REGION: 'local',
    DYNAMODB_ENDPOINT: endpoint,
    APP_SECRET: TEST_SECRET,
    CITIZEN_TOKEN_MINUTES: 30,
    EVIDENCE_BUCKET: bucket,
    S3_ENDPOINT: s3Endpoint,
  });
  const deps: Deps = { ...base, now: () => now ?? new Date() };
  await seedReferenceData(deps);
  const { deps: streamDeps, ...streamOptions } = options.streams ?? {};
  const wanted = (route: string) => !(OPT_IN_STREAM_ROUTES as readonly string[]).includes(route) || options.with?.includes(route as OptInStreamRoute);
  const functions = streamOptions.functions ?? streamFunctionsFromServerless().map((f) => (f.name === 'caseChanges' ? { ...f, routes: CASE_CHANGES_ROUTES.filter(wanted) } : f));
  const streams = await startLocalStreams({ endpoint, tableName, deps: streamDeps ? streamDeps(deps) : deps, ...streamOptions, functions });
  runners.add(streams);
  const routes = routesFromServerless();
  const handlers = new Map<string, (event: APIGatewayProxyEventV2, context: Context) => Promise<any>>();

  return {
    deps,
    tableName,
    bucket,
    s3,
    streams,
    settle: () => streams.settle(),
    setNow(date) {
      now = date;
    },
    async request(method, path, options = {}) {
      const [rawPath, query = ''] = path.split('?');
      const route = routes.find((r) => r.method === method && matchPath(r.path, rawPath!));
      if (!route) throw new Error(`no route in serverless.yml for ${method} ${rawPath}`);
      const pathParameters = matchPath(route.path, rawPath!);
      const id = `${route.module}#${route.exportName}`;
      if (!handlers.has(id)) {
        const mod = (await import(route.module)) as Record<string, HttpHandler>;
        handlers.set(id, mod[route.exportName]!.withDeps(deps));
      }
      const headers: Record<string, string> = { 'user-agent': 'vitest', ...options.headers };
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['Content-Type'] ??= 'application/json';
      }
      if (options.token) headers.Authorization = `Bearer ${options.token}`;
      const event = {
        version: '2.0',
        routeKey: `${method} ${route.path}`,
        rawPath: rawPath!,
        rawQueryString: query,
        headers,
        queryStringParameters: query ? Object.fromEntries(new URLSearchParams(query)) : undefined,
        pathParameters: pathParameters && Object.keys(pathParameters).length ? pathParameters : undefined,
        requestContext: {
          http: { method, path: rawPath!, protocol: 'HTTP/1.1', sourceIp: options.ip ?? '203.0.113.7', userAgent: headers['user-agent'] },
          requestId: randomUUID(),
          routeKey: `${method} ${route.path}`,
          stage: '$default',
          timeEpoch: Date.now(),
        },
        body,
        isBase64Encoded: false,
      } as unknown as APIGatewayProxyEventV2;
      // middy ends a handler just before the remaining time (Lambda's 10 s in AWS). Here the budget is a guard, not a
      // speed target: on CI's 2 cores, with three files writing to the one DynamoDB Local, a request can take longer.
      const context = { awsRequestId: randomUUID(), getRemainingTimeInMillis: () => 60_000 } as unknown as Context;
      const result = await handlers.get(id)!(event, context);
      const responseHeaders = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
      // JSON answers parsed; others (Open311's XML, the open-data CSV) as their text — gzipped and base64-encoded when
      // large and asked for: decoded as a client would.
      const raw = result.body ? (result.isBase64Encoded ? Buffer.from(result.body, 'base64') : undefined) : undefined;
      const text = raw ? (responseHeaders['content-encoding'] === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8')) : result.body;
      const json = /^application\/json/.test(responseHeaders['content-type'] ?? 'application/json');
      return { status: result.statusCode, headers: responseHeaders, body: text ? (json ? JSON.parse(text) : text) : undefined };
    },
  };
}
