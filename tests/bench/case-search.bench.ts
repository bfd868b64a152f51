/**
 * Case search over 100,000 cases (issue #16): p50/p95 latency of a search by number, by phone and by
 * words within a date range, for a county's intake and the city's, next to the index-free
 * alternative rejected — a Query of the county's cases (gsi6, its queue summaries) filtered with
 * contains() on the title (it cannot even see the content) — with the items each reads.
 *
 * Cases are written as the case store writes them (caseItem with the phone-search key) and their
 * postings as the case indexer writes them (postingsOf), by BatchWrite, into DynamoDB Local in memory:
 * 10 counties of 4 townships, filed over the 12 months of 2026, 20,000 phones, texts from a small
 * vocabulary of places, objects and faults (so the pairs recur as real complaints' do).
 *
 *   npm run bench:search        (BENCH_CASES=100000 BENCH_RUNS=40 by default)
 */
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { childPath, ROOT_UNIT_ID, type CaseRecord, type Unit } from '@minsheng/shared';
import { createDocumentClient } from '../../functions/src/adapters/dynamo/client';
import { caseItem } from '../../functions/src/adapters/dynamo/case-index-keys';
import { postingsOf } from '../../functions/src/adapters/dynamo/case-search';
import { createTable } from '../../functions/src/adapters/dynamo/table';
import { caseEntities } from '../../functions/src/adapters/dynamo/entities';
import { BatchPutRequest } from 'dynamodb-toolbox/entity/actions/batchPut';
import { createDeps } from '../../functions/src/app/deps';
import { deriveKey } from '../../functions/src/lib/secrets';
import { searchCases } from '../../functions/src/services/console/search';
import type { OfficialContext } from '../../functions/src/services/auth/officials';
import { startDynamoLocal } from '../../infra/src/dynamo-local';
import { ensureTable } from '../../infra/src/table-definition';
import { DEMO_CATEGORIES, DEMO_DEPARTMENTS } from '../../infra/src/demo-data';
import { openCase } from './open-cases';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const SECRET = 'benchmark-secret-0123456789abcdefghij';
const PHONES = 20_000;
const YEAR_START = Date.parse('2026-01-01T00:00:00+08:00');
const YEAR_MS = 365 * 86_400_000;
const NOW = new Date('2026-12-31T12:00:00+08:00');

const PLACES = ['幸福小区', '光明路', '人民公园', '建设大街', '城南花园', '东湖社区', '新华街', '金桥市场', '北关村', '实验小学'];
const PROBLEMS: [string, string][] = [
  ['路灯', '不亮'], ['井盖', '丢失'], ['垃圾', '堆放'], ['工地', '噪音扰民'], ['车辆', '乱停乱放'], ['物业', '乱收费'],
  ['暖气', '不热'], ['工资', '被拖欠'], ['自来水', '停水'], ['道路', '破损'], ['油烟', '扰民'], ['电梯', '故障'],
];

function tree(): Unit[] {
  const root: Unit = { id: ROOT_UNIT_ID, name: '兴辽市', level: 1, path: ROOT_UNIT_ID, sortOrder: 0, active: true };
  const out: Unit[] = [root];
  for (let c = 0; c < 10; c++) {
    const county: Unit = { id: `c${c}`, name: `第${c}区`, level: 2, parentId: ROOT_UNIT_ID, path: childPath(root.path, `c${c}`), sortOrder: c, active: true };
    out.push(county);
    for (let t = 0; t < 4; t++) out.push({ id: `c${c}-t${t}`, name: `第${c}区第${t}街道`, level: 3, parentId: county.id, path: childPath(county.path, `c${c}-t${t}`), sortOrder: t, active: true });
  }
  return out;
}

/** A deterministic pseudo-random number in [0, n) for case i and salt s. */
const pick = (i: number, s: number, n: number) => Math.floor(((Math.sin(i * 12.9898 + s * 78.233) * 43758.5453) % 1 + 1) % 1 * n);
const phoneOf = (k: number) => `139${String(k).padStart(8, '0')}`;

