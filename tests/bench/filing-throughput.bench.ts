/**
 * Filing throughput on the local stack, through its gateway: `npm start` brought up as
 * tests/support/local-stack.ts does (own data folder, free ports, --fresh), then POST /api/cases
 * (each with a fresh Idempotency-Key, each paying the deliberate scrypt hash) at 1, 8, 32 and 128
 * in flight, 200 requests each; then 600 at once; then 600 at once from clients that retry after
 * Retry-After with the same Idempotency-Key until filed. Every request has a deadline (BENCH_BOUND_MS,
 * 60 s): one not answered by then counts as hung. Alongside, the peak threads and memory of the
 * serverless-offline process (the original failure: 550 threads and 8 GB at 600 at once). For
 * comparison, 8 and 32 in flight straight to serverless-offline's internal port (no gateway).
 *
 *   npm run bench:filing                   (~3–4 min on 2 cores)
 *   BENCH_REQUESTS=200 BENCH_BURST=600 BENCH_LEVELS=1,8,32,128 BENCH_BOUND_MS=60000
 *   BENCH_RETRY_DEADLINE_MS=300000 (how long a retrying client keeps trying)
 *   MINSHENG_API_MAX_IN_FLIGHT=0 npm run bench:filing     the stack without its limit, for comparison
 * The gateway's limits (MINSHENG_API_*) pass through to npm start.
 */
import { randomUUID, scrypt as scryptCb, scryptSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describeLimits, limitsFromEnv } from '../../infra/src/throttle-proxy';
import { npmStart, portOpen, type RunningStack } from '../support/local-stack';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const BURST = Number(process.env.BENCH_BURST ?? 600);
const LEVELS = (process.env.BENCH_LEVELS ?? '1,8,32,128').split(',').map(Number);
// The same closed loop straight to serverless-offline's internal port, bypassing the gateway: what
// the limit costs (or saves) in throughput.
const DIRECT_LEVELS = (process.env.BENCH_DIRECT_LEVELS ?? '8,32').split(',').filter(Boolean).map(Number);
const BOUND_MS = Number(process.env.BENCH_BOUND_MS ?? 60_000);
// How long a retrying client keeps trying to file before it gives up.
const RETRY_DEADLINE_MS = Number(process.env.BENCH_RETRY_DEADLINE_MS ?? 300_000);
const limits = limitsFromEnv();

// ---- the scrypt hash on its own (what each filing pays on purpose), before anything else runs ----

const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const scrypt = promisify(scryptCb) as (password: string, salt: string, keylen: number, options: typeof SCRYPT) => Promise<Buffer>;

async function measureScrypt(): Promise<{ medianMs: number; perSecond: number }> {
  for (let i = 0; i < 3; i++) scryptSync('warm-up', `salt-${i}`, 32, SCRYPT);
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t0 = performance.now();
    scryptSync('password', `salt-${i}`, 32, SCRYPT);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  // As many at once as libuv runs (4 threads) on however many cores there are: the machine's ceiling.
  const n = 40;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => scrypt('password', `salt-${i}`, 32, SCRYPT)));
  return { medianMs: times[10]!, perSecond: n / ((performance.now() - t0) / 1000) };
}

// ---- the stack's processes: serverless-offline's threads and memory, sampled ----

interface ProcSample {
  threads: number;
  rssMb: number;
}

function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const [child, ppid] of parent) if (ppid === pid) (out.push(child), walk(child));
  };
  walk(root);
  return out;
}

/** The serverless-offline process (node …/serverless.js offline start) under npm start. */
function offlineSample(root: number): ProcSample | undefined {
  for (const pid of descendants(root)) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('serverless.js') || !cmd.includes('offline')) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const threads = Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      return { threads, rssMb: rssKb / 1024 };
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

class Sampler {
  #peak: ProcSample = { threads: 0, rssMb: 0 };
  #timer: NodeJS.Timeout;
  constructor(root: number) {
    this.#timer = setInterval(() => {
      const s = offlineSample(root);
      if (s) this.#peak = { threads: Math.max(this.#peak.threads, s.threads), rssMb: Math.max(this.#peak.rssMb, s.rssMb) };
    }, 200);
  }
  /** The peak since the last call, and start again. */
  take(): ProcSample {
    const peak = this.#peak;
    this.#peak = { threads: 0, rssMb: 0 };
    return peak;
  }
  stop() {
    clearInterval(this.#timer);
  }
}

// ---- filing ----

interface Outcome {
  status: number | 'hung' | 'error';
  ms: number;
  retryAfter?: number;
  /** A 503 with the API's JSON error body (code SERVICE_UNAVAILABLE). */
  jsonError?: boolean;
  caseNo?: string;
}

const TITLES = ['工地拖欠工资三个月', '小区门口道路破损', '学校搬迁后孩子上学远', '种粮补贴没有到账', '餐馆油烟扰民'];
let filed = 0;

