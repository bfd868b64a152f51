/**
 * 考核排名 for 1,000 departments (issue #18): the month's ranking is computed from the statistics'
 * counters, never by reading cases. The table holds two months (the month and the one before, for 环比) of
 * counters — 1,000 departments and 50 units below the city (each dimension on its 8 shards), with the
 * categories, types, channels and units-by-channel that share the month's partition — and no case at all.
 * Prints, for the city supervisor's ranking: every read the service sent (operation, table or index,
 * items returned, consumed read units), whether any read touched a case's item (CASE#…), and the median
 * time of 10 rankings.
 *
 *   npm run bench:assessment        (BENCH_DEPARTMENTS=1000 BENCH_UNITS=50 by default)
 */
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { childPath, ROOT_UNIT_ID, STAT_METRICS, type Unit } from '@minsheng/shared';
import type { Department } from '../../functions/src/ports/reference-data';
import { createDocumentClient } from '../../functions/src/adapters/dynamo/client';
import { createTable } from '../../functions/src/adapters/dynamo/table';
import { statsEntities } from '../../functions/src/adapters/dynamo/entities';
import { STATS_SHARDS } from '../../functions/src/adapters/dynamo/stats-store';
import { createDeps } from '../../functions/src/app/deps';
import { assessmentRanking } from '../../functions/src/services/stats/assessment';
import type { OfficialContext } from '../../functions/src/services/auth/officials';
import { startDynamoLocal } from '../../infra/src/dynamo-local';
import { ensureTable } from '../../infra/src/table-definition';
import { DEMO_CATEGORIES } from '../../infra/src/demo-data';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const DEPARTMENTS = Number(process.env.BENCH_DEPARTMENTS ?? 1000);
const UNITS = Number(process.env.BENCH_UNITS ?? 50);
const RUNS = 10;
const MONTH = '2026-10';
const PREVIOUS = '2026-09';
const NOW = new Date('2026-11-20T10:00:00+08:00');
const CHANNELS = ['miniprogram', 'web', 'phone', 'visit', 'letter', 'hotline', 'open311'];
const TYPES = ['consultation', 'complaint', 'report', 'suggestion'];

/** A deterministic pseudo-random integer in [0, n) for a seed string. */
function rnd(seed: string, n: number): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return (h >>> 0) % n;
}

/** One shard's plausible counters for a dimension (the 三率's and the statistics' metrics). */
function counters(seed: string, level: 'unit' | 'department' | 'other'): Record<string, number> {
  const base = 5 + rnd(seed, 40);
  const answered = Math.max(1, base - rnd(`${seed}a`, 4));
  const out: Record<string, number> = { filed: base, accepted: base, dispatched: base, resolved: Math.floor(answered * 0.7), partly_resolved: Math.floor(answered * 0.2), unresolved: rnd(`${seed}u`, 3) };
  if (level === 'other') return out;
  Object.assign(out, {
    asAnswered: answered,
    asAnsweredOnTime: answered - rnd(`${seed}t`, 3),
    asResolved: Math.floor(answered * 0.7),
    asPartlyResolved: Math.floor(answered * 0.2),
    asUnresolved: rnd(`${seed}u`, 3),
    asRatings: Math.floor(answered * 0.8),
    asSatisfied: Math.floor(answered * 0.8) - rnd(`${seed}s`, 3),
    asSentBack: rnd(`${seed}b`, 3),
    asReopened: rnd(`${seed}r`, 2),
  });
  if (level === 'unit') Object.assign(out, { asCases: base, asAccepted: base, asAcceptedOnTime: base - rnd(`${seed}o`, 4) });
  else Object.assign(out, { asDispatched: base, asResponded: base, asRespondedOnTime: base - rnd(`${seed}o`, 4) });
  for (const k of Object.keys(out)) out[k] = Math.max(0, out[k]!);
  return Object.fromEntries(Object.entries(out).filter(([k]) => (STAT_METRICS as readonly string[]).includes(k)));
}

