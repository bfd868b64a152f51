/**
 * The re-timing job over 100,000 open cases (issue #19): an admin's calendar change over HTTP (the
 * real middy handler, in process) answers with a queued job; the job (the `retimeOpenCases` stream
 * handler, on a synthetic INSERT record as the stream delivers it) counts the open cases and
 * re-times the working-day ones page by page. While it runs an admin polls the progress
 * (GET /api/console/admin/calendar/retime-jobs, what the console page polls) every 500 ms, and opens
 * the whole calendar page (GET /api/console/admin/calendar) every 5 s. Prints: the change request's
 * latency, the job's total time, its progress events and their spacing, and the max and p95 latency
 * of those requests (goal: no request over 1 s).
 *
 *   npm run bench:retime      (BENCH_OPEN=100000, BENCH_WORKING_SHARE=0.3 by default)
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { DEFAULT_SLA_POLICIES } from '@minsheng/shared';
import { createDocumentClient } from '../../functions/src/adapters/dynamo/client';
import { createTable } from '../../functions/src/adapters/dynamo/table';
import { createDeps } from '../../functions/src/app/deps';
import { handler as getCalendar } from '../../functions/src/http/admin/calendar-get';
import { handler as listRetimeJobs } from '../../functions/src/http/admin/calendar-retime-jobs';
import { handler as putOverride } from '../../functions/src/http/admin/calendar-override-put';
import { handler as loginHandler } from '../../functions/src/http/console/login';
import type { HttpHandler } from '../../functions/src/lib/http';
import { streamJob } from '../../functions/src/lib/stream';
import type { Deps } from '../../functions/src/services/deps';
import { runRetimeJob } from '../../functions/src/services/sla/retime-job';
import { DEMO_OFFICIAL_PASSWORD, seedDemoOfficials } from '../../infra/src/demo-data';
import { startDynamoLocal } from '../../infra/src/dynamo-local';
import { ensureTable } from '../../infra/src/table-definition';
import { openCase, seedOpenCases } from './open-cases';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const OPEN = Number(process.env.BENCH_OPEN ?? 100_000);
const WORKING_SHARE = Number(process.env.BENCH_WORKING_SHARE ?? 0.3);
const POLL_MS = 500;
const DAY = 86_400_000;
/** Friday 2026-11-20: cases filed over the 10 days before, all still open. */
const NOW = new Date('2026-11-20T10:00:00+08:00');
/** The change: Monday 2026-11-23 becomes a day off — the deadlines of the working-day cases filed from 11-12 on move a day. */
const DAY_OFF = '2026-11-23';

