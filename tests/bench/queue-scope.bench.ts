/**
 * Scoped queues in the jurisdiction tree (issue #15): a supervisor's overdue page (limit 20) with 10
 * and with 1,000 units below the city, the same 5,000 overdue cases spread over the units each time.
 * For the city's supervisor (the city-wide gsi2), a county's (its gsi6 partition) and a township's
 * (its county's partition, filtered on qs.unitPath) prints, per page: the queue's index reads
 * (Queries, items read = Count, ScannedCount, ConsumedCapacity), the reference reads the scope costs
 * (the units and departments: ConsumedCapacity), and the median time of 20 pages.
 *
 *   npm run bench:queue-scope        (BENCH_UNITS=10,1000 BENCH_CASES=5000 by default)
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { childPath, ROOT_UNIT_ID, type CaseRecord, type Unit } from '@minsheng/shared';
import { createDocumentClient } from '../../functions/src/adapters/dynamo/client';
import { createTable } from '../../functions/src/adapters/dynamo/table';
import { createDeps } from '../../functions/src/app/deps';
import { listQueue } from '../../functions/src/services/console/queues';
import type { OfficialContext } from '../../functions/src/services/auth/officials';
import { startDynamoLocal } from '../../infra/src/dynamo-local';
import { ensureTable } from '../../infra/src/table-definition';
import { DEMO_CATEGORIES, DEMO_DEPARTMENTS } from '../../infra/src/demo-data';
import { openCase, seedOpenCases } from './open-cases';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const SIZES = (process.env.BENCH_UNITS ?? '10,1000').split(',').map(Number);
const CASES = Number(process.env.BENCH_CASES ?? 5000);
const PAGES = 20;
const DAY = 86_400_000;
const NOW = new Date('2026-11-20T10:00:00+08:00');

/** `units` units below the city: counties of `perCounty - 1` townships each (10 → 2 × (1 + 4); 1,000 → 20 × (1 + 49)). */
function tree(units: number): Unit[] {
  const counties = units <= 10 ? 2 : 20;
  const perCounty = units / counties;
  const root: Unit = { id: ROOT_UNIT_ID, name: '兴辽市', level: 1, path: ROOT_UNIT_ID, sortOrder: 0, active: true };
  const out: Unit[] = [root];
  for (let c = 0; c < counties; c++) {
    const county: Unit = { id: `c${c}`, name: `第${c}区`, level: 2, parentId: ROOT_UNIT_ID, path: childPath(root.path, `c${c}`), sortOrder: c, active: true };
    out.push(county);
    for (let t = 0; t < perCounty - 1; t++) {
      out.push({ id: `c${c}-t${t}`, name: `第${c}区第${t}街道`, level: 3, parentId: county.id, path: childPath(county.path, `c${c}-t${t}`), sortOrder: t, active: true });
    }
  }
  return out;
}

interface Read {
  queries: number;
  count: number;
  scanned: number;
  capacity: number;
  referenceCapacity: number;
}

/** Every Query the document clients send while `run` runs, asked to report its consumed capacity. */
async function measure<T>(run: () => Promise<T>): Promise<{ result: T; read: Read }> {
  const read: Read = { queries: 0, count: 0, scanned: 0, capacity: 0, referenceCapacity: 0 };
  const original = DynamoDBDocumentClient.prototype.send;
  DynamoDBDocumentClient.prototype.send = async function (this: DynamoDBDocumentClient, command: any, ...rest: any[]) {
    if (command.constructor.name === 'QueryCommand') command.input.ReturnConsumedCapacity = 'TOTAL';
    const out: any = await (original as any).call(this, command, ...rest);
    if (command.constructor.name === 'QueryCommand') {
      const capacity = out.ConsumedCapacity?.CapacityUnits ?? 0;
      if (command.input.IndexName) {
        read.queries++;
        read.count += out.Count ?? 0;
        read.scanned += out.ScannedCount ?? 0;
        read.capacity += capacity;
      } else read.referenceCapacity += capacity;
    }
    return out;
  } as any;
  try {
    return { result: await run(), read };
  } finally {
    DynamoDBDocumentClient.prototype.send = original;
  }
}

async function main() {
  const dynamo = await startDynamoLocal();
  const rows: { units: number; viewer: string; read: Read; items: number; ms: number }[] = [];
  try {
    for (const size of SIZES) {
      const tableName = `queue-scope-${size}`;
      await ensureTable(dynamo.endpoint, tableName);
      const deps = createDeps({ TABLE_NAME: tableName, AWS_REGION: 'local', DYNAMODB_ENDPOINT: dynamo.endpoint, APP_SECRET: 'benchmark-secret-0123456789abcdefghij' });
      const units = tree(size);
      const below = units.filter((u) => u.id !== ROOT_UNIT_ID);
      await Promise.all(Array.from({ length: 8 }, async (_, w) => {
        for (let i = w; i < units.length; i += 8) await deps.reference.putUnit(units[i]!);
      }));
      for (const d of DEMO_DEPARTMENTS) await deps.reference.putDepartment(d);
      for (const c of DEMO_CATEGORIES) await deps.reference.putCategory(c);
      // Every case overdue (filed a month ago), spread over every unit below the city, as placeCase leaves a dispatched one.
      const table = createTable(createDocumentClient({ region: 'local', endpoint: dynamo.endpoint }), tableName);
      await seedOpenCases(table, CASES, (i): CaseRecord => {
        const unit = below[i % below.length]!;
        return { ...openCase(i, new Date(NOW.getTime() - 30 * DAY)), unitId: unit.id, unitPath: unit.path };
      });
      deps.now = () => NOW;
      const viewers: [string, OfficialContext][] = [
        ['city supervisor', { username: 'duban', displayName: '市督办', role: 'supervisor' }],
        ['county supervisor', { username: 'c0-duban', displayName: '区督办', role: 'supervisor', unitId: 'c0' }],
        ['township supervisor', { username: 't0-duban', displayName: '街道督办', role: 'supervisor', unitId: 'c0-t0' }],
      ];
      for (const [label, viewer] of viewers) {
        await listQueue(deps, viewer, { queue: 'overdue', limit: 20 }); // warm-up
        const { result, read } = await measure(() => listQueue(deps, viewer, { queue: 'overdue', limit: 20 }));
        const times: number[] = [];
        for (let p = 0; p < PAGES; p++) {
          const t0 = performance.now();
          await listQueue(deps, viewer, { queue: 'overdue', limit: 20 });
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        rows.push({ units: size, viewer: label, read, items: result.items.length, ms: times[Math.floor(times.length / 2)]! });
      }
    }
  } finally {
    await dynamo.stop();
  }
  console.log(`\nOverdue page (limit 20), ${CASES} overdue cases over N units below the city, DynamoDB Local in-memory (Node ${process.version})\n`);
  console.log('units  viewer               rows  index Queries  items read (Count/Scanned)  index RCU  reference RCU  median time');
  for (const r of rows) {
    console.log(
      `${String(r.units).padStart(5)}  ${r.viewer.padEnd(19)}  ${String(r.items).padStart(4)}  ${String(r.read.queries).padStart(13)}  ${`${r.read.count}/${r.read.scanned}`.padStart(26)}  ${r.read.capacity.toFixed(1).padStart(9)}  ${r.read.referenceCapacity.toFixed(1).padStart(13)}  ${r.ms.toFixed(1).padStart(8)} ms`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