function filingBody(i: number) {
  return JSON.stringify({ type: 'complaint', categoryId: 'qita', title: `${TITLES[i % TITLES.length]}（${i}）`, content: '压力测试：请忽略。县城南安置小区工地拖欠 23 名工人三个月工资。' });
}

async function fileOnce(apiUrl: string, key: string, body: string): Promise<Outcome> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${apiUrl}/api/cases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body,
      signal: AbortSignal.timeout(BOUND_MS),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const retryAfter = res.headers.get('retry-after');
    return {
      status: res.status,
      ms,
      ...(retryAfter !== null ? { retryAfter: Number(retryAfter) } : {}),
      ...(res.status === 503 ? { jsonError: json?.error?.code === 'SERVICE_UNAVAILABLE' && typeof json.error.message === 'string' } : {}),
      ...(res.status === 201 ? { caseNo: json?.caseNo } : {}),
    };
  } catch (error) {
    const ms = performance.now() - t0;
    return { status: (error as Error).name === 'TimeoutError' ? 'hung' : 'error', ms };
  }
}

/** `total` filings, `inFlight` at a time (each worker sends its next as soon as its last is answered). */
async function closedLoop(apiUrl: string, inFlight: number, total: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(inFlight, total) }, async () => {
      while (next < total) {
        next++;
        outcomes.push(await fileOnce(apiUrl, randomUUID(), filingBody(filed++)));
      }
    }),
  );
  return outcomes;
}

async function burst(apiUrl: string, n: number): Promise<Outcome[]> {
  return Promise.all(Array.from({ length: n }, () => fileOnce(apiUrl, randomUUID(), filingBody(filed++))));
}

/**
 * `n` at once; each client retries a 503 after Retry-After (+ up to 1 s of jitter) with the same
 * key and body until filed, or gives up after RETRY_DEADLINE_MS. Per filing: its last answer, timed
 * from the first attempt (waits included).
 */
async function burstWithRetries(apiUrl: string, n: number): Promise<{ perFiling: Outcome[]; attempts: Outcome[]; distinctCases: number }> {
  const attempts: Outcome[] = [];
  const perFiling = await Promise.all(
    Array.from({ length: n }, async () => {
      const key = randomUUID();
      const body = filingBody(filed++);
      const t0 = performance.now();
      for (;;) {
        const outcome = await fileOnce(apiUrl, key, body);
        attempts.push(outcome);
        const elapsed = performance.now() - t0;
        if (outcome.status !== 503 || elapsed > RETRY_DEADLINE_MS) return { ...outcome, ms: elapsed };
        await new Promise((r) => setTimeout(r, (outcome.retryAfter ?? 1) * 1000 + Math.random() * 1000));
      }
    }),
  );
  const distinctCases = new Set(perFiling.map((o) => o.caseNo).filter(Boolean)).size;
  return { perFiling, attempts, distinctCases };
}

