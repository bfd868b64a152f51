/**
 * `npm start`: the whole platform locally — DynamoDB Local (data kept in .local/ unless
 * --fresh), the table from serverless.yml, demo data, and the API under serverless-offline behind a
 * small gateway that bounds the requests in flight (infra/src/throttle-proxy.ts): the public API
 * port is the gateway's; serverless-offline listens on an internal one. Ctrl-C stops everything,
 * Java included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDeps } from '../../functions/src/app/deps';
import { DEMO_CATEGORIES, DEMO_DEPARTMENTS, DEMO_OFFICIAL_PASSWORD, DEMO_UNITS, seedDemoCases, seedDemoOfficials, seedReferenceData, type DemoCredential } from './demo-data';
import { demoLoginLines } from './demo-logins';
import { claimPort, freePort, startDynamoLocal, type DynamoLocal } from './dynamo-local';
import { startS3Local, type S3Local } from './s3-local';
import { startH5ForStack, type H5Server } from './h5';
import { startConsoleForStack, type ConsoleServer } from './console-server';
import { ensureTable, readServerlessConfig, REPO_ROOT } from './table-definition';
import { describeLimits, limitsFromEnv, startThrottleProxy, type ThrottleProxy } from './throttle-proxy';
import { startFakeWeChat, type FakeWeChat } from './fake-wechat';
import { startFakeSms, type FakeSms } from './fake-sms';

const STAGE = 'local';
const TABLE_NAME = `minsheng-${STAGE}`;
/** The evidence bucket in s3rver (serverless.yml's default name for the stage). */
const EVIDENCE_BUCKET = `minsheng-evidence-${STAGE}`;
// Local state (DynamoDB data, the dev secret); tests point it elsewhere.
const LOCAL_DIR = resolve(process.env.MINSHENG_LOCAL_DIR ?? resolve(REPO_ROOT, '.local'));

function log(message: string) {
  process.stdout.write(`[minsheng] ${message}\n`);
}

