/**
 * Back-pressure for the local stack: a small reverse proxy that `npm start` puts on the public API
 * port in front of serverless-offline. serverless-offline has no concurrency limit (each request in
 * flight gets its own worker thread with its own copy of the function), so a burst of 600 filings
 * meant 600 workers and 600 scrypt hashes at once: 550 threads, 8 GB, answers after 120 s or 503s.
 * Here at most `maxInFlight` requests reach it at once; up to `maxQueue` more wait, each at most
 * `maxWaitMs`, first come first served; anything beyond is answered at once with 503 +
 * `Retry-After` and the API's JSON error body — what a client of the deployed API must handle
 * anyway when API Gateway or Lambda throttle (there: 429 from the stage throttle, 5xx from Lambda).
 *
 * Bodies stream through in both directions (nothing is buffered); CORS preflights (OPTIONS: answered
 * by serverless-offline itself, no function runs) pass without waiting, so a browser can always read
 * the 503, which carries the CORS headers serverless-offline would have sent.
 */
import { Agent, createServer, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ERROR_MESSAGES, SERVICE_BUSY_MESSAGE, type ApiErrorBody } from '@minsheng/shared';

export interface ThrottleLimits {
  /** Requests forwarded at once; 0 turns the limit (and the queue) off. */
  maxInFlight: number;
  /** Requests waiting for a slot; beyond them, 503 at once. */
  maxQueue: number;
  /** The longest a request waits in the queue before it is answered 503. */
  maxWaitMs: number;
  /** Sent as `Retry-After` (seconds) with each 503. */
  retryAfterSeconds: number;
}

/**
 * Defaults for a 2-core laptop (see README, Benchmarks): filing is CPU-bound (one scrypt hash,
 * ~75 ms of one core), so beyond a few in flight throughput stays flat and only latency and the
 * worker threads grow; 8 keeps both cores busy while a filing waits on DynamoDB Local. 64 queued
 * drain in ~3 s at ~23 filings/s, inside the 5 s wait.
 */
export const DEFAULT_LIMITS: ThrottleLimits = { maxInFlight: 8, maxQueue: 64, maxWaitMs: 5000, retryAfterSeconds: 2 };

const ENV_NAMES: Record<keyof ThrottleLimits, string> = {
  maxInFlight: 'MINSHENG_API_MAX_IN_FLIGHT',
  maxQueue: 'MINSHENG_API_MAX_QUEUE',
  maxWaitMs: 'MINSHENG_API_MAX_WAIT_MS',
  retryAfterSeconds: 'MINSHENG_API_RETRY_AFTER',
};

/** The limits from MINSHENG_API_MAX_IN_FLIGHT, …_MAX_QUEUE, …_MAX_WAIT_MS, …_RETRY_AFTER; a bad value throws. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): ThrottleLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [field, name] of Object.entries(ENV_NAMES) as [keyof ThrottleLimits, string][]) {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') continue;
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw new Error(`${name} must be a whole number ≥ 0, not "${raw}"`);
    limits[field] = Number(raw);
  }
  if (limits.retryAfterSeconds < 1) throw new Error(`${ENV_NAMES.retryAfterSeconds} must be at least 1 (seconds)`);
  return limits;
}

/** One line for the banner. */
export function describeLimits(limits: ThrottleLimits): string {
  if (limits.maxInFlight === 0) return 'no limit (MINSHENG_API_MAX_IN_FLIGHT=0)';
  return `${limits.maxInFlight} in flight, ${limits.maxQueue} queued for ≤ ${limits.maxWaitMs / 1000} s, then 503 + Retry-After: ${limits.retryAfterSeconds}`;
}

export type Admission = { admitted: true; release: () => void } | { admitted: false; reason: 'full' | 'timeout' | 'aborted' };

export interface GateStats {
  inFlight: number;
  queued: number;
  admitted: number;
  rejectedFull: number;
  rejectedTimeout: number;
  peakInFlight: number;
  peakQueued: number;
}

interface Waiter {
  grant: () => void;
  timer: NodeJS.Timeout;
}

