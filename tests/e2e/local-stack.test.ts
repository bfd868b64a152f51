import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/src/dynamo-local';
import { REPO_ROOT } from '../../infra/src/table-definition';

const localDir = mkdtempSync(join(tmpdir(), 'minsheng-stack-'));
afterAll(() => rmSync(localDir, { recursive: true, force: true }));

interface RunningStack {
  child: ChildProcess;
  output: () => string;
  apiUrl: string;
  apiPort: number;
  dynamoPort: number;
  demo: { caseNo: string; password: string }[];
}

/** `npm start` as a developer runs it, in its own process group like a terminal's foreground job. */
async function npmStart(args: string[] = []): Promise<RunningStack> {
  const [apiPort, lambdaPort, dynamoPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawn('npm', ['start', '--', ...args], {
    cwd: REPO_ROOT,
    detached: true,
    env: {
      ...process.env,
      MINSHENG_LOCAL_DIR: localDir,
      MINSHENG_API_PORT: String(apiPort),
      MINSHENG_LAMBDA_PORT: String(lambdaPort),
      MINSHENG_DYNAMO_PORT: String(dynamoPort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 150_000;
  while (!output.includes('Ctrl-C stops everything')) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const demo = [...output.matchAll(/^\s+(\d{14}) \/ ([2-9A-Z]{8})\s/gm)].map((m) => ({ caseNo: m[1]!, password: m[2]! }));
  return { child, output: () => output, apiUrl: `http://localhost:${apiPort}`, apiPort, dynamoPort, demo };
}

/**
 * Ctrl-C: SIGINT to the foreground process group. Resolves when npm has exited and the API's and
 * DynamoDB Local's ports are closed (or after 20 s, leaving the assertions to say what survived).
 */
async function ctrlC(stack: RunningStack): Promise<void> {
  const exited = new Promise<void>((resolve) => stack.child.once('exit', () => resolve()));
  process.kill(-stack.child.pid!, 'SIGINT');
  await exited;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && ((await portOpen(stack.dynamoPort)) || (await portOpen(stack.apiPort)))) {
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(stack.output()).toContain('[minsheng] stopped');
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const json = { 'Content-Type': 'application/json' };
// Response bodies are read loosely: the assertions say what they must hold.
const body = async (res: Response): Promise<any> => res.json();

describe('npm start', () => {
  let filedCaseNo = '';
  let filedPassword = '';

  it('serves the API on DynamoDB Local with demo data and prints demo logins', async () => {
    const stack = await npmStart(['--fresh']);
    try {
      expect(stack.output()).toContain(`${stack.apiUrl}/api`);
      expect(stack.demo.length).toBeGreaterThanOrEqual(3);

      const categories = await body(await fetch(`${stack.apiUrl}/api/categories`));
      expect(categories.items.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['征地拆迁', '拖欠农民工工资', '惠农政策落实', '学校搬迁', '乱收费']));
      const departments = await body(await fetch(`${stack.apiUrl}/api/departments`));
      expect(departments.items.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['住房和城乡建设局', '人力资源和社会保障局', '农业农村局', '教育局']));

      // A printed demo login works.
      const login = await fetch(`${stack.apiUrl}/api/track/login`, { method: 'POST', headers: json, body: JSON.stringify(stack.demo[0]) });
      expect(login.status).toBe(200);
      const { token } = await body(login);
      const tracked = await body(await fetch(`${stack.apiUrl}/api/track/case`, { headers: { Authorization: `Bearer ${token}` } }));
      expect(tracked.caseNo).toBe(stack.demo[0]!.caseNo);
      expect(tracked.statusLabel).toBe('待受理');

      // Browsers (the H5 mini-program) can call it: CORS preflight is answered.
      const preflight = await fetch(`${stack.apiUrl}/api/cases`, {
        method: 'OPTIONS',
        headers: { Origin: 'http://localhost:10086', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' },
      });
      expect(preflight.status).toBeLessThan(300);
      expect((preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase()).toContain('idempotency-key');

      const filed = await fetch(`${stack.apiUrl}/api/cases`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ type: 'consultation', categoryId: 'shebao', title: '灵活就业人员如何缴纳养老保险', content: '想了解缴费档次和办理地点。' }),
      });
      expect(filed.status).toBe(201);
      ({ caseNo: filedCaseNo, password: filedPassword } = await body(filed));
    } finally {
      await ctrlC(stack);
    }
    // Ctrl-C stopped everything, Java included: the API's and DynamoDB Local's ports are free again.
    expect(await portOpen(stack.dynamoPort)).toBe(false);
    expect(await portOpen(stack.apiPort)).toBe(false);
  }, 200_000);

  it('keeps data between runs unless --fresh', async () => {
    const again = await npmStart();
    try {
      const login = await fetch(`${again.apiUrl}/api/track/login`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ caseNo: filedCaseNo, password: filedPassword }),
      });
      expect(login.status).toBe(200);
    } finally {
      await ctrlC(again);
    }
    const fresh = await npmStart(['--fresh']);
    try {
      const login = await fetch(`${fresh.apiUrl}/api/track/login`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ caseNo: filedCaseNo, password: filedPassword }),
      });
      expect(login.status, fresh.output()).toBe(401);
    } finally {
      await ctrlC(fresh);
    }
  }, 300_000);
});
