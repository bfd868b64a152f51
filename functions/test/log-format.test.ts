/**
 * The log format, at the boundary CloudWatch sees (stdout/stderr): every line a function writes —
 * through httpRoute or a scheduled job — is one JSON object with the level, message, service,
 * Lambda's request id, function name and cold start; HTTP lines add API Gateway's request id
 * (correlation_id), method, route template, and the access line status and duration; a 5xx adds the
 * error's stack. Nothing the caller sent appears: no body, no query, no token, no path values.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { PATH_PARAMS } from '@minsheng/shared';

// vitest.config.mts silences the functions' logs for the other tests. The logger takes its level
// from the environment when it is made (and goes back to it at each invocation), so set it first.
process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
const { httpRoute } = await import('../src/lib/http');
const { emfMetric, logger, scheduledJob } = await import('../src/lib/log');

const PHONE = '13812345678';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.c2lnbmF0dXJl';
const CASE_NO = '20261201654321';
const SECRET_QUERY = '我的邻居王某某';

let lines: string[] = [];
const capture = (chunk: unknown) => {
  for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(line);
  return true;
};

beforeAll(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(capture as never);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture as never);
});
afterEach(() => {
  lines = [];
});
afterAll(() => {
  vi.restoreAllMocks();
});

const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, any>);

function context(requestId: string): Context {
  return {
    awsRequestId: requestId,
    functionName: 'minsheng-test-fileCase',
    memoryLimitInMB: '512',
    invokedFunctionArn: 'arn:aws:lambda:ap-east-1:123456789012:function:minsheng-test-fileCase',
    functionVersion: '$LATEST',
    getRemainingTimeInMillis: () => 10_000,
  } as unknown as Context;
}

function event(options: { method: string; routeKey: string; path: string; apiRequestId: string; body?: unknown; query?: string }): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: options.routeKey,
    rawPath: options.path,
    ...(options.path.includes(CASE_NO) ? { pathParameters: { caseNo: CASE_NO } } : {}),
    rawQueryString: options.query ?? '',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'user-agent': 'vitest', 'x-phone': PHONE },
    ...(options.query ? { queryStringParameters: Object.fromEntries(new URLSearchParams(options.query)) } : {}),
    requestContext: { requestId: options.apiRequestId, http: { method: options.method, path: options.path, sourceIp: '203.0.113.9' } },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

const echo = httpRoute(() => ({}), {
  params: { caseNo: PATH_PARAMS.caseNo },
  body: z.object({ phone: z.string(), content: z.string() }),
  async handle({ body, pathParam, bearerToken }) {
    logger.info('handling', { length: body.content.length });
    return { status: 201, body: { ok: true, caseNo: pathParam('caseNo'), tokenLength: bearerToken().length } };
  },
});
const broken = httpRoute(() => ({}), {
  async handle() {
    throw new Error('storage exploded');
  },
});

const LAMBDA_KEYS = ['level', 'message', 'timestamp', 'service', 'function_request_id', 'function_name', 'cold_start'];

describe('HTTP routes', () => {
  it('every line is JSON with the request ids, function name, cold start, method and route; one access line with status and duration; nothing the caller sent', async () => {
    const res = await echo(
      event({
        method: 'POST',
        routeKey: 'POST /api/cases/{caseNo}/things',
        path: `/api/cases/${CASE_NO}/things`,
        apiRequestId: 'apigw-req-1',
        body: { phone: PHONE, content: '三个月没发工资，电话13812345678' },
        query: `q=${encodeURIComponent(SECRET_QUERY)}`,
      }),
      context('lambda-req-1'),
    );
    expect(res.statusCode).toBe(201);
    const records = parsed();
    expect(records.length).toBe(2);
    for (const r of records) {
      for (const k of LAMBDA_KEYS) expect(r, k).toHaveProperty(k);
      expect(r).toMatchObject({ function_request_id: 'lambda-req-1', correlation_id: 'apigw-req-1', function_name: 'minsheng-test-fileCase', method: 'POST', route: 'POST /api/cases/{caseNo}/things' });
      expect(typeof r.cold_start).toBe('boolean');
    }
    expect(records[0]).toMatchObject({ level: 'INFO', message: 'handling', length: 21 });
    expect(records[1]).toMatchObject({ level: 'INFO', message: 'request', status: 201 });
    expect(records[1]!.durationMs).toEqual(expect.any(Number));
    const all = lines.join('\n');
    for (const secret of [PHONE, TOKEN, CASE_NO, SECRET_QUERY, encodeURIComponent(SECRET_QUERY), '三个月', '203.0.113.9', 'vitest']) expect(all).not.toContain(secret);
  });

  it('a 4xx is one access line (no stack); keys of one request never leak into the next', async () => {
    await echo(event({ method: 'POST', routeKey: 'POST /api/cases/{caseNo}/things', path: `/api/cases/${CASE_NO}/things`, apiRequestId: 'apigw-req-2', body: { phone: PHONE } }), context('lambda-req-2'));
    await broken(event({ method: 'GET', routeKey: 'GET /api/other', path: '/api/other', apiRequestId: 'apigw-req-3' }), context('lambda-req-3'));
    const records = parsed();
    const first = records.filter((r) => r.function_request_id === 'lambda-req-2');
    expect(first).toEqual([expect.objectContaining({ level: 'INFO', message: 'request', status: 400, route: 'POST /api/cases/{caseNo}/things' })]);
    expect(first[0]).not.toHaveProperty('error');
    for (const r of records.filter((x) => x.function_request_id === 'lambda-req-3')) expect(r).toMatchObject({ correlation_id: 'apigw-req-3', route: 'GET /api/other', method: 'GET' });
    expect(lines.join('\n')).not.toContain(PHONE);
  });

  it('a 5xx is logged at ERROR with the error and its stack, then the access line with status 500', async () => {
    const res = await broken(event({ method: 'GET', routeKey: 'GET /api/other', path: '/api/other', apiRequestId: 'apigw-req-4' }), context('lambda-req-4'));
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body!)).not.toHaveProperty('stack');
    const [error, access] = parsed();
    expect(error).toMatchObject({ level: 'ERROR', message: 'request failed', status: 500, function_request_id: 'lambda-req-4', route: 'GET /api/other', error: { name: 'Error', message: 'storage exploded' } });
    expect(error!.error.stack).toContain('storage exploded');
    expect(access).toMatchObject({ level: 'INFO', message: 'request', status: 500, function_request_id: 'lambda-req-4' });
  });
});

describe('scheduled jobs', () => {
  it('log one line with their counts and duration, with the Lambda context', async () => {
    const job = scheduledJob('test job', async () => ({ delivered: 3, failed: 0 }));
    expect(await job(undefined, context('lambda-job-1'))).toEqual({ delivered: 3, failed: 0 });
    const [line] = parsed();
    expect(parsed()).toHaveLength(1);
    for (const k of LAMBDA_KEYS) expect(line, k).toHaveProperty(k);
    expect(line).toMatchObject({ level: 'INFO', message: 'test job finished', function_request_id: 'lambda-job-1', delivered: 3, failed: 0 });
    expect(line!.durationMs).toEqual(expect.any(Number));
    expect(line).not.toHaveProperty('route');
  });

  it('a failing job logs the error with its stack at ERROR and still fails (so Lambda counts it)', async () => {
    const job = scheduledJob('test job', async () => {
      throw new Error('sweep broke');
    });
    await expect(job(undefined, context('lambda-job-2'))).rejects.toThrow('sweep broke');
    const [line] = parsed();
    expect(line).toMatchObject({ level: 'ERROR', message: 'test job failed', function_request_id: 'lambda-job-2', error: { message: 'sweep broke' } });
    expect(line!.error.stack).toContain('sweep broke');
  });

  it('runs without a Lambda context (tests and local tools call jobs directly)', async () => {
    const job = scheduledJob('test job', async () => ({ n: 1 }));
    expect(await job()).toEqual({ n: 1 });
    expect(parsed()[0]).toMatchObject({ message: 'test job finished', n: 1 });
  });
});

describe('custom metrics in the log line (CloudWatch Embedded Metric Format)', () => {
  it('an EMF block at the top level: namespace Minsheng, dimension service (the logger’s own key), the value under the metric’s name', () => {
    logger.error('something dead-lettered', { outboxId: 'x-0', ...emfMetric('NotificationsDeadLettered', 1) });
    const [line] = parsed();
    expect(line).toMatchObject({ level: 'ERROR', NotificationsDeadLettered: 1, service: expect.any(String) });
    expect(line!._aws).toEqual({
      Timestamp: expect.any(Number),
      CloudWatchMetrics: [{ Namespace: 'Minsheng', Dimensions: [['service']], Metrics: [{ Name: 'NotificationsDeadLettered', Unit: 'Count' }] }],
    });
  });
});