/** A counting semaphore with a bounded FIFO queue and a bounded wait. */
export class AdmissionGate {
  readonly #limits: ThrottleLimits;
  #inFlight = 0;
  readonly #queue: Waiter[] = [];
  readonly #stats = { admitted: 0, rejectedFull: 0, rejectedTimeout: 0, peakInFlight: 0, peakQueued: 0 };

  constructor(limits: ThrottleLimits) {
    this.#limits = limits;
  }

  get stats(): GateStats {
    return { inFlight: this.#inFlight, queued: this.#queue.length, ...this.#stats };
  }

  /** A slot now, a place in the queue, or no. `signal` (the client went away) gives up the place. */
  admit(signal?: AbortSignal): Promise<Admission> {
    const unlimited = this.#limits.maxInFlight === 0;
    if (unlimited || this.#inFlight < this.#limits.maxInFlight) return Promise.resolve(this.#take());
    if (this.#queue.length >= this.#limits.maxQueue) {
      this.#stats.rejectedFull++;
      return Promise.resolve({ admitted: false, reason: 'full' });
    }
    if (signal?.aborted) return Promise.resolve({ admitted: false, reason: 'aborted' });
    return new Promise<Admission>((resolve) => {
      const leave = (reason: 'timeout' | 'aborted') => {
        const at = this.#queue.indexOf(waiter);
        if (at < 0) return;
        this.#queue.splice(at, 1);
        clearTimeout(waiter.timer);
        signal?.removeEventListener('abort', onAbort);
        if (reason === 'timeout') this.#stats.rejectedTimeout++;
        resolve({ admitted: false, reason });
      };
      const onAbort = () => leave('aborted');
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          signal?.removeEventListener('abort', onAbort);
          resolve(this.#take());
        },
        timer: setTimeout(() => leave('timeout'), this.#limits.maxWaitMs),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
      this.#stats.peakQueued = Math.max(this.#stats.peakQueued, this.#queue.length);
    });
  }

  /** Give up every place in the queue (the proxy is closing). */
  drain(): void {
    for (const waiter of this.#queue.splice(0)) clearTimeout(waiter.timer);
  }

  #take(): Admission {
    this.#inFlight++;
    this.#stats.admitted++;
    this.#stats.peakInFlight = Math.max(this.#stats.peakInFlight, this.#inFlight);
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        this.#inFlight--;
        const next = this.#queue.shift();
        next?.grant();
      },
    };
  }
}

export interface CorsSettings {
  /** `*` or exact origins (serverless.yml provider.httpApi.cors.allowedOrigins). */
  allowedOrigins: string[];
  /** provider.httpApi.cors.exposedResponseHeaders; must include Retry-After for browsers to read it. */
  exposedHeaders: string[];
}

export interface ThrottleProxyOptions {
  /** serverless-offline's own address, e.g. http://localhost:43121 */
  upstream: string;
  limits: ThrottleLimits;
  /** 0 or absent: any free port. */
  port?: number;
  /** The host to listen on; `localhost`, as serverless-offline does. */
  host?: string;
  cors?: CorsSettings;
}

export interface ThrottleProxy {
  url: string;
  port: number;
  stats(): GateStats;
  /** Stop listening, end every connection (queued requests included); resolves when closed. */
  close(): Promise<void>;
}

// Headers that describe one connection, not the message: never forwarded (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authenticate', 'proxy-authorization']);

function endToEnd(raw: string[]): string[] {
  const connectionTokens = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === 'connection') for (const t of raw[i + 1]!.split(',')) connectionTokens.add(t.trim().toLowerCase());
  }
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (!HOP_BY_HOP.has(name) && !connectionTokens.has(name)) out.push(raw[i]!, raw[i + 1]!);
  }
  return out;
}

function requestHeaders(req: IncomingMessage): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  const raw = endToEnd(req.rawHeaders);
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const previous = headers[name];
    headers[name] = previous === undefined ? raw[i + 1]! : ([] as string[]).concat(previous as string | string[], raw[i + 1]!);
  }
  return headers;
}

