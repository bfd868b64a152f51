/**
 * Issue #19's figures in one run (`npm run bench:scale`), one benchmark after another so none
 * competes with another for the two cores:
 *
 *   1. search — first answer of a cold search process at 1,000 / 10,000 / 50,000 real-length library
 *      items, full CPU and Lambda's CPU share, heap (`bench:library-cold`);
 *   2. functions — per-function bundle size and module init, 23a1993 against this tree (`bench:functions`);
 *   3. write units — per flow, counters in the case transaction (23a1993) against the stream consumer,
 *      and 20 concurrent actions on 20 cases (`bench:write-units`);
 *   4. indexes — index write units of a case's life and a queue page's read units, ProjectionType ALL
 *      against the projections (`bench:index-writes`);
 *   5. re-timing — the calendar re-timing job over 100,000 open cases: time, progress events, the
 *      latency of every HTTP request made while it runs (`bench:retime`).
 *
 * Each part prints its own tables; a line per part says how long it took. About 30 minutes on the
 * 2-core dev machine. `BENCH_PARTS=search,retime` runs a subset.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

const PARTS: { name: string; script: string; args?: string[]; env?: Record<string, string> }[] = [
  // The old design (every item read and indexed at cold start) once at 1,000 and 10,000 items, for comparison.
  { name: 'search', script: 'bench:library-cold', env: { BENCH_FULL_RUNS: '1' } },
  { name: 'functions', script: 'bench:functions', args: ['--before-ref', '23a1993'], env: { BENCH_RUNS: '5' } },
  { name: 'write-units', script: 'bench:write-units' },
  { name: 'indexes', script: 'bench:index-writes' },
  { name: 'retime', script: 'bench:retime' },
];

const wanted = process.env.BENCH_PARTS?.split(',').map((s) => s.trim());
const unknown = wanted?.filter((w) => !PARTS.some((p) => p.name === w)) ?? [];
if (unknown.length) throw new Error(`unknown BENCH_PARTS ${unknown.join(', ')} (parts: ${PARTS.map((p) => p.name).join(', ')})`);

function run(part: (typeof PARTS)[number]): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn('npm', ['run', '--silent', part.script, ...(part.args?.length ? ['--', ...part.args] : [])], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, ...part.env },
    });
    child.on('error', fail);
    child.on('exit', (code) => done(code ?? 1));
  });
}

const started = performance.now();
const summary: string[] = [];
for (const part of PARTS.filter((p) => !wanted || wanted.includes(p.name))) {
  console.log(`\n======== ${part.name} (npm run ${part.script}${part.args ? ` -- ${part.args.join(' ')}` : ''}) ========\n`);
  const t0 = performance.now();
  const code = await run(part);
  const line = `${part.name}: ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${((performance.now() - t0) / 60_000).toFixed(1)} min`;
  summary.push(line);
  console.log(`\n-------- ${line}`);
}
console.log(`\n======== bench:scale finished in ${((performance.now() - started) / 60_000).toFixed(1)} min ========`);
for (const line of summary) console.log(`  ${line}`);
if (summary.some((l) => l.includes('FAILED'))) process.exitCode = 1;