function makeCase(i: number, units: Unit[]): CaseRecord {
  const below = units.filter((u) => u.level === 3);
  const unit = below[i % below.length]!;
  const place = PLACES[pick(i, 1, PLACES.length)]!;
  const [object, fault] = PROBLEMS[pick(i, 2, PROBLEMS.length)]!;
  // Filing times spread over the year in case-number order (newer numbers filed later).
  const filedAt = new Date(YEAR_START + Math.floor((i / CASES) * YEAR_MS));
  return {
    ...openCase(i, filedAt),
    caseNo: `2026${String(i).padStart(10, '0')}`,
    title: `${place}${object}${fault}`,
    content: `${place}${pick(i, 3, 30) + 1}号附近${object}${fault}，已经${pick(i, 4, 9) + 1}天，请尽快处理。`,
    contact: { name: '市民', phone: phoneOf(i % PHONES) },
    unitId: unit.id,
    unitPath: unit.path,
    location: { text: place, unitId: unit.id },
  };
}

interface Reads {
  requests: number;
  items: number;
}

/** Requests sent and items read (Query ScannedCount, BatchGet and GetItem items) while `run` runs. */
async function measure<T>(run: () => Promise<T>): Promise<{ result: T; reads: Reads }> {
  const reads: Reads = { requests: 0, items: 0 };
  const original = DynamoDBDocumentClient.prototype.send;
  DynamoDBDocumentClient.prototype.send = async function (this: DynamoDBDocumentClient, command: any, ...rest: any[]) {
    const out: any = await (original as any).call(this, command, ...rest);
    const name = command.constructor.name;
    if (name === 'QueryCommand') reads.items += out.ScannedCount ?? 0;
    if (name === 'BatchGetCommand') reads.items += Object.values(out.Responses ?? {}).reduce((n: number, l: any) => n + l.length, 0);
    if (name === 'GetCommand') reads.items += out.Item ? 1 : 0;
    if (['QueryCommand', 'BatchGetCommand', 'GetCommand'].includes(name)) reads.requests++;
    return out;
  } as any;
  try {
    return { result: await run(), reads };
  } finally {
    DynamoDBDocumentClient.prototype.send = original;
  }
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function timed(run: (k: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await run(0); // warm-up
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const t0 = performance.now();
    await run(k + 1);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 0.5), p95: pct(times, 0.95) };
}