// ---- the table ----

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : NaN);
const fmtMs = (ms: number) => (Number.isNaN(ms) ? '–' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

interface Row {
  run: string;
  /** Every answer. */
  outcomes: Outcome[];
  /** Retrying clients: one per filing, timed from its first attempt (else the answers themselves). */
  filings?: Outcome[];
  wallMs: number;
  proc: ProcSample;
  note?: string;
}

function row(r: Row): string[] {
  const filings = r.filings ?? r.outcomes;
  const ok = filings.filter((o) => o.status === 201);
  const busy = r.outcomes.filter((o) => o.status === 503);
  const busyProper = busy.filter((o) => o.retryAfter !== undefined && o.retryAfter > 0 && o.jsonError);
  const hung = r.outcomes.filter((o) => o.status === 'hung');
  const other = r.outcomes.filter((o) => o.status !== 201 && o.status !== 503 && o.status !== 'hung').length;
  const okMs = ok.map((o) => o.ms).sort((a, b) => a - b);
  const busyMs = busy.map((o) => o.ms).sort((a, b) => a - b);
  const allMs = r.outcomes.map((o) => o.ms).sort((a, b) => a - b);
  return [
    r.run,
    String(filings.length),
    String(r.outcomes.length),
    String(ok.length),
    busy.length === busyProper.length ? String(busy.length) : `${busy.length} (${busy.length - busyProper.length} without Retry-After/JSON)`,
    String(other),
    String(hung.length),
    fmtMs(r.wallMs),
    (ok.length / (r.wallMs / 1000)).toFixed(1),
    fmtMs(pct(okMs, 0.5)),
    fmtMs(pct(okMs, 0.95)),
    fmtMs(okMs.at(-1) ?? NaN),
    fmtMs(busyMs.at(-1) ?? NaN),
    fmtMs(allMs.at(-1) ?? NaN),
    `${r.proc.threads} / ${r.proc.rssMb.toFixed(0)} MB`,
  ];
}

function printTable(rows: string[][]) {
  const head = ['run', 'filings', 'requests', '201', '503 + Retry-After', 'other', 'hung', 'wall time', '201/s', '201 p50', '201 p95', '201 max', '503 max', 'slowest answer', 'offline threads / RSS (peak)'];
  const lines = [head, head.map(() => '---'), ...rows];
  process.stdout.write(lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n') + '\n');
}

// ---- run ----

async function stopStack(stack: RunningStack) {
  if (stack.child.exitCode !== null) return;
  const exited = new Promise<void>((done) => stack.child.once('exit', () => done()));
  process.kill(-stack.child.pid!, 'SIGINT');
  await exited;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && ((await portOpen(stack.apiPort)) || (await portOpen(stack.dynamoPort)))) await new Promise((r) => setTimeout(r, 200));
}

const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');

async function main() {
  process.stdout.write(`${cpus().length} cores, Node ${process.version}, load average ${load()} (1 / 5 / 15 min)\n`);
  const hash = await measureScrypt();
  process.stdout.write(`scrypt N=2^15, r=8, p=1 on this machine: median ${hash.medianMs.toFixed(1)} ms of one core; ${hash.perSecond.toFixed(1)} hashes/s with every core busy\n`);
  process.stdout.write(`gateway limits: ${describeLimits(limits)}; each request's deadline ${BOUND_MS / 1000} s\n`);

  const localDir = mkdtempSync(join(tmpdir(), 'minsheng-bench-filing-'));
  const t0 = performance.now();
  const stack = await npmStart(localDir, ['--fresh']);
  process.stdout.write(`npm start up in ${((performance.now() - t0) / 1000).toFixed(1)} s (${stack.apiUrl})\n`);
  const sampler = new Sampler(stack.child.pid!);
  const rows: Row[] = [];
  try {
    // Warm-up: as many at once as the gateway lets through, twice, so each worker has loaded its function.
    const warm = Math.max(1, Math.min(limits.maxInFlight || 8, 32));
    await closedLoop(stack.apiUrl, warm, warm * 2);
    sampler.take();

    for (const level of LEVELS) {
      const started = performance.now();
      const outcomes = await closedLoop(stack.apiUrl, level, REQUESTS);
      rows.push({ run: `${level} in flight`, outcomes, wallMs: performance.now() - started, proc: sampler.take() });
      process.stdout.write(`  ${level} in flight: done\n`);
    }
    // Let the queue and workers settle between phases.
    await new Promise((r) => setTimeout(r, 3000));
    sampler.take();
    {
      const started = performance.now();
      const outcomes = await burst(stack.apiUrl, BURST);
      rows.push({ run: `${BURST} at once`, outcomes, wallMs: performance.now() - started, proc: sampler.take() });
      process.stdout.write(`  ${BURST} at once: done\n`);
    }
    await new Promise((r) => setTimeout(r, 3000));
    sampler.take();
    let retries = { filed: 0, distinctCases: 0 };
    {
      const started = performance.now();
      const result = await burstWithRetries(stack.apiUrl, BURST);
      retries = { filed: result.perFiling.filter((o) => o.status === 201).length, distinctCases: result.distinctCases };
      rows.push({
        run: `${BURST} at once, retrying after Retry-After`,
        outcomes: result.attempts,
        filings: result.perFiling,
        wallMs: performance.now() - started,
        proc: sampler.take(),
      });
    }

    // Last, so the workers it leaves behind (serverless-offline keeps idle ones for 60 s) do not
    // show in the gateway's rows.
    await new Promise((r) => setTimeout(r, 3000));
    sampler.take();
    const offlinePort = /serverless-offline on port (\d+)/.exec(stack.output())?.[1];
    if (offlinePort) {
      for (const level of DIRECT_LEVELS) {
        const started = performance.now();
        const outcomes = await closedLoop(`http://localhost:${offlinePort}`, level, REQUESTS);
        rows.push({ run: `${level} in flight, no gateway`, outcomes, wallMs: performance.now() - started, proc: sampler.take() });
        process.stdout.write(`  ${level} in flight straight to serverless-offline: done\n`);
      }
    }
    process.stdout.write('\n');
    printTable(rows.map(row));
    process.stdout.write(`\nload average at the end: ${load()}\n`);
    process.stdout.write(
      `\n201 columns: per filing; on the retrying row from its first attempt to its 201, waits included (${retries.filed} of ${BURST} filed within ${RETRY_DEADLINE_MS / 1000} s, ${retries.distinctCases} distinct cases: a retry with the same Idempotency-Key is the same case). 503 and "slowest answer": per request.\n`,
    );
  } finally {
    sampler.stop();
    await stopStack(stack);
    rmSync(localDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
