/// <reference lib="dom" />
/**
 * Mini-program benchmark: the weapp package sizes (main package and total, limit 2 MB, target
 * ≤ 600 KB main) and the H5 time to first render of the home, case and library pages, next to a blank
 * Taro app built with the same settings, in the same run.
 *
 *   npm run bench:miniprogram            (BENCH_ITERATIONS=15 by default)
 *
 * The H5 runs use a fixed API answer (page.route), so the figures are the front end's own:
 * download, parse, Taro's start-up and our render, from a local server, no CPU throttling.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import type { PolicySearchResponse, TrackedCaseDto } from '@minsheng/shared';
import { buildMiniprogram, distDir, isBuildFresh, serveH5, type H5Server } from '../../infra/src/h5';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 15);
const MAIN_LIMIT = 2 * 1024 * 1024;
const MAIN_TARGET = 600 * 1024;

function walk(dir: string): { path: string; size: number }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const st = statSync(path);
    return st.isDirectory() ? walk(path) : [{ path, size: st.size }];
  });
}

/** What WeChat counts: everything in the folder but the project settings and our build stamp. */
function weappSizes(root: string): { main: number; total: number; subpackages: Record<string, number>; largest: { file: string; size: number } } {
  const files = walk(root)
    .map((f) => ({ file: relative(root, f.path), size: f.size }))
    .filter((f) => f.file !== 'project.config.json' && f.file !== 'project.private.config.json' && !f.file.startsWith('.minsheng-build'));
  const subpackages: Record<string, number> = {};
  let main = 0;
  for (const f of files) {
    const sub = /^subpackages\/[^/]+/.exec(f.file)?.[0];
    if (sub) subpackages[sub] = (subpackages[sub] ?? 0) + f.size;
    else main += f.size;
  }
  const largest = files.reduce((a, b) => (b.size > a.size ? b : a), { file: '', size: 0 });
  return { main, total: files.reduce((n, f) => n + f.size, 0), subpackages, largest };
}

/**
 * The current H5 build's size, without LICENSE files. dist/h5 also keeps the previous builds'
 * hashed assets for a while (infra/src/h5.ts: pages opened before a rebuild still load them), so
 * count a hashed file only when index.html or the app's chunk maps name its hash.
 */
function h5BuildSize(root: string): number {
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const referenced = html + entries.map((e) => readFileSync(join(root, e), 'utf8')).join('\n');
  return walk(root)
    .filter((f) => !f.path.endsWith('.LICENSE.txt') && !f.path.includes('.minsheng-build'))
    .filter((f) => {
      const hash = /\.([0-9a-f]{8})\.(?:js|css)$/.exec(f.path)?.[1];
      return hash === undefined || referenced.includes(hash);
    })
    .reduce((n, f) => n + f.size, 0);
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const FIXTURE: TrackedCaseDto = {
  caseNo: '20261121123456',
  type: 'complaint',
  categoryId: 'tuoqian-gongzi',
  categoryName: '拖欠农民工工资',
  title: '县城南安置小区工地拖欠农民工工资三个月',
  content: '城南安置小区工地拖欠我们十二名工人三个月工资，共约十万元。',
  status: 'in_progress',
  statusLabel: '办理中',
  createdAt: '2026-11-21T10:00:00+08:00',
  dueAt: '2026-12-06T23:59:59+08:00',
  progressAt: '2026-11-22T09:30:00+08:00',
  sla: { level: 'normal', paused: false, daysLeft: 12, answerDays: 15, dayMode: 'natural', rule: '投诉自提交之日起 15 个自然日内答复' },
  departmentName: '人力资源和社会保障局',
  timeline: [
    { at: '2026-11-21T10:00:00+08:00', kind: 'submitted', text: '诉求已提交，等待受理' },
    { at: '2026-11-21T15:00:00+08:00', kind: 'accepted', text: '已受理，交由人力资源和社会保障局办理' },
  ],
  canRate: false,
  canSupplement: false,
    canWithdraw: false,
  supplements: [],
};

const LIBRARY_FIXTURE: PolicySearchResponse = {
  total: 74,
  items: Array.from({ length: 10 }, (_, i) => ({
    id: `demo-bench-${i}`,
    kind: i % 3 === 0 ? ('qa' as const) : ('policy' as const),
    kindLabel: i % 3 === 0 ? '咨询问答' : '政策文件',
    title: i % 3 === 0 ? '在外地打零工，养老保险怎么交？' : '关于灵活就业人员参加企业职工基本养老保险有关问题的通知',
    issuer: '民安县人力资源和社会保障局',
    issuedAt: '2025-03-18',
    ...(i % 3 === 0 ? {} : { docNo: '民安人社发〔2025〕7号' }),
    tags: ['灵活就业', '养老保险'],
    snippet: '没有单位的灵活就业人员可以在就业地以个人身份参加企业职工基本养老保险，已取消户籍限制。缴费基数可在全省上年度全口径城镇单位就业人员平均工资的60%至300%之间自主选择…',
  })),
};

interface Target {
  name: string;
  server: H5Server;
  path: string;
  selector: string;
  session?: boolean;
}

/** Milliseconds from navigation start until `selector` is in the DOM (first render), and FCP. */
async function measure(browser: Browser, t: Target): Promise<{ render: number[]; fcp: number[] }> {
  const render: number[] = [];
  const fcp: number[] = [];
  for (let i = 0; i < ITERATIONS + 2; i++) {
    // A fresh context per run: cold cache, like a first visit.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    await context.route('**/api/**', (route) => {
      const url = route.request().url();
      if (url.endsWith('/api/track/case')) return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(FIXTURE) });
      if (url.includes('/api/policies')) return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(LIBRARY_FIXTURE) });
      if (url.endsWith('/api/stats/public')) return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ filed: 1280, answered: 1175, onTimeRate: 96.2, satisfactionRate: 91.4 }) });
      return route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":{"code":"NOT_FOUND","message":"请求的内容不存在"}}' });
    });
    // A string, not a function: tsx's name helpers do not exist in the page.
    const session = t.session ? { caseNo: FIXTURE.caseNo, token: 'bench-token', expiresAt: new Date(Date.now() + 3600_000).toISOString() } : undefined;
    await context.addInitScript(`
      ${session ? `localStorage.setItem('minsheng:session', ${JSON.stringify(JSON.stringify({ data: JSON.stringify(session) }))});` : ''}
      new MutationObserver(function () {
        if (window.__firstRender === undefined && document.querySelector(${JSON.stringify(t.selector)})) window.__firstRender = performance.now();
      }).observe(document, { childList: true, subtree: true });
    `);
    const page = await context.newPage();
    await page.goto(`${t.server.url}${t.path}`);
    await page.waitForFunction(() => (window as unknown as { __firstRender?: number }).__firstRender !== undefined, null, { timeout: 30_000 });
    const result = await page.evaluate(() => ({
      render: (window as unknown as { __firstRender: number }).__firstRender,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    }));
    if (i >= 2) {
      // The first two warm up Chromium itself.
      render.push(result.render);
      fcp.push(result.fcp);
    }
    await context.close();
  }
  return { render: render.sort((a, b) => a - b), fcp: fcp.sort((a, b) => a - b) };
}