async function main() {
  const dynamo = await startDynamoLocal();
  const rows: { what: string; viewer: string; rows: number; reads: Reads; p50: number; p95: number }[] = [];
  try {
    const tableName = 'case-search-bench';
    await ensureTable(dynamo.endpoint, tableName);
    const deps = createDeps({ TABLE_NAME: tableName, AWS_REGION: 'local', DYNAMODB_ENDPOINT: dynamo.endpoint, APP_SECRET: SECRET });
    const units = tree();
    for (const u of units) await deps.reference.putUnit(u);
    for (const d of DEMO_DEPARTMENTS) await deps.reference.putDepartment(d);
    for (const c of DEMO_CATEGORIES) await deps.reference.putCategory(c);
    const client = createDocumentClient({ region: 'local', endpoint: dynamo.endpoint });
    const table = createTable(client, tableName);
    const phoneKey = deriveKey(SECRET, 'phone-search');
    const { CaseEntity } = caseEntities(table);

    // Seeding: each case item and its postings, 25 items per BatchWrite, 16 writers.
    const t0 = performance.now();
    let next = 0;
    let written = 0;
    const pending: Record<string, unknown>[] = [];
    const refill = () => {
      while (pending.length < 25 && next < CASES) {
        const c = makeCase(next++, units);
        pending.push(CaseEntity.build(BatchPutRequest).item(caseItem(c, phoneKey)).params().PutRequest!.Item as Record<string, unknown>, ...postingsOf(c));
      }
      return pending.splice(0, 25);
    };
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let batch = refill(); batch.length; batch = refill()) {
          let items = batch.map((Item) => ({ PutRequest: { Item } }));
          while (items.length) {
            const out = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: items } }));
            items = (out.UnprocessedItems?.[tableName] ?? []) as typeof items;
          }
          written += batch.length;
          if (written % 200_000 < 25) console.error(`  seeded ${written} items (${next} cases), ${((performance.now() - t0) / 1000).toFixed(0)} s`);
        }
      }),
    );
    console.error(`seeded ${CASES} cases and their postings: ${written} items in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    deps.now = () => NOW;

    const county: OfficialContext = { username: 'c3-shouli', displayName: '区受理员', role: 'intake', unitId: 'c3' };
    const city: OfficialContext = { username: 'shouli', displayName: '市受理员', role: 'intake' };
    const countyCases = Array.from({ length: RUNS + 1 }, (_, k) => makeCase(3 * 4 + k * 40 * 7, units)).filter((c) => c.unitPath!.startsWith('root/c3'));
    const probes: [string, OfficialContext, (k: number) => Parameters<typeof searchCases>[2]][] = [
      ['by number', county, (k) => ({ caseNo: countyCases[k % countyCases.length]!.caseNo })],
      ['by phone', county, (k) => ({ phone: phoneOf((12 + 40 * k) % PHONES) })],
      ['by phone', city, (k) => ({ phone: phoneOf((k * 997) % PHONES) })],
      ['words 路灯 不亮, 1 month', county, () => ({ q: '路灯 不亮', from: '2026-11-01', to: '2026-11-30' })],
      ['words 路灯 不亮, 1 month', city, () => ({ q: '路灯 不亮', from: '2026-11-01', to: '2026-11-30' })],
      ['words 幸福小区 暖气, 1 year', county, () => ({ q: '幸福小区 暖气', from: '2026-01-01', to: '2026-12-31' })],
      ['words 幸福小区 暖气, 1 year', city, () => ({ q: '幸福小区 暖气', from: '2026-01-01', to: '2026-12-31' })],
    ];
    for (const [what, viewer, query] of probes) {
      const { result, reads } = await measure(() => searchCases(deps, viewer, { ...query(1), limit: 20 }));
      const { p50, p95 } = await timed((k) => searchCases(deps, viewer, { ...query(k), limit: 20 }));
      rows.push({ what, viewer: viewer.unitId ? 'county intake' : 'city intake', rows: result.items.length, reads, p50, p95 });
    }

    // The rejected alternative: the county's cases (its gsi6 partition of open cases, 1/10 of the city) read
    // page by page with a FilterExpression contains() on the summary's title, within the dates — every item of
    // the partition is read to find the newest 20 matches (and the content is not even in the index).
    const filterScan = async (words: string[], from: string, to: string) => {
      const found: string[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi6',
            KeyConditionExpression: 'gsi6pk = :p',
            FilterExpression: `${words.map((_, i) => `contains(#qs.#t, :w${i})`).join(' AND ')} AND #qs.#c BETWEEN :a AND :b`,
            ExpressionAttributeNames: { '#qs': 'qs', '#t': 'title', '#c': 'createdAt' },
            ExpressionAttributeValues: { ':p': 'CTY#c3#OPEN', ':a': from, ':b': to, ...Object.fromEntries(words.map((w, i) => [`:w${i}`, w])) },
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        found.push(...(out.Items ?? []).map((i) => String(i.pk)));
        start = out.LastEvaluatedKey as Record<string, unknown> | undefined;
      } while (start);
      return found;
    };
    for (const [what, words, from, to] of [
      ['REJECTED: county Query + contains(title), 1 month', ['路灯', '不亮'], '2026-10-31T16:00:00Z', '2026-11-30T16:00:00Z'],
      ['REJECTED: county Query + contains(title), 1 year', ['幸福小区', '暖气'], '2025-12-31T16:00:00Z', '2026-12-31T16:00:00Z'],
    ] as const) {
      const { result, reads } = await measure(() => filterScan([...words], from, to));
      const { p50, p95 } = await timed(() => filterScan([...words], from, to));
      rows.push({ what, viewer: 'county intake', rows: Math.min(20, result.length), reads, p50, p95 });
    }
  } finally {
    await dynamo.stop();
  }
  console.log(`\nCase search over ${CASES.toLocaleString('en')} cases (10 counties, 12 months), DynamoDB Local in memory, ${RUNS} runs each (Node ${process.version})\n`);
  console.log('search                                              viewer          rows  requests  items read      p50       p95');
  for (const r of rows) {
    console.log(`${r.what.padEnd(50)}  ${r.viewer.padEnd(14)}  ${String(r.rows).padStart(4)}  ${String(r.reads.requests).padStart(8)}  ${String(r.reads.items).padStart(10)}  ${r.p50.toFixed(1).padStart(6)} ms  ${r.p95.toFixed(1).padStart(6)} ms`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
