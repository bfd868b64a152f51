/**
 * The open-data export (issue #18): a month of BENCH_CASES cases (10,000 by default) filed across a city of
 * 2 districts × 5 townships, answered, rated and left open in a mix, written as the case store writes them
 * (caseItem: index keys, queue summary, open-data facts). Then the month is exported as the city's supervisor
 * and as a district's: prints the gsi10 Queries, items read, read units, the time to read, to anonymise, to
 * write CSV and JSON, rows/s end to end, the file sizes (and gzipped), the rows kept and suppressed.
 *
 *   npm run bench:open-data        (BENCH_CASES=10000 BENCH_K=5 by default)
 */
import { gzipSync } from 'node:zlib';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { childPath, kAnonymise, ROOT_UNIT_ID, toCsv, type CaseRecord, type Unit } from '@minsheng/shared';
import { createDocumentClient } from '../../functions/src/adapters/dynamo/client';
import { createTable } from '../../functions/src/adapters/dynamo/table';
import { createDeps } from '../../functions/src/app/deps';
import { openDataExport } from '../../functions/src/services/opendata/export';
import type { OfficialContext } from '../../functions/src/services/auth/officials';
import { startDynamoLocal } from '../../infra/src/dynamo-local';
import { ensureTable } from '../../infra/src/table-definition';
import { DEMO_CATEGORIES, DEMO_DEPARTMENTS } from '../../infra/src/demo-data';
import { openCase, seedOpenCases } from './open-cases';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const K = Number(process.env.BENCH_K ?? 5);
const DAY = 86_400_000;
const MONTH_START = Date.parse('2026-11-01T00:00:00+08:00');
const NOW = new Date('2026-12-07T10:00:00+08:00');
const CATEGORIES = ['shebao', 'yibao', 'tuoqian-gongzi', 'zhufang-baozhang', 'huanjing-wuran', 'daolu-jiaotong'];
const CHANNELS = ['miniprogram', 'web', 'phone', 'visit'] as const;
const RESULTS = ['resolved', 'partly_resolved', 'unresolved', 'explained'] as const;
const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;

function tree(): Unit[] {
  const root: Unit = { id: ROOT_UNIT_ID, name: '兴辽市', level: 1, path: ROOT_UNIT_ID, sortOrder: 0, active: true };
  const out: Unit[] = [root];
  for (let c = 0; c < 2; c++) {
    const county: Unit = { id: `c${c}`, name: `第${c}区`, level: 2, parentId: ROOT_UNIT_ID, path: childPath(root.path, `c${c}`), sortOrder: c, active: true };
    out.push(county);
    for (let t = 0; t < 5; t++) out.push({ id: `c${c}-t${t}`, name: `第${c}区第${t}街道`, level: 3, parentId: county.id, path: childPath(county.path, `c${c}-t${t}`), sortOrder: t, active: true });
  }
  return out;
}

/** Case i: filed on a day of November, in a unit, answered (mostly), rated (often). Deterministic. */
function monthCase(i: number, units: Unit[]): CaseRecord {
  const h = (n: number) => ((i * 2654435761) >>> 0) % n;
  const filedAt = new Date(MONTH_START + (i % 30) * DAY + h(10) * 3_600_000);
  const unit = units[i % units.length]!;
  const base = { ...openCase(i, filedAt), type: 'complaint' as const, categoryId: CATEGORIES[h(CATEGORIES.length)]!, channel: CHANNELS[(i >> 3) % CHANNELS.length]!, unitId: unit.id, unitPath: unit.path };
  if (i % 7 === 0) return base;
  const answerAt = new Date(filedAt.getTime() + (1 + (i % 17)) * DAY).toISOString();
  const answered: CaseRecord = {
    ...base,
    status: 'replied',
    answer: { text: '已处理。', at: answerAt, departmentId: 'rsj', officialId: 'rsj', result: RESULTS[(i >> 2) % RESULTS.length]! },
    firstAnswer: { at: answerAt, onTime: i % 17 < 15, departmentId: 'rsj' },
  };
  if (i % 3 === 0) return answered;
  const rating = RATINGS[(i >> 1) % RATINGS.length]!;
  const ratedAt = new Date(Date.parse(answerAt) + DAY).toISOString();
  return { ...answered, status: 'closed', closedAt: ratedAt, closeReason: 'rated', ratings: [{ rating, at: ratedAt, round: 1, ...(i % 5 === 0 ? { source: 'revisit' as const, by: 'shouli' } : {}) }] };
}

