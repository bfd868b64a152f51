/**
 * A cold search Lambda's first answer, as the library grows (issue #19): at 1,000, 10,000 and
 * 50,000 items of real policy length (bodies of 2,000–5,000 Chinese characters, generated from the
 * demo corpus with a fixed seed, with made-up place and company names so the vocabulary grows too).
 *
 * For each size the indexer's code (rebuildLibrarySnapshot) writes the snapshot to s3rver — its
 * cost is printed: reading, building, encoding, writing, peak heap — and then fresh `node`
 * processes (tests/bench/library-cold-start-child.ts, bundled with esbuild as for Lambda) each load
 * the index and answer one search through the service (snippets from the items read by id), then a
 * second one with other words. Each runs at full CPU and at Lambda's CPU share of a 1024 MB function
 * (emulated: the process is stopped for 42 ms of every 100 ms with SIGSTOP/SIGCONT). The old design
 * (read every item, build the index) runs at 1,000 and 10,000 items for comparison.
 *
 * Items are on disk (one JSON file each), so DynamoDB's latency is not in the figures; the
 * snapshot goes through the real S3 adapter to s3rver on this machine.
 *
 *   npm run bench:library-cold    (BENCH_SIZES=1000,10000,50000  BENCH_FULL_SIZES=1000,10000  BENCH_RUNS=3  BENCH_FULL_RUNS=3)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { demoLibraryRecords } from '../../infra/src/demo-library';
import { startS3Local } from '../../infra/src/s3-local';
import { createS3Storage } from '../../functions/src/adapters/s3/storage';
import { rebuildLibrarySnapshot } from '../../functions/src/adapters/search/live-library-index';
import type { LibraryItemRecord, LibraryStore } from '../../functions/src/ports/library-store';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number);
const FULL_SIZES = new Set((process.env.BENCH_FULL_SIZES ?? '1000,10000').split(',').map(Number));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Runs of the old design (a minute each at 10,000 items on a busy 2-core machine). */
const FULL_RUNS = Number(process.env.BENCH_FULL_RUNS ?? RUNS);
const NOW = new Date('2025-12-01T02:00:00Z');
const QUERY = '老板拖欠工资不给怎么办';
const QUERY2 = '异地看病怎么报销';
const ROOT = resolve(import.meta.dirname, '../..');

// ---- Real-length items ----

const COUNTIES = ['民安县', '清河县', '临江县', '平原县', '安宁县', '兴隆县', '龙泉县', '丰收县', '和顺县', '永丰县'];
const PLACES = ['村', '社区', '合作社', '有限公司', '街道', '农场', '小学', '卫生院'];
const FILLERS = [
  (a: string, d: number) => `${a}共有农户${d}户，涉及资金${d * 3}万元，已全部登记造册。`,
  (a: string, d: number) => `经${a}申请，县有关部门于${1 + (d % 12)}月完成实地核查，核定面积${d}亩。`,
  (a: string, d: number) => `对${a}反映的问题，责任单位应在${5 + (d % 10)}个工作日内答复并公开办理结果。`,
  (a: string, d: number) => `${a}第${d % 9 + 1}批次名单已在村务公开栏公示${5 + (d % 3)}天，无异议后报送。`,
  (a: string, d: number) => `${a}所在地的补助资金按季度拨付，年度总额不超过${d * 10}万元。`,
];