function corsHeaders(req: IncomingMessage, cors: CorsSettings | undefined): Record<string, string> {
  const origin = req.headers.origin;
  if (!cors || !origin || !(cors.allowedOrigins.includes('*') || cors.allowedOrigins.includes(origin))) return {};
  // As serverless-offline answers: the caller's origin echoed (also for '*'), varying by it.
  return {
    'Access-Control-Allow-Origin': origin,
    Vary: 'origin',
    ...(cors.exposedHeaders.length ? { 'Access-Control-Expose-Headers': cors.exposedHeaders.join(',') } : {}),
  };
}

function sendError(req: IncomingMessage, res: ServerResponse, status: number, body: ApiErrorBody, cors: CorsSettings | undefined, extra: Record<string, string> = {}) {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...corsHeaders(req, cors),
    ...extra,
  });
  res.end(text);
}

/** Start the proxy on `port` in front of `upstream`. */
export async function startThrottleProxy(options: ThrottleProxyOptions): Promise<ThrottleProxy> {
  const upstream = new URL(options.upstream);
  const gate = new AdmissionGate(options.limits);
  const { cors } = options;
  // No keep-alive upstream: a socket reused just as serverless-offline times it out would fail a
  // request whose body has already streamed through. Connections on loopback cost next to nothing.
  const agent = new Agent({ keepAlive: false });
  const busy = (req: IncomingMessage, res: ServerResponse) => {
    const seconds = options.limits.retryAfterSeconds;
    sendError(req, res, 503, { error: { code: 'SERVICE_UNAVAILABLE', message: SERVICE_BUSY_MESSAGE, retryAfterSeconds: seconds } }, cors, {
      'Retry-After': String(seconds),
    });
  };

  const forward = (req: IncomingMessage, res: ServerResponse, release: () => void) => {
    let answer: IncomingMessage | undefined;
    const outgoing = httpRequest(
      { agent, hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: requestHeaders(req) },
      (upstreamAnswer) => {
        answer = upstreamAnswer;
        answer.once('end', release);
        answer.once('close', release);
        if (res.destroyed) {
          answer.resume();
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.rawHeaders));
        answer.pipe(res);
      },
    );
    outgoing.once('close', release);
    outgoing.on('error', () => {
      release();
      sendError(req, res, 502, { error: { code: 'SERVICE_UNAVAILABLE', message: ERROR_MESSAGES.SERVICE_UNAVAILABLE } }, cors, { 'Retry-After': '5' });
    });
    res.once('close', () => {
      if (res.writableFinished) return;
      // The client went away. A request whose body had not all arrived never reached a function:
      // drop it. One that had keeps its slot until the function has answered — that work is still
      // being done — and the answer is read and thrown away.
      if (!req.complete) outgoing.destroy();
      else if (answer) {
        answer.unpipe(res);
        answer.resume();
      }
    });
    req.pipe(outgoing);
  };

  const server: Server = createServer((req, res) => {
    // A client that hangs up mid-request makes these emit errors; 'close' above handles it.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    if (req.method === 'OPTIONS') return forward(req, res, () => undefined);
    const abandoned = new AbortController();
    const onClose = () => abandoned.abort();
    res.once('close', onClose);
    void gate.admit(abandoned.signal).then((admission) => {
      res.off('close', onClose);
      if (admission.admitted) forward(req, res, admission.release);
      else if (admission.reason !== 'aborted') busy(req, res);
    });
  });
  server.keepAliveTimeout = 5000;
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const host = options.host ?? 'localhost';
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    // A burst of hundreds of connections at once must not overflow the accept queue (511 by default).
    server.listen({ port: options.port ?? 0, host, backlog: 4096 }, () => {
      server.off('error', fail);
      done();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${host}:${port}`,
    port,
    stats: () => gate.stats,
    close: () =>
      new Promise<void>((done) => {
        gate.drain();
        server.close(() => done());
        for (const socket of sockets) socket.destroy();
        agent.destroy();
      }),
  };
}
