/**
 * Write units per flow, BEFORE and AFTER the statistics counters left the case transaction (issue
 * #19: "write units per flow before and after; 20 concurrent actions on 20 different cases → no
 * transaction fails on counter contention").
 *
 * BEFORE = a git worktree of 23a1993 (every case transaction also wrote one UpdateItem per (period,
 * dimension) counter, on the shared STATS#ALL/ALL and month/ALL items), created in a temp folder and
 * removed after; AFTER = this repo (the counters ride on the event item; the stream consumer adds them
 * in its own transaction, on one of 8 shards). Each tree gets a node_modules of symlinks to this repo's
 * packages with @minsheng/* pointing at the tree's own workspaces (as function-bundles.bench.ts), and
 * runs a copy of write-units-child.ts on its own code, in its own DynamoDB Local: every write of the
 * case store (and, AFTER, of the stats consumer, run from DynamoDB Local's stream) is recorded on the
 * wire; each written item is read back after the flow and sized by DynamoDB's item-size rules
 * (attribute names + values); a transactional write costs 2 write units per started KB per item.
 *
 * Then contention: BENCH_CONCURRENT (20) cases filed and left at intake, accepted all at once
 * (Promise.all, each a different case), BENCH_ROUNDS (5) times; counted on the wire: attempts,
 * cancelled transactions and their reasons (and on which item), failed actions; and whether the
 * statistics equal what was done.
 *
 *   npm run bench:write-units            (--before-ref <commit>, default 23a1993; --keep; --json out.json)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { linkNodeModules } from './trees';
import type { Attempts, ItemCost, WritesCost } from './write-units-child';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const CHILD = 'tests/bench/write-units-child.ts';
/** Copied beside the child into the older tree (which has neither). */
const CHILD_MODULES = [CHILD, 'tests/bench/item-size.ts'];

