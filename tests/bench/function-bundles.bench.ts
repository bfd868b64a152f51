/**
 * Lambda bundles, BEFORE and AFTER side by side: for every function in serverless.yml, the size of
 * its bundled .mjs and of its zip as `serverless package` (serverless-esbuild) builds them, and its
 * module-init cost in a fresh Node process: the time `await import(bundle)` takes, and the CPU the
 * process has spent 200 ms after that import resolved, minus the same reading in a process that
 * imports nothing (so work a module starts without awaiting it, e.g. a hash at module scope, counts).
 *
 *   npm run bench:functions -- --before-ref c4043f4                 (AFTER = this repo's working tree)
 *   npm run bench:functions -- --before /path/to/tree --after /other/tree --json out.json
 *
 *   --before <dir> | --before-ref <commit>   BEFORE tree: a checkout, or a git worktree of <commit>
 *                                            this script creates in a temp folder and removes after
 *   --after <dir>  | --after-ref <commit>    AFTER tree (default: the repo this file sits in)
 *   --before-packaging <target>              package BEFORE with MINSHENG_SHARP_TARGET=<target>, a key of
 *   --after-packaging <target>               serverless.yml custom.sharpTarget (default: the tree's `lambda`);
 *                                            e.g. the two SDK choices of one tree side by side:
 *     npm run bench:functions -- --before . --before-packaging lambda-sdk-external   (SDK external vs bundled)
 *   --json <file>                            also write every figure as JSON
 *   --install                                `npm ci` in each tree instead of linking this repo's
 *                                            node_modules (slower; for a BEFORE with other deps)
 *   --keep                                   leave the temp folder (zips, extracted bundles; worktrees go)
 *   BENCH_RUNS=7                             fresh processes per function and tree (median, p90)
 *
 * Nothing is written into a tree the script did not create: a given tree is first copied (its git
 * files, tracked and untracked-not-ignored, as they are on disk) to a temp folder and packaged
 * there, so serverless-esbuild's .esbuild/ folder of a running `npm start` is never touched. The
 * copies get a node_modules of symlinks to this repo's packages, with @minsheng/* pointing at the
 * copy's own workspaces. Where a packaging leaves @aws-sdk/* external (up to 23a1993,
 * or `lambda-sdk-external`), the bundles import it from this repo's node_modules, as Lambda's runtime
 * would from its own copy (so absolute init times there differ); where it is bundled, nothing is.
 * Runs alternate BEFORE and AFTER so background load hits both alike. About 4 minutes on 2 cores
 * (46 functions × 2 trees × 7 runs of ~0.35 s, plus ~15 s packaging both trees at once).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { linkNodeModules } from './trees';
import { inflateRawSync } from 'node:zlib';
import { parse, type Tags } from 'yaml';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SETTLE_MS = 200;
const LIMIT_KB = 250;
const INIT_GOAL_MS = 60; // issue #19: module init per function, median, on the 2-core dev machine
const DUMMY_SECRET = 'bench-secret-0123456789abcdefghijklmnop';
const CHILD_TIMEOUT_MS = 15_000;

// ---------------------------------------------------------------------------------------------
// Arguments

interface Args {
  before?: string;
  beforeRef?: string;
  after?: string;
  afterRef?: string;
  json?: string;
  beforePackaging?: string;
  afterPackaging?: string;
  install: boolean;
  keep: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { install: false, keep: false };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (!v || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--before') args.before = value(i++, a);
    else if (a === '--before-ref') args.beforeRef = value(i++, a);
    else if (a === '--after') args.after = value(i++, a);
    else if (a === '--after-ref') args.afterRef = value(i++, a);
    else if (a === '--json') args.json = value(i++, a);
    else if (a === '--before-packaging') args.beforePackaging = value(i++, a);
    else if (a === '--after-packaging') args.afterPackaging = value(i++, a);
    else if (a === '--install') args.install = true;
    else if (a === '--keep') args.keep = true;
    else throw new Error(`unknown argument ${a}`);
  }
  args.before ??= process.env.BENCH_BEFORE;
  args.beforeRef ??= process.env.BENCH_BEFORE_REF;
  args.after ??= process.env.BENCH_AFTER;
  args.afterRef ??= process.env.BENCH_AFTER_REF;
  if (!args.before && !args.beforeRef) throw new Error('say which BEFORE tree: --before <dir> or --before-ref <commit> (the README figures: --before-ref c4043f4)');
  if (args.before && args.beforeRef) throw new Error('--before and --before-ref are exclusive');
  if (args.after && args.afterRef) throw new Error('--after and --after-ref are exclusive');
  return args;
}

// ---------------------------------------------------------------------------------------------
// Trees: a git worktree of a commit, or a copy of a directory; each with a linked node_modules

function run(cmd: string, argv: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, argv, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} (in ${cwd}) failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

interface Tree {
  label: 'before' | 'after';
  source: string; // what the user named: a commit or a directory
  dir: string; // where it is packaged
  worktree: boolean; // created by us with `git worktree add`
  packaging?: string; // MINSHENG_SHARP_TARGET for `serverless package` (a key of custom.sharpTarget)
}

const worktrees: string[] = [];

function makeWorktree(ref: string, dir: string): void {
  run('git', ['-C', REPO_ROOT, 'worktree', 'add', '--detach', dir, ref], REPO_ROOT);
  worktrees.push(dir);
}

/** The tree's files as they are on disk: tracked (minus deleted ones) and untracked but not ignored. */
function copyTree(from: string, to: string): void {
  const files = run('git', ['-C', from, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], from).split('\0').filter(Boolean);
  for (const file of new Set(files)) {
    const src = join(from, file);
    if (!existsSync(src) || lstatSync(src).isDirectory()) continue; // deleted in the working tree, or a submodule
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(src, join(to, file), { verbatimSymlinks: true });
  }
}