const median = (s: number[]) => s[Math.floor(s.length / 2)]!;
const p90 = (s: number[]) => s[Math.min(s.length - 1, Math.floor(s.length * 0.9))]!;

async function main() {
  process.stdout.write('building (only what changed)…\n');
  if (!isBuildFresh('weapp')) await buildMiniprogram('weapp');
  if (!isBuildFresh('weapp', { variant: 'blank' })) await buildMiniprogram('weapp', { variant: 'blank' });
  if (!isBuildFresh('h5')) await buildMiniprogram('h5');
  if (!isBuildFresh('h5', { variant: 'blank' })) await buildMiniprogram('h5', { variant: 'blank' });

  const app = weappSizes(distDir('weapp'));
  const blank = weappSizes(distDir('weapp', 'blank'));
  const h5Size = h5BuildSize(distDir('h5'));
  const h5Blank = h5BuildSize(distDir('h5', 'blank'));

  const lines = [
    '',
    'weapp package size',
    `  main package   ${kb(app.main).padStart(10)}   (target ≤ ${kb(MAIN_TARGET)}, limit ${kb(MAIN_LIMIT)})   blank Taro app: ${kb(blank.main)}`,
    ...Object.entries(app.subpackages).map(([name, size]) => `  ${name.padEnd(14)} ${kb(size).padStart(10)}`),
    `  total          ${kb(app.total).padStart(10)}   (limit ${kb(MAIN_LIMIT)} for the main package, 20 MB all packages)   blank: ${kb(blank.total)}`,
    `  largest file   ${app.largest.file} ${kb(app.largest.size)}`,
    `H5 build (without LICENSE files): ${kb(h5Size)}   blank Taro app: ${kb(h5Blank)}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  if (app.main > MAIN_LIMIT) throw new Error(`main package ${kb(app.main)} is over WeChat's 2 MB limit`);

  const appServer = await serveH5({ apiUrl: 'http://127.0.0.1:9', root: distDir('h5') });
  const blankServer = await serveH5({ apiUrl: 'http://127.0.0.1:9', root: distDir('h5', 'blank') });
  const browser = await launchChromium();
  try {
    const targets: Target[] = [
      { name: 'blank Taro page', server: blankServer, path: '/', selector: '.blank' },
      { name: 'home', server: appServer, path: '/', selector: '.home__title' },
      { name: 'case page (subpackage)', server: appServer, path: '/#/subpackages/case/detail/index?caseNo=20261121123456', selector: '.detail__title', session: true },
      { name: 'library (subpackage)', server: appServer, path: '/#/subpackages/library/search/index', selector: '.lib-card' },
    ];
    const results: { name: string; render: number[]; fcp: number[] }[] = [];
    for (const t of targets) results.push({ name: t.name, ...(await measure(browser, t)) });
    const base = median(results[0]!.render);
    process.stdout.write(`\nH5 time to first render (Chromium headless, 390×844, cold cache, local server; ${ITERATIONS} runs each)\n`);
    process.stdout.write(`  ${'page'.padEnd(24)} ${'p50'.padStart(9)} ${'p90'.padStart(9)} ${'FCP p50'.padStart(9)}   vs blank\n`);
    for (const r of results) {
      const m = median(r.render);
      process.stdout.write(
        `  ${r.name.padEnd(24)} ${`${m.toFixed(0)} ms`.padStart(9)} ${`${p90(r.render).toFixed(0)} ms`.padStart(9)} ${`${median(r.fcp).toFixed(0)} ms`.padStart(9)}   ${(m / base).toFixed(2)}×\n`,
      );
    }
  } finally {
    await browser.close();
    await appServer.close();
    await blankServer.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