async function invoke(h: HttpHandler, deps: Deps, method: string, path: string, options: { token?: string; body?: unknown; tolerate?: boolean } = {}) {
  const event = {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'user-agent': 'bench', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    requestContext: { http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'bench' }, requestId: randomUUID(), routeKey: `${method} ${path}`, stage: '$default', timeEpoch: Date.now() },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
  const t0 = performance.now();
  const res = await h.withDeps(deps)(event, { awsRequestId: randomUUID(), getRemainingTimeInMillis: () => 29_000 } as unknown as Context);
  const ms = performance.now() - t0;
  if (res.statusCode !== 200 && !options.tolerate) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
  return { ms, status: res.statusCode as number, body: JSON.parse(res.body ?? 'null') };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

async function main() {
  const dynamo = await startDynamoLocal();
  try {
    const tableName = `retime-${OPEN}`;
    await ensureTable(dynamo.endpoint, tableName);
    const table = createTable(createDocumentClient({ region: 'local', endpoint: dynamo.endpoint }), tableName);
    const t0 = performance.now();
    // Filed over the 10 days before NOW (1 to 10 days ago); WORKING_SHARE of each day's count in working days.
    const working = { ...DEFAULT_SLA_POLICIES.consultation, dayMode: 'working' as const };
    await seedOpenCases(table, OPEN, (i) =>
      openCase(i, new Date(NOW.getTime() - (1 + (i % 10)) * DAY), Math.floor(i / 10) % 10 < WORKING_SHARE * 10 ? working : DEFAULT_SLA_POLICIES.consultation),
    );
    const seedMs = performance.now() - t0;
    const deps: Deps = { ...createDeps({ TABLE_NAME: tableName, AWS_REGION: 'local', DYNAMODB_ENDPOINT: dynamo.endpoint, APP_SECRET: 'benchmark-secret-0123456789abcdefghij' }), now: () => NOW };
    await seedDemoOfficials(deps);
    const { body: login } = await invoke(loginHandler, deps, 'POST', '/api/console/login', { body: { username: 'admin', password: DEMO_OFFICIAL_PASSWORD } });
    const token = login.token as string;
    // Warm the GET routes (first-call costs: imports, JIT) before measuring.
    for (let i = 0; i < 3; i++) {
      await invoke(getCalendar, deps, 'GET', '/api/console/admin/calendar', { token });
      await invoke(listRetimeJobs, deps, 'GET', '/api/console/admin/calendar/retime-jobs', { token });
    }

    // The whole calendar page with no job running (its horizon reads the open-cases index).
    const idle: number[] = [];
    for (let i = 0; i < 5; i++) idle.push((await invoke(getCalendar, deps, 'GET', '/api/console/admin/calendar', { token })).ms);

    const change = await invoke(putOverride, deps, 'POST', '/api/console/admin/calendar', { token, body: { date: DAY_OFF, work: false, note: '基准测试' } });
    const job = change.body.retime;

    // The admin polls the progress every 500 ms while the job runs, and opens the whole calendar every 5 s.
    const polls: number[] = [];
    /** Polls answered while the job was still counting (status queued) and while it re-timed. */
    const byPhase: Record<string, number[]> = { counting: [], retiming: [] };
    let failures = 0;
    const pages: number[] = [];
    const shown: string[] = [];
    let running = true;
    const every = async (ms: number, run: () => Promise<void>) => {
      while (running) {
        const started = performance.now();
        await run();
        await new Promise((r) => setTimeout(r, Math.max(0, ms - (performance.now() - started))));
      }
    };
    const poller = Promise.all([
      every(POLL_MS, async () => {
        const { ms, status, body } = await invoke(listRetimeJobs, deps, 'GET', '/api/console/admin/calendar/retime-jobs', { token, tolerate: true });
        polls.push(ms);
        if (status !== 200) return void failures++;
        const j = body.items[0];
        byPhase[j.status === 'queued' ? 'counting' : 'retiming']!.push(ms);
        shown.push(`${j.status} ${j.done}/${j.total}`);
      }),
      every(5_000, async () => void pages.push((await invoke(getCalendar, deps, 'GET', '/api/console/admin/calendar', { token, tolerate: true })).ms)),
    ]);

    // The stream handler on the job item's INSERT, as Lambda delivers it.
    const progressAt: number[] = [];
    const tJob = performance.now();
    const retime = streamJob('retime open cases', () => deps, async (c, d) => {
      await runRetimeJob(d, c.newImage!.id as string, { onProgress: () => void progressAt.push(performance.now() - tJob) });
    });
    const keys = { pk: 'RETIME#JOB', sk: job.id };
    const result = await retime({ Records: [{ eventName: 'INSERT', dynamodb: { Keys: marshall(keys) as never, NewImage: marshall({ ...keys, ...job }) as never, SequenceNumber: '1' } }] });
    const jobMs = performance.now() - tJob;
    running = false;
    await poller;
    if (result.batchItemFailures.length) throw new Error('job failed');
    const finished = (await deps.slaSettings.getRetimeJob(job.id))!;
    const gaps = progressAt.slice(1).map((t, i) => t - progressAt[i]!);

    console.log(`\nRe-timing job, ${OPEN.toLocaleString('en-US')} open cases (${Math.round(WORKING_SHARE * 100)} % counted in working days), DynamoDB Local in-memory (Node ${process.version}); seeding took ${(seedMs / 1000).toFixed(0)} s\n`);
    console.log(`change request (POST calendar, answers with the queued job): ${change.ms.toFixed(0)} ms`);
    console.log(`job: ${finished.status}, total ${finished.total}, done ${finished.done}, rescheduled ${finished.rescheduled}, in ${(jobMs / 1000).toFixed(1)} s`);
    console.log(`progress events: ${progressAt.length}; spacing median ${pct(gaps, 50).toFixed(0)} ms, p95 ${pct(gaps, 95).toFixed(0)} ms, max ${Math.max(0, ...gaps).toFixed(0)} ms`);
    console.log(`admin polling GET calendar/retime-jobs every ${POLL_MS} ms during the job: ${polls.length} requests, p50 ${pct(polls, 50).toFixed(0)} ms, p95 ${pct(polls, 95).toFixed(0)} ms, max ${Math.max(...polls).toFixed(0)} ms; over 1 s: ${polls.filter((m) => m > 1000).length}; not 200: ${failures}`);
    for (const [phase, ms] of Object.entries(byPhase)) if (ms.length) console.log(`  while ${phase}: ${ms.length} requests, p50 ${pct(ms, 50).toFixed(0)} ms, p95 ${pct(ms, 95).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms`);
    console.log(`admin opening GET calendar (whole page, reads up to ${5000} index items for the horizon) every 5 s: ${pages.length} requests, p50 ${pct(pages, 50).toFixed(0)} ms, p95 ${pct(pages, 95).toFixed(0)} ms, max ${Math.max(...pages).toFixed(0)} ms; over 1 s: ${pages.filter((m) => m > 1000).length}`);
    console.log(`the same GET calendar with no job running: p50 ${pct(idle, 50).toFixed(0)} ms, max ${Math.max(...idle).toFixed(0)} ms`);
    console.log(`what the page showed (first, middle, last): ${[shown[0], shown[Math.floor(shown.length / 2)], shown[shown.length - 1]].join(' | ')}`);
  } finally {
    await dynamo.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