function prepareTree(label: Tree['label'], dir: string | undefined, ref: string | undefined, tmp: string, install: boolean, packaging?: string): Tree {
  const at = join(tmp, `${label}-tree`);
  if (ref) makeWorktree(ref, at);
  else copyTree(resolve(dir!), at);
  if (install) run('npm', ['ci', '--no-audit', '--no-fund'], at);
  else linkNodeModules(at, join(REPO_ROOT, 'node_modules'));
  const source = ref ? `commit ${run('git', ['-C', REPO_ROOT, 'rev-parse', '--short', ref], REPO_ROOT).trim()}` : describeDir(resolve(dir!));
  return { label, source: packaging ? `${source}, packaged as ${packaging}` : source, dir: at, worktree: Boolean(ref), packaging };
}

/** "/work/main (working tree: HEAD abc1234 + 12 changed paths, copied 14:05)" */
function describeDir(dir: string): string {
  const head = run('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], dir).trim();
  const changed = run('git', ['-C', dir, 'status', '--porcelain'], dir).split('\n').filter(Boolean).length;
  const at = new Date().toTimeString().slice(0, 5);
  return `${dir} (working tree: HEAD ${head}${changed ? ` + ${changed} changed paths` : ', clean'}, copied ${at})`;
}

// ---------------------------------------------------------------------------------------------
// serverless.yml and `serverless package`

const cfnTags: Tags = ['!GetAtt', '!Ref', '!Sub', '!Join', '!Select', '!Split', '!If', '!Equals', '!ImportValue'].flatMap((tag) => [
  { tag, collection: 'seq' as const, resolve: (value: unknown) => ({ [tag]: value }) },
  { tag, resolve: (value: string) => ({ [tag]: value }) },
]);

interface FunctionDef {
  name: string;
  handler: string; // functions/src/http/admin/departments.list
  entry: string; // functions/src/http/admin/departments.mjs
  exportName: string; // list
}

function readFunctions(tree: string): { functions: FunctionDef[]; environment: Record<string, string> } {
  const config = parse(readFileSync(join(tree, 'serverless.yml'), 'utf8'), { customTags: cfnTags }) as Record<string, any>;
  const functions = Object.entries<any>(config.functions ?? {}).map(([name, fn]) => {
    const handler = String(fn.handler);
    const dot = handler.lastIndexOf('.');
    return { name, handler, entry: `${handler.slice(0, dot)}.mjs`, exportName: handler.slice(dot + 1) };
  });
  // What Lambda would set: literal values as they are; ${...} lookups as their empty default.
  const environment: Record<string, string> = {};
  for (const [k, v] of Object.entries<any>(config.provider?.environment ?? {})) environment[k] = String(v).includes('${') ? '' : String(v);
  return { functions, environment };
}

function packageTree(tree: Tree, out: string): Promise<number> {
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(tree.dir, 'node_modules', 'serverless', 'bin', 'serverless.js'), 'package', '--package', out], {
      cwd: tree.dir,
      env: { ...process.env, MINSHENG_APP_SECRET: DUMMY_SECRET, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', ...(tree.packaging ? { MINSHENG_SHARP_TARGET: tree.packaging } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code === 0) done(performance.now() - t0);
      else fail(new Error(`serverless package failed for ${tree.label} (${tree.source}), exit ${code}:\n${output.slice(-4000)}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Zips: the central directory, read with node:zlib (no unzip needed)

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function zipEntries(zip: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip (no end of central directory)');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const nameLength = zip.readUInt16LE(p + 28);
    entries.push({
      method: zip.readUInt16LE(p + 10),
      compressedSize: zip.readUInt32LE(p + 20),
      size: zip.readUInt32LE(p + 24),
      localOffset: zip.readUInt32LE(p + 42),
      name: zip.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return entries;
}

function zipRead(zip: Buffer, e: ZipEntry): Buffer {
  const start = e.localOffset + 30 + zip.readUInt16LE(e.localOffset + 26) + zip.readUInt16LE(e.localOffset + 28);
  const raw = zip.subarray(start, start + e.compressedSize);
  if (e.method === 0) return Buffer.from(raw);
  if (e.method === 8) return inflateRawSync(raw);
  throw new Error(`zip method ${e.method} not supported`);
}

// ---------------------------------------------------------------------------------------------
// Init: one fresh process per import

const RUNNER = `
const [file, exportName, settle] = process.argv.slice(2);
const out = (o) => process.stdout.write('\\n@@bench ' + JSON.stringify(o) + '\\n');
let initMs = 0, handler = null;
const t = performance.now();
if (file !== '-') {
  const mod = await import(file);
  initMs = performance.now() - t;
  handler = typeof mod[exportName];
}
const cpuAtResolve = process.cpuUsage();
await new Promise((r) => setTimeout(r, Number(settle)));
const cpu = process.cpuUsage();
out({ initMs, handler, cpuAtResolveMs: (cpuAtResolve.user + cpuAtResolve.system) / 1000, cpuMs: (cpu.user + cpu.system) / 1000 });
process.exit(0);
`;

interface Sample {
  initMs: number;
  handler: string | null;
  cpuAtResolveMs: number;
  cpuMs: number;
}

function importOnce(runner: string, file: string, exportName: string, env: Record<string, string>): Promise<Sample> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [runner, file === '-' ? '-' : pathToFileURL(file).href, exportName, String(SETTLE_MS)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').findLast((l) => l.startsWith('@@bench '));
      if (code === 0 && line) done(JSON.parse(line.slice('@@bench '.length)) as Sample);
      else fail(new Error(`import of ${file} failed (${signal ?? `exit ${code}`}): ${stderr.trim().split('\n').slice(0, 6).join(' | ')}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Figures

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => {
  const s = sorted(xs);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
/** Nearest rank: with 7 runs, the slowest. */
const p90 = (xs: number[]) => {
  const s = sorted(xs);
  return s.length === 0 ? NaN : s[Math.ceil(s.length * 0.9) - 1]!;
};

interface Measured {
  bundleBytes: number;
  zipBytes: number;
  zipFiles: number;
  handlerType: string | null;
  initMs: number[];
  cpuMs: number[]; // at resolve + 200 ms, minus the baseline median
  cpuAfterResolveMs: number[]; // only the 200 ms after resolve, minus the baseline's
  error?: string;
}

interface Side {
  tree: Tree;
  functions: FunctionDef[];
  environment: Record<string, string>;
  packageMs: number;
  results: Map<string, Measured>;
  files: Map<string, string>; // function → extracted .mjs
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const tmp = mkdtempSync(join(tmpdir(), 'minsheng-bench-'));
  const cleanup = () => {
    for (const wt of worktrees.splice(0)) spawnSync('git', ['-C', REPO_ROOT, 'worktree', 'remove', '--force', wt]);
    spawnSync('git', ['-C', REPO_ROOT, 'worktree', 'prune']);
    if (args.keep) console.log(`\nkept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  };
  process.on('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  const started = performance.now();
  try {
    const sides: Side[] = (
      [
        ['before', args.before, args.beforeRef, args.beforePackaging],
        ['after', args.afterRef ? undefined : (args.after ?? REPO_ROOT), args.afterRef, args.afterPackaging],
      ] as const
    ).map(([label, dir, ref, packaging]) => {
      const tree = prepareTree(label, dir, ref, tmp, args.install, packaging);
      return { tree, ...readFunctions(tree.dir), packageMs: 0, results: new Map(), files: new Map() };
    });

    // Package both trees at once (not timed against each other).
    const packaged = await Promise.all(sides.map((s) => packageTree(s.tree, join(tmp, `${s.tree.label}-package`))));
    sides.forEach((s, i) => (s.packageMs = packaged[i]!));

    const initRoot = join(tmp, 'init');
    mkdirSync(initRoot);
    const runner = join(initRoot, 'runner.mjs');
    writeFileSync(runner, RUNNER);
    for (const s of sides) {
      // The bundles import @aws-sdk/* (external): give each extracted folder a node_modules next to it.
      const dir = join(initRoot, s.tree.label);
      mkdirSync(dir);
      symlinkSync(join(s.tree.dir, 'node_modules'), join(dir, 'node_modules'));
      for (const fn of s.functions) {
        const zipPath = join(tmp, `${s.tree.label}-package`, `${fn.name}.zip`);
        const m: Measured = { bundleBytes: NaN, zipBytes: NaN, zipFiles: 0, handlerType: null, initMs: [], cpuMs: [], cpuAfterResolveMs: [] };
        s.results.set(fn.name, m);
        if (!existsSync(zipPath)) {
          m.error = `no ${basename(zipPath)}`;
          continue;
        }
        const zip = readFileSync(zipPath);
        const entries = zipEntries(zip);
        const mjs = entries.filter((e) => e.name.endsWith('.mjs'));
        const entry = entries.find((e) => e.name === fn.entry) ?? (mjs.length === 1 ? mjs[0] : undefined);
        m.zipBytes = statSync(zipPath).size;
        m.zipFiles = entries.filter((e) => !e.name.endsWith('/')).length;
        if (!entry) {
          m.error = `no ${fn.entry} in ${basename(zipPath)}`;
          continue;
        }
        m.bundleBytes = entry.size;
        const file = join(dir, `${fn.name}.mjs`);
        writeFileSync(file, zipRead(zip, entry));
        s.files.set(fn.name, file);
      }
    }

    const envFor = (s: Side): Record<string, string> => ({
      PATH: process.env.PATH ?? '',
      ...s.environment,
      TABLE_NAME: 'x',
      APP_SECRET: DUMMY_SECRET,
      AWS_REGION: 'ap-east-1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });

    // Baseline: a process that imports nothing. Then every function, BEFORE and AFTER alternating.
    const baseline: Sample[] = [];
    const raw: { side: Side; fn: string; sample: Sample }[] = [];
    for (let r = 0; r < RUNS; r++) {
      baseline.push(await importOnce(runner, '-', '', envFor(sides[1]!)));
      const order = r % 2 === 0 ? sides : [...sides].reverse();
      const names = [...new Set(sides.flatMap((s) => s.functions.map((f) => f.name)))];
      for (const name of names) {
        for (const s of order) {
          const file = s.files.get(name);
          const m = s.results.get(name);
          if (!file || !m || m.error) continue;
          const fn = s.functions.find((f) => f.name === name)!;
          try {
            raw.push({ side: s, fn: name, sample: await importOnce(runner, file, fn.exportName, envFor(s)) });
          } catch (error) {
            m.error = (error as Error).message;
          }
        }
      }
      process.stderr.write(`\r  run ${r + 1}/${RUNS} done (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    process.stderr.write('\n');
    const baseCpu = median(baseline.map((b) => b.cpuMs));
    const baseAfterResolve = median(baseline.map((b) => b.cpuMs - b.cpuAtResolveMs));
    for (const { side, fn, sample } of raw) {
      const m = side.results.get(fn)!;
      if (m.error) continue;
      m.handlerType = sample.handler;
      m.initMs.push(sample.initMs);
      m.cpuMs.push(sample.cpuMs - baseCpu);
      m.cpuAfterResolveMs.push(sample.cpuMs - sample.cpuAtResolveMs - baseAfterResolve);
    }

    report(sides, { baseCpu, baseAfterResolve, seconds: (performance.now() - started) / 1000 }, args.json);
  } finally {
    cleanup();
  }
}

function report(sides: Side[], meta: { baseCpu: number; baseAfterResolve: number; seconds: number }, jsonPath?: string) {
  const [before, after] = sides as [Side, Side];
  const names = [...new Set(sides.flatMap((s) => s.functions.map((f) => f.name)))];
  const kb = (b: number) => b / 1024;
  const num = (n: number | undefined, width: number, digits = 1) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits)).padStart(width);
  const get = (s: Side, name: string) => s.results.get(name);
  const initCell = (m?: Measured) => (m && !m.error && m.initMs.length ? `${num(median(m.initMs), 6)} (${num(p90(m.initMs), 6)})` : (m?.error ? 'ERR' : '—').padStart(15));

  console.log(`\nLambda bundles and module init, BEFORE vs AFTER (Node ${process.version}, ${RUNS} fresh processes per function and tree)`);
  console.log(`  BEFORE: ${before.tree.source}`);
  console.log(`  AFTER:  ${after.tree.source}\n`);
  const header = `${'function'.padEnd(28)} ${'bundle KB'.padStart(17)} ${'zip KB'.padStart(15)}   ${'init ms p50 (p90) before'.padStart(24)}  ${'after'.padStart(15)}   ${'CPU ms first 200 ms'.padStart(19)}`;
  console.log(header);
  console.log(`${''.padEnd(28)} ${'before'.padStart(8)} ${'after'.padStart(8)} ${'before'.padStart(7)} ${'after'.padStart(7)}   ${''.padStart(24)}  ${''.padStart(15)}   ${'before'.padStart(9)} ${'after'.padStart(9)}`);
  const errors: string[] = [];
  for (const name of names) {
    const b = get(before, name);
    const a = get(after, name);
    for (const [label, m] of [['before', b], ['after', a]] as const) if (m?.error) errors.push(`${name} (${label}): ${m.error}`);
    const cpu = (m?: Measured) => (m && !m.error ? num(median(m.cpuMs), 9) : '—'.padStart(9));
    const mark = [b, a].some((m) => m && kb(m.bundleBytes) > LIMIT_KB) ? ' >250' : '';
    console.log(
      `${name.padEnd(28)} ${num(b && kb(b.bundleBytes), 8)} ${num(a && kb(a.bundleBytes), 8)} ${num(b && kb(b.zipBytes), 7)} ${num(a && kb(a.zipBytes), 7)}   ${initCell(b).padStart(24)}  ${initCell(a).padStart(15)}   ${cpu(b)} ${cpu(a)}${mark}`,
    );
  }

  const summary = (s: Side) => {
    const ms = [...s.results.values()].filter((m) => !Number.isNaN(m.bundleBytes));
    const timed = ms.filter((m) => !m.error && m.initMs.length);
    return {
      functions: s.functions.length,
      totalBundleBytes: ms.reduce((t, m) => t + m.bundleBytes, 0),
      totalZipBytes: ms.reduce((t, m) => t + m.zipBytes, 0),
      medianBundleBytes: median(ms.map((m) => m.bundleBytes)),
      largestBundleBytes: Math.max(...ms.map((m) => m.bundleBytes)),
      medianZipBytes: median(ms.map((m) => m.zipBytes)),
      bundlesOver250KB: ms.filter((m) => kb(m.bundleBytes) > LIMIT_KB).length,
      initAtMost60Ms: timed.filter((m) => median(m.initMs) <= INIT_GOAL_MS).length,
      bundleAtMost250KB: ms.filter((m) => kb(m.bundleBytes) <= LIMIT_KB).length,
      bothGoals: timed.filter((m) => median(m.initMs) <= INIT_GOAL_MS && kb(m.bundleBytes) <= LIMIT_KB).length,
      p90InitMs: median(timed.map((m) => p90(m.initMs))),
      slowestInit: timed.length ? Math.max(...timed.map((m) => median(m.initMs))) : NaN,
      medianInitMs: median(timed.map((m) => median(m.initMs))),
      sumInitMs: timed.reduce((t, m) => t + median(m.initMs), 0),
      medianCpuMs: median(timed.map((m) => median(m.cpuMs))),
      maxCpuMs: Math.max(...timed.map((m) => median(m.cpuMs))),
      failedImports: [...s.results.values()].filter((m) => m.error).length,
      packageSeconds: s.packageMs / 1000,
    };
  };
  const sb = summary(before);
  const sa = summary(after);
  const line = '-'.repeat(header.length);
  console.log(line);
  console.log(`${`total (${sb.functions} / ${sa.functions} functions)`.padEnd(28)} ${num(kb(sb.totalBundleBytes), 8)} ${num(kb(sa.totalBundleBytes), 8)} ${num(kb(sb.totalZipBytes), 7)} ${num(kb(sa.totalZipBytes), 7)}   ${`Σ ${num(sb.sumInitMs, 6)}`.padStart(24)}  ${`Σ ${num(sa.sumInitMs, 6)}`.padStart(15)}`);
  console.log(`${'median'.padEnd(28)} ${num(kb(sb.medianBundleBytes), 8)} ${num(kb(sa.medianBundleBytes), 8)} ${num(kb(sb.medianZipBytes), 7)} ${num(kb(sa.medianZipBytes), 7)}   ${num(sb.medianInitMs, 24)}  ${num(sa.medianInitMs, 15)}   ${num(sb.medianCpuMs, 9)} ${num(sa.medianCpuMs, 9)}`);
  console.log(`${'largest / max'.padEnd(28)} ${num(kb(sb.largestBundleBytes), 8)} ${num(kb(sa.largestBundleBytes), 8)} ${''.padStart(15)}   ${''.padStart(24)}  ${''.padStart(15)}   ${num(sb.maxCpuMs, 9)} ${num(sa.maxCpuMs, 9)}`);
  console.log(`${`bundles > ${LIMIT_KB} KB`.padEnd(28)} ${String(sb.bundlesOver250KB).padStart(8)} ${String(sa.bundlesOver250KB).padStart(8)}`);
  const goals = (x: typeof sb) =>
    `init ≤ ${INIT_GOAL_MS} ms: ${x.initAtMost60Ms} of ${x.functions}, bundle ≤ ${LIMIT_KB} KB: ${x.bundleAtMost250KB} of ${x.functions}, both: ${x.bothGoals} of ${x.functions}` +
    ` (slowest init ${num(x.slowestInit, 0)} ms; median p90 ${num(x.p90InitMs, 0)} ms)`;
  console.log(`\ngoals BEFORE: ${goals(sb)}`);
  console.log(`goals AFTER:  ${goals(sa)}`);
  console.log(
    `\n(KB = 1024 bytes of the unzipped .mjs entry / of the zip. init = \`await import(bundle)\` in a fresh node, ms, median and p90 (nearest rank) of ${RUNS}.` +
      `\n CPU = process user+system ms ${SETTLE_MS} ms after the import resolved, minus a process importing nothing (${meta.baseCpu.toFixed(1)} ms), median of ${RUNS};` +
      `\n it includes the import's own work; the part spent after it resolved (unawaited work) is in the JSON as cpuAfterResolveMs. @aws-sdk/*, where external, from this repo's node_modules.` +
      `\n serverless package: before ${sb.packageSeconds.toFixed(0)} s, after ${sa.packageSeconds.toFixed(0)} s (in parallel); whole bench ${meta.seconds.toFixed(0)} s.)`,
  );
  if (errors.length) console.log(`\nerrors:\n  ${errors.join('\n  ')}`);
  const unusual = names.flatMap((n) => sides.map((s) => [s, n, get(s, n)] as const)).filter(([, , m]) => m && !m.error && m.handlerType && m.handlerType !== 'function');
  for (const [s, n, m] of unusual) console.log(`note: ${n} (${s.tree.label}) exports its handler as ${m!.handlerType}, not a function`);

  if (jsonPath) {
    const side = (s: Side) => ({
      tree: s.tree.source,
      summary: summary(s),
      functions: Object.fromEntries(
        s.functions.map((f) => {
          const m = s.results.get(f.name)!;
          return [
            f.name,
            {
              handler: f.handler,
              entry: f.entry,
              bundleBytes: m.bundleBytes,
              zipBytes: m.zipBytes,
              zipFiles: m.zipFiles,
              handlerType: m.handlerType,
              initMs: { median: median(m.initMs), p90: p90(m.initMs), samples: m.initMs },
              cpuMs: { median: median(m.cpuMs), p90: p90(m.cpuMs), samples: m.cpuMs },
              cpuAfterResolveMs: { median: median(m.cpuAfterResolveMs), p90: p90(m.cpuAfterResolveMs), samples: m.cpuAfterResolveMs },
              ...(m.error ? { error: m.error } : {}),
            },
          ];
        }),
      ),
    });
    const doc = {
      node: process.version,
      runs: RUNS,
      settleMs: SETTLE_MS,
      baselineCpuMs: meta.baseCpu,
      baselineCpuAfterResolveMs: meta.baseAfterResolve,
      seconds: meta.seconds,
      before: side(before),
      after: side(after),
    };
    mkdirSync(dirname(resolve(jsonPath)), { recursive: true });
    writeFileSync(jsonPath, `${JSON.stringify(doc, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
    console.log(`\nJSON: ${resolve(jsonPath)}`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