function run(cmd: string, argv: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, argv, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} (in ${cwd}) failed (${r.status ?? r.signal}):\n${r.stdout?.slice(-4000)}\n${r.stderr?.slice(-4000)}`);
  return r.stdout;
}

// ---- What the child prints ----

interface Result {
  label: string;
  perFlow: { flow: string; tx: WritesCost; consumer: WritesCost | null; consumerAttempts: Attempts | null }[];
  rounds: { failed: number; failures: string[]; tx: Attempts; ms: number; shared: { transactions: number; sharedKeys: number; maxWriters: number; transactionsOnShared: number; examples: string[] } }[];
  caseContention: Attempts;
  consumerContention: Attempts | null;
  counters: { expected: Record<string, number>; counted: Record<string, number> };
  consumer: boolean;
  conflictProbe: {
    transactions: Attempts;
    singleUpdates: number;
    singleErrors: Record<string, number>;
    singleSdkRetries: number;
    rejected: number;
    finalValue?: number;
    expectedIfAllSucceed: number;
  };
}

function runChild(tree: string, label: string): Result {
  const out = run(join(tree, 'node_modules', '.bin', 'tsx'), [join(tree, CHILD), label], tree, { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' });
  const line = out.split('\n').find((l) => l.startsWith('@@write-units '));
  if (!line) throw new Error(`${label}: the child printed no result:\n${out.slice(-4000)}`);
  return JSON.parse(line.slice('@@write-units '.length)) as Result;
}

// ---- Printing ----

const count = (items: ItemCost[], kinds: (k: string) => boolean) => items.filter((i) => kinds(i.kind)).length;
const fmtCodes = (r: Record<string, number>) => Object.entries(r).map(([k, v]) => `${k} ×${v}`).join(', ') || '–';

function print(before: Result, after: Result, beforeRef: string): string {
  const lines: string[] = [];
  const say = (s = '') => lines.push(s);
  say(`Write units per flow (one typical case: ≈190-character complaint, ≈300-character reply), DynamoDB Local; before = ${beforeRef}, after = this tree`);
  say('Units computed from item sizes (read back after the flow): 2 per started KB per item of a TransactWriteItems.');
  say('');
  say('| flow | before: items in the case transaction (of which counters) | before: units (of which counters) | after: items (of which counters) | after: units (of which counters) | after: stats consumer, off the hot path: items / units (of which counters) |');
  say('|---|---:|---:|---:|---:|---:|');
  const sum = { b: 0, bc: 0, a: 0, ac: 0, c: 0, cc: 0 };
  for (let i = 0; i < after.perFlow.length; i++) {
    const [b, a] = [before.perFlow[i]!, after.perFlow[i]!];
    const counters = (k: string) => k === 'counter';
    const c = a.consumer;
    sum.b += b.tx.units;
    sum.bc += b.tx.counterUnits;
    sum.a += a.tx.units;
    sum.ac += a.tx.counterUnits;
    sum.c += c?.units ?? 0;
    sum.cc += c?.counterUnits ?? 0;
    say(
      `| ${a.flow} | ${b.tx.items.length} (${count(b.tx.items, counters)}) | ${b.tx.units} (${b.tx.counterUnits}) | ${a.tx.items.length} (${count(a.tx.items, counters)}) | ${a.tx.units} (${a.tx.counterUnits}) | ${c ? `${c.transactions} tx, ${c.items.length} items / ${c.units} (${c.counterUnits})` : 'no consumer'} |`,
    );
  }
  say(`| **a case's life** | | **${sum.b}** (${sum.bc}) | | **${sum.a}** (${sum.ac}) | ${sum.c} (${sum.cc}) |`);
  say('');
  say('What is in each transaction (kind: count):');
  for (const [label, r] of [
    ['before', before],
    ['after', after],
  ] as const) {
    for (const f of r.perFlow) {
      const kinds: Record<string, number> = {};
      for (const i of f.tx.items) kinds[i.kind] = (kinds[i.kind] ?? 0) + 1;
      const counterKeys = f.tx.items.filter((i) => i.kind === 'counter').map((i) => i.key.replace(/^STATS#/, ''));
      say(`- ${label}, ${f.flow}: ${fmtCodes(kinds)}${counterKeys.length ? ` — counters: ${counterKeys.join(', ')}` : ''}`);
      if (f.consumer?.items.length) say(`  consumer: ${f.consumer.items.map((i) => `${i.kind} ${i.key.replace(/^CASE#\d+ \/ EVT#.*/, 'EVT marker').replace(/^STATS#/, '')}`).join(', ')}`);
    }
  }
  say('');
  say("DynamoDB Local's own ConsumedCapacity (ReturnConsumedCapacity INDEXES), summed per flow — it counts 1 per item on the table, not AWS's 2 per KB for a transaction (bench-a):");
  say('| flow | before: total (table, indexes) | after: total (table, indexes) | after consumer: total (table) |');
  say('|---|---:|---:|---:|');
  const rep = (w: WritesCost | null) => (w ? `${w.localReported.total} (${w.localReported.table}, ${fmtCodes(w.localReported.indexes)})` : '–');
  for (let i = 0; i < after.perFlow.length; i++) say(`| ${after.perFlow[i]!.flow} | ${rep(before.perFlow[i]!.tx)} | ${rep(after.perFlow[i]!.tx)} | ${rep(after.perFlow[i]!.consumer)} |`);
  say('');
  const n = after.rounds.length;
  const per = after.counters.expected.accepted! / n;
  say(`Contention: ${per} cases at intake accepted at once (Promise.all, each a different case), ${n} rounds = ${n * per} accepts`);
  say('');
  say('| | actions failed | transaction attempts | cancelled (reasons) | TransactionConflict on | retries by retryTransaction | SDK-level retries | accept round wall time (ms, median) |');
  say('|---|---:|---:|---:|---|---:|---:|---:|');
  for (const [label, r] of [
    ['before', before],
    ['after', after],
  ] as const) {
    const c = r.caseContention;
    const failed = r.rounds.reduce((s, x) => s + x.failed, 0);
    const retries = c.attempts - r.counters.expected.accepted!;
    const ms = r.rounds.map((x) => x.ms).sort((x, y) => x - y)[Math.floor(r.rounds.length / 2)]!;
    say(`| ${label}: case transactions | ${failed} | ${c.attempts} | ${c.cancelled} (${fmtCodes(c.codes)}) | ${fmtCodes(c.conflictsOn)} | ${retries} | ${c.sdkRetries} | ${ms.toFixed(0)} |`);
  }
  if (after.consumerContention) {
    const c = after.consumerContention;
    say(`| after: stats consumer (counting those rounds' filings and accepts) | – | ${c.attempts} | ${c.cancelled} (${fmtCodes(c.codes)}) | ${fmtCodes(c.conflictsOn)} | ${c.conflictCancelled} | ${c.sdkRetries} | |`);
  }
  say('');
  say('Items written by more than one of a round\'s concurrent accept transactions (what DynamoDB in AWS cancels transactions on), per round:');
  say('| | transactions per round | shared items | transactions on a shared item | most writers of one item | shared items (writers) |');
  say('|---|---:|---:|---:|---:|---|');
  for (const [label, r] of [
    ['before', before],
    ['after', after],
  ] as const) {
    const s = r.rounds[0]!.shared;
    const alike = r.rounds.every((x) => x.shared.sharedKeys === s.sharedKeys && x.shared.transactionsOnShared === s.transactionsOnShared && x.shared.maxWriters === s.maxWriters);
    say(`| ${label}${alike ? `, each of the ${r.rounds.length} rounds` : ', round 1 (rounds differ)'} | ${s.transactions} | ${s.sharedKeys} | ${s.transactionsOnShared} | ${s.maxWriters} | ${s.examples.join(', ') || '–'} |`);
  }
  say('');
  for (const [label, r] of [
    ['before', before],
    ['after', after],
  ] as const) {
    say(`Statistics after the rounds, ${label}: expected ${JSON.stringify(r.counters.expected)}; counted ${JSON.stringify(r.counters.counted)}`);
    const messages = [...r.caseContention.messages, ...(r.consumerContention?.messages ?? []), ...r.rounds.flatMap((x) => x.failures)];
    if (messages.length) say(`  errors seen (${label}): ${[...new Set(messages)].slice(0, 4).join(' | ')}`);
  }
  say('');
  const p = after.conflictProbe;
  say(
    `Probe of DynamoDB Local itself (after's run): ${p.transactions.attempts} TransactWriteItems at once, each ADDing to one shared item, interleaved with ${p.singleUpdates} plain UpdateItems ADDing to it: ` +
      `${p.transactions.cancelled} transactions cancelled (${fmtCodes(p.transactions.codes)}), plain updates failed: ${fmtCodes(p.singleErrors)}, SDK retries ${p.transactions.sdkRetries + p.singleSdkRetries}, ` +
      `calls rejected ${p.rejected}; the item ended at ${p.finalValue} (${p.expectedIfAllSucceed} if every write went through).`,
  );
  return lines.join('\n');
}

async function main() {
  const argv = process.argv.slice(2);
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const beforeRef = flag('--before-ref') ?? '23a1993';
  const json = flag('--json');
  const keep = argv.includes('--keep');
  const tmp = mkdtempSync(join(tmpdir(), 'write-units-'));
  const beforeTree = join(tmp, 'before-tree');
  let created = false;
  try {
    run('git', ['-C', REPO_ROOT, 'worktree', 'add', '--detach', beforeTree, beforeRef], REPO_ROOT);
    created = true;
    linkNodeModules(beforeTree, join(REPO_ROOT, 'node_modules'));
    mkdirSync(join(beforeTree, dirname(CHILD)), { recursive: true });
    for (const file of CHILD_MODULES) copyFileSync(join(REPO_ROOT, file), join(beforeTree, file));
    const load = loadavg().map((l) => l.toFixed(1)).join(' ');
    const t0 = performance.now();
    console.error(`before (${beforeRef}) …`);
    const before = runChild(beforeTree, 'before');
    console.error(`after (this tree) …`);
    const after = runChild(REPO_ROOT, 'after');
    const text = print(before, after, beforeRef);
    console.log(text);
    console.log(`\n(load average at start ${load} on ${cpus().length} cores; both runs took ${((performance.now() - t0) / 1000).toFixed(0)} s; unit counts do not depend on load, wall times do)`);
    if (json) writeFileSync(json, JSON.stringify({ before, after }, null, 2));
  } finally {
    if (created) {
      spawnSync('git', ['-C', REPO_ROOT, 'worktree', 'remove', '--force', beforeTree]);
      spawnSync('git', ['-C', REPO_ROOT, 'worktree', 'prune']);
    }
    if (!keep) rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
