/**
 * Drive `npm start` from a test as a developer would: in its own process group (like a
 * terminal's foreground job), with its own data folder and free ports; Ctrl-C to stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { expect } from 'vitest';
import { freePort } from '../../infra/src/dynamo-local';
import { REPO_ROOT } from '../../infra/src/table-definition';

export interface RunningStack {
  child: ChildProcess;
  output: () => string;
  apiUrl: string;
  apiPort: number;
  lambdaPort: number;
  dynamoPort: number;
  localDir: string;
  /** Demo citizen logins printed by npm start. */
  demo: { caseNo: string; password: string }[];
  /** The mini-program's H5 build as the banner prints it (absent when npm start served none). */
  h5Url?: string;
  /** DynamoDB Local's endpoint as the banner prints it. */
  dynamoEndpoint?: string;
}

export async function npmStart(localDir: string, args: string[] = []): Promise<RunningStack> {
  const [apiPort, lambdaPort, dynamoPort, h5Port] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const child = spawn('npm', ['start', '--', ...args], {
    cwd: REPO_ROOT,
    detached: true,
    env: {
      ...process.env,
      MINSHENG_LOCAL_DIR: localDir,
      MINSHENG_API_PORT: String(apiPort),
      MINSHENG_LAMBDA_PORT: String(lambdaPort),
      MINSHENG_DYNAMO_PORT: String(dynamoPort),
      MINSHENG_H5_PORT: String(h5Port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 240_000;
  while (!output.includes('Ctrl-C stops everything')) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const demo = [...output.matchAll(/^\s+(\d{14}) \/ ([2-9A-Z]{8})\s/gm)].map((m) => ({ caseNo: m[1]!, password: m[2]! }));
  // Read from the banner, not assumed from the ports asked for: npm start replaces busy ones.
  const h5Url = /Mini-program\s+(http:\/\/\S+?)\/?\s/.exec(output)?.[1];
  const dynamoEndpoint = /DynamoDB Local\s+(http:\/\/\S+)\s/.exec(output)?.[1];
  return {
    child,
    output: () => output,
    apiUrl: `http://localhost:${apiPort}`,
    apiPort,
    lambdaPort,
    dynamoPort,
    localDir,
    demo,
    ...(h5Url ? { h5Url } : {}),
    ...(dynamoEndpoint ? { dynamoEndpoint } : {}),
  };
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Ctrl-C: SIGINT to the foreground process group. Resolves when npm has exited and the API's and
 * DynamoDB Local's ports are closed (or after 20 s, leaving the assertions to say what survived).
 */
export async function ctrlC(stack: RunningStack): Promise<void> {
  const exited = new Promise<void>((resolve) => stack.child.once('exit', () => resolve()));
  process.kill(-stack.child.pid!, 'SIGINT');
  await exited;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && ((await portOpen(stack.dynamoPort)) || (await portOpen(stack.apiPort)))) {
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(stack.output()).toContain('[minsheng] stopped');
}

/** JSON over HTTP against a running stack; bodies read loosely, the assertions say what they hold. */
export async function call(url: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