/** A per-checkout secret, made once and kept in .local/ so tokens and demo passwords survive restarts. */
function localSecret(): string {
  const file = resolve(LOCAL_DIR, 'app-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function isPortFree(port: number): Promise<boolean> {
  const { createServer } = await import('node:net');
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

async function choosePort(preferred: number): Promise<number> {
  return (await isPortFree(preferred)) ? claimPort(preferred) : freePort();
}

/** SIGTERM a detached child's whole process group, SIGKILL after 5 s; resolves once it has exited. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      child.kill(sig);
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before ${url} answered`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function main() {
  const fresh = process.argv.includes('--fresh');
  mkdirSync(LOCAL_DIR, { recursive: true });
  const dataDir = resolve(LOCAL_DIR, 'dynamodb');
  const s3Dir = resolve(LOCAL_DIR, 's3');
  if (fresh) {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(s3Dir, { recursive: true, force: true });
    log('--fresh: local data cleared');
  }
  const secret = localSecret();
  log(`Node ${process.version} (${process.execPath})`);
  let limits: ReturnType<typeof limitsFromEnv>;
  try {
    limits = limitsFromEnv();
  } catch (error) {
    process.stderr.write(`[minsheng] start failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const children: ChildProcess[] = [];
  let dynamo: DynamoLocal | undefined;
  let s3: S3Local | undefined;
  let wechat: FakeWeChat | undefined;
  let smsFake: FakeSms | undefined;
  let h5: H5Server | undefined;
  let consoleServer: ConsoleServer | undefined;
  let gateway: ThrottleProxy | undefined;
  let indexer: { stop(): void } | undefined;
  let streams: { stop(): Promise<void> } | undefined;
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    indexer?.stop();
    await streams?.stop();
    await gateway?.close();
    await Promise.all(children.map(stopProcessGroup));
    await h5?.close();
    await consoleServer?.close();
    await wechat?.stop();
    await smsFake?.stop();
    await dynamo?.stop();
    await s3?.stop();
    log('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const dynamoPort = await choosePort(Number(process.env.MINSHENG_DYNAMO_PORT ?? 8000));
    dynamo = await startDynamoLocal({ port: dynamoPort, dataDir });
    log(`DynamoDB Local on ${dynamo.endpoint} (data in ${dataDir})`);
    const created = await ensureTable(dynamo.endpoint, TABLE_NAME);
    log(created ? `table ${TABLE_NAME} created from serverless.yml` : `table ${TABLE_NAME} already there`);

    // Evidence (photos, documents): s3rver, objects kept in .local/s3 like the table's data.
    s3 = await startS3Local({ directory: s3Dir, port: await choosePort(Number(process.env.MINSHENG_S3_PORT ?? 4569)) });
    await s3.ensureBucket(EVIDENCE_BUCKET);
    log(`s3rver on ${s3.endpoint} (bucket ${EVIDENCE_BUCKET}, objects in ${s3Dir})`);

    const deps = createDeps({ TABLE_NAME, AWS_REGION: 'local', DYNAMODB_ENDPOINT: dynamo.endpoint, APP_SECRET: secret, CITIZEN_TOKEN_MINUTES: 30, EVIDENCE_BUCKET, S3_ENDPOINT: s3.endpoint });
    // The table's stream functions (the statistics' consumer, …), fed from DynamoDB Local's stream like Lambda in AWS;
    // started before the demo data so the demo cases are counted (records already counted are skipped).
    const localStreams = await (await import('./streams-local')).startLocalStreams({ endpoint: dynamo.endpoint, tableName: TABLE_NAME, deps, log });
    streams = localStreams;
    await seedReferenceData(deps);
    await seedDemoOfficials(deps);
    const demoCases: DemoCredential[] = await seedDemoCases(deps);
    log(`demo data: ${DEMO_UNITS.length} units, ${DEMO_DEPARTMENTS.length} departments, ${DEMO_CATEGORIES.length} categories, ${demoCases.length} cases`);
    log(`policy library: ${await (await import('./demo-library')).seedDemoLibrary(deps)} demo items loaded (none when the library already exists)`);
    // The search index snapshot, rewritten every minute when the library changed (libraryIndexer's schedule in AWS).
    indexer = (await import('./library-indexer-local')).startLocalLibraryIndexer(deps, log);

    // WeChat's servers can't be reached from here: a local fake answers the same HTTP API.
    wechat = await startFakeWeChat();
    // Tencent Cloud SMS likewise: a local fake checks the TC3 signature and shows what each phone received.
    smsFake = await startFakeSms({ port: await choosePort(Number(process.env.MINSHENG_SMS_PORT ?? 10090)) });
    // The local stack's clock can be moved forward (npm run local:time -- +5d) to see the SLA timers act.
    const clockFile = resolve(LOCAL_DIR, 'clock-offset');

    const apiPort = await choosePort(Number(process.env.MINSHENG_API_PORT ?? 3000));
    const lambdaPort = await choosePort(Number(process.env.MINSHENG_LAMBDA_PORT ?? 3002));
    // serverless-offline's own HTTP port, reached only through the gateway (any free one unless set).
    const offlinePort = process.env.MINSHENG_OFFLINE_PORT ? await choosePort(Number(process.env.MINSHENG_OFFLINE_PORT)) : await freePort();
    const slsBin = resolve(REPO_ROOT, 'node_modules', 'serverless', 'bin', 'serverless.js');
    const offline = spawn(process.execPath, [slsBin, 'offline', 'start', '--stage', STAGE], {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        SLS_TELEMETRY_DISABLED: '1',
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        MINSHENG_S3_ENDPOINT: s3.endpoint,
        // serverless-offline runs the bundles in place: sharp from node_modules, not an arm64 install (serverless.yml).
        MINSHENG_SHARP_TARGET: 'local',
        MINSHENG_EVIDENCE_BUCKET: EVIDENCE_BUCKET,
        MINSHENG_APP_SECRET: secret,
        // serverless.yml reads serverless-offline's httpPort from MINSHENG_API_PORT.
        MINSHENG_API_PORT: String(offlinePort),
        MINSHENG_LAMBDA_PORT: String(lambdaPort),
        AWS_REGION: 'local',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        MINSHENG_LOCAL_CLOCK_FILE: clockFile,
        MINSHENG_WECHAT_API_BASE: wechat.url,
        MINSHENG_WECHAT_APP_ID: wechat.appId,
        MINSHENG_WECHAT_APP_SECRET: wechat.appSecret,
        MINSHENG_WECHAT_TEMPLATE_ID: 'local-progress-template',
        MINSHENG_SMS_API_BASE: smsFake.url,
        MINSHENG_SMS_SECRET_ID: smsFake.secretId,
        MINSHENG_SMS_SECRET_KEY: smsFake.secretKey,
        MINSHENG_SMS_SDK_APP_ID: smsFake.sdkAppId,
        MINSHENG_SMS_SIGN_NAME: smsFake.signName,
        MINSHENG_SMS_TEMPLATE_FILED: smsFake.templates.filed,
        MINSHENG_SMS_TEMPLATE_PROGRESS: smsFake.templates.progress,
        MINSHENG_SMS_TEMPLATE_CODE: smsFake.templates.code,
      },
    });
    children.push(offline);
    let offlineOutput = '';
    const verbose = process.argv.includes('--verbose');
    // Only the tail is ever shown (when serverless-offline exits); the functions log a line per request.
    const keep = (c: Buffer) => {
      offlineOutput = (offlineOutput + c.toString()).slice(-8000);
    };
    offline.stdout?.on('data', (c: Buffer) => {
      keep(c);
      if (verbose) process.stdout.write(c);
    });
    offline.stderr?.on('data', (c: Buffer) => {
      keep(c);
      process.stderr.write(c);
    });
    offline.once('exit', (code) => {
      if (!stopping) {
        log(`serverless-offline exited (${code}):\n${offlineOutput.slice(-4000)}`);
        void stop(1);
      }
    });

    await waitForHttp(`http://localhost:${offlinePort}/api/categories`, offline, 120_000);
    // The public API port: at most limits.maxInFlight requests reach serverless-offline at once, a
    // bounded queue waits briefly, the rest get 503 + Retry-After, as a throttled API would answer.
    const cors = readServerlessConfig().provider?.httpApi?.cors ?? {};
    gateway = await startThrottleProxy({
      upstream: `http://localhost:${offlinePort}`,
      port: apiPort,
      host: 'localhost',
      limits,
      cors: { allowedOrigins: cors.allowedOrigins ?? [], exposedHeaders: cors.exposedResponseHeaders ?? [] },
    });
    const apiUrl = `http://localhost:${apiPort}`;
    log(`API gateway on ${apiUrl} → serverless-offline on port ${offlinePort}: ${describeLimits(limits)}`);
    // The citizen mini-program's H5 build, calling this API through its own /api proxy.
    h5 = await startH5ForStack({ apiUrl, port: await choosePort(Number(process.env.MINSHENG_H5_PORT ?? 10086)), log });
    // The officials' console, likewise calling this API through its own /api proxy.
    consoleServer = await startConsoleForStack({ apiUrl, port: await choosePort(Number(process.env.MINSHENG_CONSOLE_PORT ?? 10088)), log, evidenceOrigin: s3.endpoint });

    const lines = [
      '',
      '民声 Minsheng is running locally',
      `  API            ${apiUrl}/api   (e.g. ${apiUrl}/api/categories)`,
      `                 ${describeLimits(limits)}`,
      `  DynamoDB Local ${dynamo.endpoint}   table ${TABLE_NAME}`,
      `  S3 (s3rver)    ${s3.endpoint}   bucket ${EVIDENCE_BUCKET}`,
      ...(h5 ? [`  Mini-program   ${h5.url}/   (the citizen mini-program, H5 build: open it in a browser)`] : []),
      ...(consoleServer ? [`  Console        ${consoleServer.url}/   (officials; demo logins below)`] : []),
      '',
      '  Demo cases (case number / password) — log in at POST /api/track/login:',
      ...demoCases.map((c) => `    ${c.caseNo} / ${c.password}   ${c.title}`),
      '',
      `  Demo officials (password ${DEMO_OFFICIAL_PASSWORD}) — POST /api/console/login:`,
      ...demoLoginLines(),
      `    (one handler per department: username = department id, e.g. nyncj, scjgj, hexi-rsj, qs-shuangmiao-nyb)`,
      '',
      `  Fake WeChat API ${wechat.url}   (subscription messages sent: ${wechat.url}/__fake/messages)`,
      `  Fake SMS        ${smsFake.url}/   (the SMS each phone received, as it would show them; JSON: ${smsFake.url}/messages)`,
      `  Table stream: ${localStreams.functions.join(', ')} run in this process (statistics lag the cases by well under a second)`,
      `  SLA timers: every 5 minutes; move the local clock with \`npm run local:time -- +5d\` and sweep now with \`npm run local:sweep\``,
      '',
      '  Ctrl-C stops everything. `npm start -- --fresh` starts from empty data.',
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } catch (error) {
    process.stderr.write(`[minsheng] start failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await stop(1);
  }
}

void main();