interface Read {
  operation: string;
  target: string;
  calls: number;
  items: number;
  rcu: number;
}

/** Every read the document clients send while `run` runs, grouped by operation and table or index; and whether one touched a case. */
async function measure<T>(run: () => Promise<T>): Promise<{ result: T; reads: Read[]; caseReads: number }> {
  const reads = new Map<string, Read>();
  let caseReads = 0;
  const original = DynamoDBDocumentClient.prototype.send;
  DynamoDBDocumentClient.prototype.send = async function (this: DynamoDBDocumentClient, command: any, ...rest: any[]) {
    const operation = String(command.constructor.name).replace(/Command$/, '');
    command.input.ReturnConsumedCapacity = 'TOTAL';
    const out: any = await (original as any).call(this, command, ...rest);
    const input = JSON.stringify(command.input);
    if (/"CASE#/.test(input)) caseReads++;
    const partition = command.input.ExpressionAttributeValues ? Object.values(command.input.ExpressionAttributeValues).find((v) => typeof v === 'string' && /^[A-Z]+#/.test(v as string)) : command.input.Key?.pk;
    const target = `${command.input.IndexName ?? 'table'} ${String(partition ?? '').replace(/#.*$/, '#…')}`;
    const id = `${operation} ${target}`;
    const r = reads.get(id) ?? { operation, target, calls: 0, items: 0, rcu: 0 };
    r.calls++;
    r.items += out.Count ?? (out.Item ? 1 : 0);
    r.rcu += Array.isArray(out.ConsumedCapacity) ? out.ConsumedCapacity.reduce((s: number, c: any) => s + (c.CapacityUnits ?? 0), 0) : (out.ConsumedCapacity?.CapacityUnits ?? 0);
    reads.set(id, r);
    return out;
  } as any;
  try {
    return { result: await run(), reads: [...reads.values()], caseReads };
  } finally {
    DynamoDBDocumentClient.prototype.send = original;
  }
}

async function main() {
  const dynamo = await startDynamoLocal();
  try {
    const tableName = 'assessment-ranking';
    await ensureTable(dynamo.endpoint, tableName);
    const deps = createDeps({ TABLE_NAME: tableName, AWS_REGION: 'local', DYNAMODB_ENDPOINT: dynamo.endpoint, APP_SECRET: 'benchmark-secret-0123456789abcdefghij' });
    deps.now = () => NOW;
    const root: Unit = { id: ROOT_UNIT_ID, name: '兴辽市', level: 1, path: ROOT_UNIT_ID, sortOrder: 0, active: true };
    const units: Unit[] = Array.from({ length: UNITS }, (_, i) => ({ id: `u${i}`, name: `第${i}区`, level: 2, parentId: ROOT_UNIT_ID, path: childPath(root.path, `u${i}`), sortOrder: i, active: true }));
    const departments: Department[] = Array.from({ length: DEPARTMENTS }, (_, i) => ({ id: `d${i}`, name: `第${i}部门`, sortOrder: i, active: true, unitId: ROOT_UNIT_ID }));
    for (const u of [root, ...units]) await deps.reference.putUnit(u);
    for (const c of DEMO_CATEGORIES) await deps.reference.putCategory(c);
    await Promise.all(Array.from({ length: 8 }, async (_, w) => {
      for (let i = w; i < departments.length; i += 8) await deps.reference.putDepartment(departments[i]!);
    }));

    // The counters of both months, every dimension on every shard (as many events' counts leave them).
    const { StatsEntity } = statsEntities(createTable(createDocumentClient({ region: 'local', endpoint: dynamo.endpoint }), tableName));
    const items: { period: string; dim: string; values: Record<string, number> }[] = [];
    for (const period of [MONTH, PREVIOUS]) {
      const dims: [string, 'unit' | 'department' | 'other'][] = [
        ['ALL', 'unit'],
        ...departments.map((d): [string, 'department'] => [`DEPT#${d.id}`, 'department']),
        ...units.map((u): [string, 'unit'] => [`UNIT#${u.id}`, 'unit']),
        ...units.flatMap((u) => CHANNELS.map((ch): [string, 'other'] => [`UNIT#${u.id}/CH#${ch}`, 'other'])),
        ...DEMO_CATEGORIES.map((c): [string, 'other'] => [`CAT#${c.id}`, 'other']),
        ...TYPES.map((t): [string, 'other'] => [`TYPE#${t}`, 'other']),
        ...CHANNELS.map((ch): [string, 'other'] => [`CH#${ch}`, 'other']),
      ];
      for (const [dim, level] of dims) for (let s = 0; s < STATS_SHARDS; s++) items.push({ period, dim: `${dim}~${s}`, values: counters(`${period}${dim}${s}`, level) });
    }
    const t0 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < items.length) {
        const { period, dim, values } = items[next++]!;
        await StatsEntity.build(PutItemCommand).item({ period, dim, ...values } as never).send();
      }
    }));
    console.log(`seeded ${items.length} counter items (${items.length / 2} per month) in ${((performance.now() - t0) / 1000).toFixed(1)} s; no case in the table`);

    const viewer: OfficialContext = { username: 'duban', displayName: '市督办', role: 'supervisor' };
    await assessmentRanking(deps, viewer, MONTH); // warm-up
    const { result, reads, caseReads } = await measure(() => assessmentRanking(deps, viewer, MONTH));
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const start = performance.now();
      await assessmentRanking(deps, viewer, MONTH);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    // Where the time goes: the month's counters through the store, and the same partition read raw.
    const median = async (f: () => Promise<unknown>) => {
      const t: number[] = [];
      for (let r = 0; r < 5; r++) {
        const s0 = performance.now();
        await f();
        t.push(performance.now() - s0);
      }
      return t.sort((a, b) => a - b)[2]!;
    };
    const storeMs = await median(() => deps.stats.getStats(MONTH));
    const doc = createDocumentClient({ region: 'local', endpoint: dynamo.endpoint });
    const rawMs = await median(async () => {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const out = await doc.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `STATS#${MONTH}` }, ExclusiveStartKey }));
        ExclusiveStartKey = out.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    });
    const ranked = result.departments.filter((d) => d.rank !== undefined).length;
    const heap = process.memoryUsage().heapUsed / 1024 / 1024;

    console.log(`\n考核排名 of ${MONTH} for the city supervisor: ${DEPARTMENTS} departments (${ranked} ranked) and ${UNITS} units, DynamoDB Local in-memory (Node ${process.version})\n`);
    console.log('operation  target                       calls  items read  RCU');
    for (const r of reads) console.log(`${r.operation.padEnd(9)}  ${r.target.padEnd(27)}  ${String(r.calls).padStart(5)}  ${String(r.items).padStart(10)}  ${r.rcu.toFixed(1).padStart(6)}`);
    const total = reads.reduce((s, r) => ({ items: s.items + r.items, rcu: s.rcu + r.rcu, calls: s.calls + r.calls }), { items: 0, rcu: 0, calls: 0 });
    console.log(`total      ${''.padEnd(27)}  ${String(total.calls).padStart(5)}  ${String(total.items).padStart(10)}  ${total.rcu.toFixed(1).padStart(6)}`);
    console.log(`\ncase items read: ${caseReads}`);
    console.log(`time: median ${times[Math.floor(RUNS / 2)]!.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms over ${RUNS} rankings; heap after ${heap.toFixed(0)} MB`);
    console.log(`one month's counters: ${storeMs.toFixed(0)} ms through the statistics store, ${rawMs.toFixed(0)} ms as a raw paginated Query (median of 5)`);
    console.log(`first: ${result.departments[0]!.name} ${result.departments[0]!.score}; last ranked: ${result.departments[ranked - 1]!.name} ${result.departments[ranked - 1]!.score}`);
  } finally {
    await dynamo.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