async function main() {
  const dynamo = await startDynamoLocal();
  try {
    const tableName = 'open-data-bench';
    await ensureTable(dynamo.endpoint, tableName);
    const deps = createDeps({ TABLE_NAME: tableName, AWS_REGION: 'local', DYNAMODB_ENDPOINT: dynamo.endpoint, APP_SECRET: 'benchmark-secret-0123456789abcdefghij' });
    const units = tree();
    for (const u of units) await deps.reference.putUnit(u);
    for (const d of DEMO_DEPARTMENTS) await deps.reference.putDepartment(d);
    for (const c of DEMO_CATEGORIES) await deps.reference.putCategory(c);
    const table = createTable(createDocumentClient({ region: 'local', endpoint: dynamo.endpoint }), tableName);
    const seeded = performance.now();
    await seedOpenCases(table, CASES, (i) => monthCase(i, units));
    console.log(`seeded ${CASES} cases in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    deps.now = () => NOW;

    const viewers: [string, OfficialContext][] = [
      ['city supervisor', { username: 'duban', displayName: '市督办', role: 'supervisor' }],
      ['district supervisor', { username: 'c0-duban', displayName: '区督办', role: 'supervisor', unitId: 'c0' }],
    ];
    console.log(`\nOpen-data export of 2026-11, ${CASES} cases, k=${K}, DynamoDB Local in-memory (Node ${process.version})\n`);
    console.log('viewer               Queries  items read  read units  read ms  anonymise ms  csv ms  json ms  rows    suppressed  rows/s   CSV KB  gzip KB  JSON KB');
    for (const [label, viewer] of viewers) {
      await openDataExport(deps, viewer, { month: '2026-11', k: K }); // warm-up
      let queries = 0;
      let capacity = 0;
      const original = DynamoDBDocumentClient.prototype.send;
      DynamoDBDocumentClient.prototype.send = async function (this: DynamoDBDocumentClient, command: any, ...rest: any[]) {
        const gsi10 = command.constructor.name === 'QueryCommand' && command.input.IndexName === 'gsi10';
        if (gsi10) command.input.ReturnConsumedCapacity = 'TOTAL';
        const out: any = await (original as any).call(this, command, ...rest);
        if (gsi10) (queries++, (capacity += out.ConsumedCapacity?.CapacityUnits ?? 0));
        return out;
      } as any;
      const t0 = performance.now();
      let doc;
      try {
        doc = await openDataExport(deps, viewer, { month: '2026-11', k: K });
      } finally {
        DynamoDBDocumentClient.prototype.send = original;
      }
      const t1 = performance.now();
      // The anonymising alone, again on what was read (the export did it once above, inside its time).
      const names = { unit: (id: string) => id, category: (id: string) => id };
      const facts = await (async () => {
        const out = [];
        for (const area of viewer.unitId ? [viewer.unitId] : ['root', 'c0', 'c1']) {
          let cursor: string | undefined;
          do {
            const page = await deps.queues.listFiledInMonth('2026-11', area, { limit: 1000, ...(cursor ? { cursor } : {}) });
            out.push(...page.items);
            cursor = page.cursor;
          } while (cursor);
        }
        return out;
      })();
      const a0 = performance.now();
      kAnonymise(facts, K, names, viewer.unitId ? `root/${viewer.unitId}` : 'root');
      const a1 = performance.now();
      const csv = toCsv(doc.rows);
      const c1 = performance.now();
      const json = JSON.stringify(doc);
      const j1 = performance.now();
      const total = t1 - t0 + (c1 - a1);
      console.log(
        `${label.padEnd(19)}  ${String(queries).padStart(7)}  ${String(doc.read).padStart(10)}  ${capacity.toFixed(1).padStart(10)}  ${(t1 - t0 - (a1 - a0)).toFixed(0).padStart(7)}  ${(a1 - a0).toFixed(0).padStart(12)}  ${(c1 - a1).toFixed(0).padStart(6)}  ${(j1 - c1).toFixed(0).padStart(7)}  ${String(doc.rows.length).padStart(6)}  ${String(doc.suppressed).padStart(10)}  ${Math.round(doc.read / (total / 1000)).toString().padStart(7)}  ${(Buffer.byteLength(csv) / 1024).toFixed(0).padStart(6)}  ${(gzipSync(csv).length / 1024).toFixed(0).padStart(7)}  ${(Buffer.byteLength(json) / 1024).toFixed(0).padStart(7)}`,
      );
    }
  } finally {
    await dynamo.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