/** A deterministic pseudo-random sequence, so every run measures the same library. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

function realLengthLibrary(n: number): LibraryItemRecord[] {
  const base = demoLibraryRecords(NOW);
  const rand = rng(19);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const sentencesOf = base.map((i) => i.body.split(/(?<=[。；])/).filter((s) => s.length > 4));
  const han = [...new Set(base.map((i) => i.title + i.body).join(''))].filter((c) => /\p{Script=Han}/u.test(c));
  const name = () => Array.from({ length: 2 + Math.floor(rand() * 2) }, () => pick(han)).join('') + pick(PLACES);
  const out: LibraryItemRecord[] = [];
  for (let i = 0; i < n; i++) {
    const topic = i % base.length;
    const src = base[topic]!;
    const county = pick(COUNTIES);
    const year = 2015 + Math.floor(rand() * 11);
    const target = 2000 + Math.floor(rand() * 3000);
    const parts: string[] = [];
    let length = 0;
    let section = 0;
    while (length < target) {
      if (parts.length % 8 === 0) parts.push(`${'一二三四五六七八九十'[section++ % 10]}、`);
      const r = rand();
      const sentence = r < 0.5 ? pick(sentencesOf[topic]!) : r < 0.8 ? pick(sentencesOf[(topic + 1 + Math.floor(rand() * 5)) % base.length]!) : pick(FILLERS)(name(), 1 + Math.floor(rand() * 500));
      parts.push(sentence);
      length += sentence.length;
    }
    const body = parts.join('').replaceAll('民安县', county).replace(/20\d\d年/g, `${year}年`);
    out.push({
      ...src,
      id: `cold-${i}`,
      title: `${county}${src.title.replace(/^民安县/, '').replace(/20\d\d年/, `${year}年`)}`,
      body,
      ...(src.issuer ? { issuer: src.issuer.replaceAll('民安县', county) } : {}),
      issuedAt: `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
    });
  }
  return out;
}

// ---- Child processes ----

interface ChildResult {
  startedMs: number;
  loadMs: number;
  firstMs: number;
  secondMs: number;
  coldAnswerMs: number;
  hits: number;
  total: number;
  heapMb: number;
  rssMb: number;
  moreQueries: number;
  moreAvgMs: number;
  heapAfterMoreMb: number;
  stats: { fullBuilds: number; snapshotLoads: number; shardReads: number; itemsFetched: number; lastSnapshotReadMs?: number; lastSnapshotParseMs?: number };
}

/** Run the child; with `lambdaShare`, stop it 42 ms of every 100 ms (Lambda's CPU share at 1024 MB). */
function runChild(script: string, env: Record<string, string>, lambdaShare: boolean): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=8192', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    let timer: NodeJS.Timeout | undefined;
    let resume: NodeJS.Timeout | undefined;
    if (lambdaShare) {
      timer = setInterval(() => {
        if (child.exitCode !== null || !child.pid) return;
        child.kill('SIGSTOP');
        resume = setTimeout(() => child.exitCode === null && child.kill('SIGCONT'), 42);
      }, 100);
    }
    child.on('exit', (code) => {
      clearInterval(timer);
      clearTimeout(resume);
      if (code !== 0) return reject(new Error(`child exited with ${code}`));
      try {
        resolvePromise(JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult);
      } catch (error) {
        reject(error);
      }
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (xs: number[]) => `${median(xs).toFixed(0).padStart(6)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;

function memoryMb(): number {
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1024 / 1024;
}

async function main() {
  console.log(`\nLibrary search: a cold process's first answer — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${new Date().toISOString().slice(0, 10)}`);
  console.log(`first query「${QUERY}」, second「${QUERY2}」; ${RUNS} fresh processes per row (median, then each run)\n`);
  const work = mkdtempSync(join(tmpdir(), 'minsheng-cold-'));
  const s3 = await startS3Local({ directory: join(work, 's3') });
  try {
    const script = join(work, 'child.mjs');
    await build({
      entryPoints: [resolve(ROOT, 'tests/bench/library-cold-start-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      minify: true,
      outfile: script,
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      logLevel: 'error',
    });

    for (const n of SIZES) {
      const t0 = performance.now();
      const items = realLengthLibrary(n);
      const chars = items.reduce((sum, i) => sum + i.body.length, 0);
      const dir = join(work, `items-${n}`);
      mkdirSync(dir);
      for (const item of items) writeFileSync(join(dir, `${item.id}.json`), JSON.stringify(item));
      if (FULL_SIZES.has(n)) writeFileSync(join(dir, 'all.json'), JSON.stringify(items));
      const genMs = performance.now() - t0;

      const bucket = `cold-${n}`;
      await s3.ensureBucket(bucket);
      const objects = createS3Storage({ bucket, region: 'local', endpoint: s3.endpoint });
      const store = { getVersion: async () => 1, listItems: async () => items, getSynonyms: async () => undefined } as unknown as LibraryStore;
      const heapBefore = memoryMb();
      let peak = heapBefore;
      const sampler = setInterval(() => (peak = Math.max(peak, memoryMb())), 50);
      const written = await rebuildLibrarySnapshot(store, objects, { force: true, now: NOW });
      clearInterval(sampler);
      peak = Math.max(peak, memoryMb());

      console.log(`── ${n.toLocaleString('en')} items, ${(chars / 1e6).toFixed(1)} M characters of body (avg ${(chars / n).toFixed(0)}), generated in ${(genMs / 1000).toFixed(1)} s`);
      console.log(
        `  snapshot: head ${(written.headBytes! / 1024).toFixed(0)} KB, postings ${(written.shardBytes! / 1024 / 1024).toFixed(1)} MB in ${written.shards} shards; ` +
          `rebuild (indexer): build ${(written.buildMs! / 1000).toFixed(1)} s + encode ${(written.encodeMs! / 1000).toFixed(1)} s + write to s3rver ${(written.writeMs! / 1000).toFixed(1)} s, heap ≈ +${(peak - heapBefore).toFixed(0)} MB over the items`,
      );
      const env = { ITEMS_DIR: dir, LIBRARY_VERSION: String(written.version), BUCKET: bucket, S3_ENDPOINT: s3.endpoint, QUERY, QUERY2 };
      const modes: ('snapshot' | 'full')[] = FULL_SIZES.has(n) ? ['snapshot', 'full'] : ['snapshot'];
      for (const mode of modes) {
        for (const lambdaShare of [false, true]) {
          const runs: ChildResult[] = [];
          for (let r = 0; r < (mode === 'full' ? FULL_RUNS : RUNS); r++) runs.push(await runChild(script, { ...env, MODE: mode }, lambdaShare));
          const label = `${mode === 'snapshot' ? 'snapshot' : 'old: read all + build'}, ${lambdaShare ? 'Lambda CPU share' : 'full CPU'}`;
          console.log(`  ${label}`);
          console.log(`    node start + code loaded      ${ms(runs.map((r) => r.startedMs))}`);
          console.log(`    index ${mode === 'snapshot' ? 'head GET + parse' : 'read + build   '}       ${ms(runs.map((r) => r.loadMs))}`);
          if (mode === 'snapshot') console.log(`      of which decoding the head   ${ms(runs.map((r) => r.stats.lastSnapshotParseMs ?? 0))}`);
          console.log(`    first search (shards, items) ${ms(runs.map((r) => r.firstMs))}   → ${runs[0]!.total} matches, ${runs[0]!.hits} shown`);
          console.log(`    process start → first answer ${ms(runs.map((r) => r.coldAnswerMs))}`);
          console.log(`    second search, other words   ${ms(runs.map((r) => r.secondMs))}`);
          console.log(
            `    heap + typed arrays ${median(runs.map((r) => r.heapMb)).toFixed(0)} MB, RSS ${median(runs.map((r) => r.rssMb)).toFixed(0)} MB; ` +
              `full builds ${runs[0]!.stats.fullBuilds}`,
          );
          console.log(
            `    then ${runs[0]!.moreQueries} more searches: ${median(runs.map((r) => r.moreAvgMs)).toFixed(0)} ms each on average; heap + typed arrays after them ${median(runs.map((r) => r.heapAfterMoreMb)).toFixed(0)} MB; ` +
              `in all ${runs[0]!.stats.shardReads} shards read, ${runs[0]!.stats.itemsFetched} items read by id`,
          );
        }
      }
      rmSync(dir, { recursive: true, force: true });
      console.log('');
    }
  } finally {
    await s3.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
