/**
 * The local stack's back-pressure (infra/src/throttle-proxy.ts) against a fake slow upstream that
 * holds every request until the test lets it go: which requests get through, which wait, which are
 * answered 503 at once — deterministic, no timing guesses except the queue's own wait.
 */
import { createHash } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVICE_BUSY_MESSAGE } from '@minsheng/shared';
import { AdmissionGate, DEFAULT_LIMITS, limitsFromEnv, startThrottleProxy, type ThrottleLimits, type ThrottleProxy } from '../../infra/src/throttle-proxy';

interface FakeUpstream {
  url: string;
  /** Requests that have arrived and not yet been answered. */
  held: { req: IncomingMessage; res: ServerResponse; body: Buffer }[];
  arrived: number;
  peak: number;
  /** Answer every held request 201 with its path, and any later one at once. */
  releaseAll(): void;
  close(): Promise<void>;
}

/** Holds requests until releaseAll(); /echo answers at once, streaming back a digest and the body in chunks. */
async function fakeUpstream(): Promise<FakeUpstream> {
  let open = false;
  let inFlight = 0;
  const answer = (h: FakeUpstream['held'][number]) => {
    h.res.writeHead(201, { 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': 'http://h5.test', 'Set-Cookie': ['a=1', 'b=2'] });
    h.res.end(JSON.stringify({ path: h.req.url, bytes: h.body.length }));
    inFlight--;
  };
  const state: FakeUpstream = {
    url: '',
    held: [],
    arrived: 0,
    peak: 0,
    releaseAll() {
      open = true;
      for (const h of state.held.splice(0)) answer(h);
    },
    close: () => new Promise((done) => (server.closeAllConnections(), server.close(() => done()))),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.url === '/echo') {
        // Streamed back in pieces, with pauses: the proxy must pass them on as they come.
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'X-Digest': createHash('sha256').update(body).digest('hex') });
        let at = 0;
        const step = () => {
          if (at >= body.length) return void res.end();
          res.write(body.subarray(at, (at += 256 * 1024)));
          setTimeout(step, 5);
        };
        return step();
      }
      state.arrived++;
      inFlight++;
      state.peak = Math.max(state.peak, inFlight);
      const h = { req, res, body };
      if (open) answer(h);
      else state.held.push(h);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const address = server.address();
  state.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return state;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(limits: Partial<ThrottleLimits>): Promise<{ upstream: FakeUpstream; proxy: ThrottleProxy }> {
  const upstream = await fakeUpstream();
  cleanups.push(() => upstream.close());
  const proxy = await startThrottleProxy({
    upstream: upstream.url,
    host: '127.0.0.1',
    limits: { ...DEFAULT_LIMITS, ...limits },
    cors: { allowedOrigins: ['*'], exposedHeaders: ['Retry-After', 'Idempotent-Replayed'] },
  });
  cleanups.push(() => proxy.close());
  return { upstream, proxy };
}

async function until(what: string, condition: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

interface Answer {
  i: number;
  status: number;
  retryAfter: string | null;
  contentType: string | null;
  cors: string | null;
  expose: string | null;
  body: any;
  ms: number;
}

function file(proxy: ThrottleProxy, i: number): Promise<Answer> {
  const t0 = performance.now();
  return fetch(`${proxy.url}/api/cases?i=${i}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'http://h5.test', 'Idempotency-Key': `key-${i}` },
    body: JSON.stringify({ title: '工地拖欠工资', i }),
    signal: AbortSignal.timeout(10_000),
  }).then(async (res) => ({
    i,
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    contentType: res.headers.get('content-type'),
    cors: res.headers.get('access-control-allow-origin'),
    expose: res.headers.get('access-control-expose-headers'),
    body: await res.json(),
    ms: performance.now() - t0,
  }));
}

describe('the local stack’s back-pressure proxy', () => {
  it('lets maxInFlight through, queues maxQueue, answers the rest 503 + Retry-After + JSON at once; the accepted ones succeed', async () => {
    const { upstream, proxy } = await setUp({ maxInFlight: 3, maxQueue: 4, maxWaitMs: 10_000, retryAfterSeconds: 7 });
    const answers: Answer[] = [];
    const all = Array.from({ length: 20 }, (_, i) => file(proxy, i).then((a) => (answers.push(a), a)));

    // 3 reach the upstream, 4 wait, 13 are turned away without waiting for anything.
    await until('13 rejections', () => answers.length === 13);
    expect(upstream.arrived).toBe(3);
    expect(proxy.stats()).toMatchObject({ inFlight: 3, queued: 4, rejectedFull: 13 });
    for (const a of answers) {
      expect(a.status).toBe(503);
      expect(a.ms).toBeLessThan(2000);
      expect(a.retryAfter).toBe('7');
      expect(a.contentType).toBe('application/json; charset=utf-8');
      expect(a.body).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: SERVICE_BUSY_MESSAGE, retryAfterSeconds: 7 } });
      expect(a.body.error.message).toBe('服务繁忙，请稍后重试');
      // A browser may read it: the caller's origin, and Retry-After exposed.
      expect(a.cors).toBe('http://h5.test');
      expect(a.expose).toContain('Retry-After');
    }

    upstream.releaseAll();
    const done = await Promise.all(all);
    const accepted = done.filter((a) => a.status === 201);
    expect(accepted).toHaveLength(7);
    // Each accepted request arrived whole and got its own answer.
    for (const a of accepted) expect(a.body).toEqual({ path: `/api/cases?i=${a.i}`, bytes: Buffer.byteLength(JSON.stringify({ title: '工地拖欠工资', i: a.i })) });
    expect(upstream.peak).toBe(3);
    expect(proxy.stats()).toMatchObject({ inFlight: 0, queued: 0, admitted: 7, rejectedFull: 13, rejectedTimeout: 0, peakInFlight: 3, peakQueued: 4 });
  });

  it('answers a queued request 503 after maxWaitMs rather than keeping it waiting', async () => {
    const { upstream, proxy } = await setUp({ maxInFlight: 1, maxQueue: 5, maxWaitMs: 300, retryAfterSeconds: 2 });
    const first = file(proxy, 1);
    await until('the first request upstream', () => upstream.arrived === 1);
    const queued = await Promise.all([file(proxy, 2), file(proxy, 3)]);
    for (const a of queued) {
      expect(a.status).toBe(503);
      expect(a.retryAfter).toBe('2');
      expect(a.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(a.ms).toBeGreaterThanOrEqual(250);
      expect(a.ms).toBeLessThan(3000);
    }
    expect(proxy.stats()).toMatchObject({ rejectedTimeout: 2, queued: 0 });
    upstream.releaseAll();
    expect((await first).status).toBe(201);
    // The slot is free again: the next request goes straight through.
    expect((await file(proxy, 4)).status).toBe(201);
    expect(upstream.arrived).toBe(2);
  });

  it('gives a waiting request’s place up when its client hangs up, but keeps an in-flight slot until the function has answered', async () => {
    const { upstream, proxy } = await setUp({ maxInFlight: 1, maxQueue: 1, maxWaitMs: 10_000 });
    const inFlight = new AbortController();
    const abandoned = fetch(`${proxy.url}/api/cases`, { method: 'POST', body: '{}', signal: inFlight.signal }).catch(() => 'aborted');
    await until('the first request upstream', () => upstream.arrived === 1);
    const waiting = new AbortController();
    const gaveUp = fetch(`${proxy.url}/api/cases`, { method: 'POST', body: '{}', signal: waiting.signal }).catch(() => 'aborted');
    await until('one queued', () => proxy.stats().queued === 1);
    waiting.abort();
    inFlight.abort();
    expect(await gaveUp).toBe('aborted');
    expect(await abandoned).toBe('aborted');
    await until('the queue place given up', () => proxy.stats().queued === 0);
    // The abandoned request's function is still running upstream: its slot is still taken, so the
    // next request waits for it.
    expect(proxy.stats().inFlight).toBe(1);
    const next = file(proxy, 9);
    await until('the next one queued', () => proxy.stats().queued === 1);
    expect(upstream.arrived).toBe(1);
    upstream.releaseAll();
    expect((await next).status).toBe(201);
    expect(upstream.arrived).toBe(2);
    await until('the slot released', () => proxy.stats().inFlight === 0);
  });

  it('streams bodies both ways intact and keeps the upstream’s headers', async () => {
    const { proxy } = await setUp({ maxInFlight: 1 });
    const payload = Buffer.alloc(3 * 1024 * 1024 + 17, 0);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 31 + 7) % 251;
    // Sent chunked (a stream, no Content-Length), answered in 256 KB pieces with pauses between.
    const body = new ReadableStream({
      start(controller) {
        for (let at = 0; at < payload.length; at += 100_000) controller.enqueue(payload.subarray(at, at + 100_000));
        controller.close();
      },
    });
    const res = await fetch(`${proxy.url}/echo`, { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(200);
    const back = Buffer.from(await res.arrayBuffer());
    expect(back.length).toBe(payload.length);
    expect(back.equals(payload)).toBe(true);
    expect(res.headers.get('x-digest')).toBe(createHash('sha256').update(payload).digest('hex'));
  });

  it('passes the upstream’s status, CORS headers and repeated headers through untouched', async () => {
    const { upstream, proxy } = await setUp({});
    upstream.releaseAll();
    const res = await new Promise<IncomingMessage>((done, fail) =>
      request(`${proxy.url}/api/cases`, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, done).on('error', fail).end('{}'),
    );
    res.resume();
    expect(res.statusCode).toBe(201);
    expect(res.headers['access-control-allow-origin']).toBe('http://h5.test');
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('lets CORS preflights through even when every slot and queue place is taken', async () => {
    const { upstream, proxy } = await setUp({ maxInFlight: 1, maxQueue: 0 });
    const held = file(proxy, 1);
    await until('the slot taken', () => upstream.arrived === 1);
    expect((await file(proxy, 2)).status).toBe(503);
    // The fake answers OPTIONS like any other request: it must arrive (and not count against the limit).
    const preflight = fetch(`${proxy.url}/api/cases`, { method: 'OPTIONS', headers: { Origin: 'http://h5.test', 'Access-Control-Request-Method': 'POST' } });
    await until('the preflight upstream', () => upstream.held.some((h) => h.req.method === 'OPTIONS'));
    expect(proxy.stats().inFlight).toBe(1);
    upstream.releaseAll();
    expect((await preflight).status).toBe(201);
    expect((await held).status).toBe(201);
  });

  it('answers 502 with the JSON error body when the upstream is down', async () => {
    const proxy = await startThrottleProxy({ upstream: 'http://127.0.0.1:9', host: '127.0.0.1', limits: DEFAULT_LIMITS });
    cleanups.push(() => proxy.close());
    const res = await fetch(`${proxy.url}/api/categories`);
    expect(res.status).toBe(502);
    expect((await res.json()).error.code).toBe('SERVICE_UNAVAILABLE');
    expect(proxy.stats().inFlight).toBe(0);
  });

  it('closes at once with requests in flight and queued (Ctrl-C)', async () => {
    const { upstream, proxy } = await setUp({ maxInFlight: 1, maxQueue: 5 });
    const pending = [file(proxy, 1), file(proxy, 2), file(proxy, 3)].map((p) => p.catch(() => 'closed'));
    await until('one in flight, two queued', () => upstream.arrived === 1 && proxy.stats().queued === 2);
    const t0 = performance.now();
    await proxy.close();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(await Promise.all(pending)).toEqual(['closed', 'closed', 'closed']);
  });

  it('with maxInFlight 0 is a plain pass-through', async () => {
    const { upstream, proxy } = await setUp({ maxInFlight: 0, maxQueue: 0 });
    const all = Array.from({ length: 30 }, (_, i) => file(proxy, i));
    await until('all 30 upstream', () => upstream.arrived === 30);
    upstream.releaseAll();
    expect((await Promise.all(all)).every((a) => a.status === 201)).toBe(true);
  });
});

describe('limits', () => {
  it('default to 8 in flight, 64 queued for 5 s, Retry-After 2; each can be set from the environment', () => {
    expect(limitsFromEnv({})).toEqual({ maxInFlight: 8, maxQueue: 64, maxWaitMs: 5000, retryAfterSeconds: 2 });
    expect(
      limitsFromEnv({ MINSHENG_API_MAX_IN_FLIGHT: '4', MINSHENG_API_MAX_QUEUE: '0', MINSHENG_API_MAX_WAIT_MS: '250', MINSHENG_API_RETRY_AFTER: '10' }),
    ).toEqual({ maxInFlight: 4, maxQueue: 0, maxWaitMs: 250, retryAfterSeconds: 10 });
  });

  it('refuse values that are not whole numbers, and a Retry-After of 0', () => {
    expect(() => limitsFromEnv({ MINSHENG_API_MAX_IN_FLIGHT: 'lots' })).toThrow(/MINSHENG_API_MAX_IN_FLIGHT/);
    expect(() => limitsFromEnv({ MINSHENG_API_MAX_QUEUE: '-1' })).toThrow(/MINSHENG_API_MAX_QUEUE/);
    expect(() => limitsFromEnv({ MINSHENG_API_MAX_WAIT_MS: '1.5' })).toThrow(/MINSHENG_API_MAX_WAIT_MS/);
    expect(() => limitsFromEnv({ MINSHENG_API_RETRY_AFTER: '0' })).toThrow(/MINSHENG_API_RETRY_AFTER/);
  });

  it('the gate serves the queue first come, first served', async () => {
    const gate = new AdmissionGate({ maxInFlight: 1, maxQueue: 3, maxWaitMs: 10_000, retryAfterSeconds: 1 });
    const first = await gate.admit();
    const order: number[] = [];
    const waiting = [1, 2, 3].map((n) => gate.admit().then((a) => (order.push(n), a)));
    expect((await gate.admit()).admitted).toBe(false);
    if (!first.admitted) throw new Error('first not admitted');
    first.release();
    for (const w of waiting) {
      const a = await w;
      if (a.admitted) a.release();
    }
    expect(order).toEqual([1, 2, 3]);
    expect(gate.stats).toMatchObject({ inFlight: 0, queued: 0, admitted: 4, rejectedFull: 1 });
  });
});
