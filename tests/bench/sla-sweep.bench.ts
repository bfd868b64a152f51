/**
 * SLA sweep cost: the same 1,000 due cases among 10,000 and among 100,000 open cases. The sweep
 * reads only the timers' sparse index, so its time and items read should follow the 1,000 due —
 * not the open total. Prints time, items read, steps taken, and the 100k/10k ratio.
 *
 *   npm run bench:sweep        (BENCH_SIZES=10000,100000 BENCH_DUE=1000 by default)
 */
import { BatchPutRequest } from 'dynamodb-toolbox/entity/actions/batchPut';
import { BatchWriteCommand, execute } from 'dynamodb-toolbox/table/actions/batchWrite';
import { DEFAULT_SLA_POLICIES, startClock, withSlaSchedule, type CaseRecord } from '@minsheng/shared';
import { createDocumentClient } from '../../functions/src/adapters/dynamo/client';
import { caseItem } from '../../functions/src/adapters/dynamo/case-index-keys';
import { caseEntities } from '../../functions/src/adapters/dynamo/entities';
import { createTable, type MinshengTable } from '../../functions/src/adapters/dynamo/table';
import { createDeps } from '../../functions/src/app/deps';
import { sweepSla } from '../../functions/src/services/sla/sweep';
import { startDynamoLocal } from '../../infra/src/dynamo-local';
import { ensureTable } from '../../infra/src/table-definition';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const DUE = Number(process.env.BENCH_DUE ?? 1000);
const DAY = 86_400_000;
const NOW = new Date('2026-11-20T10:00:00+08:00');

function makeCase(i: number, filedAt: Date): CaseRecord {
  const at = filedAt.toISOString();
  const record: CaseRecord = {
    caseNo: `2026${String(i).padStart(10, '0')}`,
    type: 'consultation',
    categoryId: 'shebao',
    title: `咨询 ${i}`,
    content: '社保缴费年限如何计算？',
    status: 'in_progress',
    version: 2,
    createdAt: at,
    updatedAt: at,
    anonymous: false,
    publishConsent: false,
    departmentId: 'rsj',
    ownerId: 'shouli',
    clock: startClock(DEFAULT_SLA_POLICIES.consultation, filedAt),
    slaReached: 'normal',
    supplements: [],
    round: 1,
    ratings: [],
  };
  return withSlaSchedule(record, filedAt);
}

async function seed(table: MinshengTable, total: number): Promise<void> {
  const { CaseEntity } = caseEntities(table);
  const batches: CaseRecord[][] = [];
  let batch: CaseRecord[] = [];
  for (let i = 0; i < total; i++) {
    // The first DUE cases were filed 6 days ago (their warning is due); the rest yesterday (nothing due).
    batch.push(makeCase(i, new Date(NOW.getTime() - (i < DUE ? 6 : 1) * DAY)));
    if (batch.length === 25) (batches.push(batch), (batch = []));
  }
  if (batch.length) batches.push(batch);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        const mine = batches[next++]!;
        await execute(
          table.build(BatchWriteCommand).requests(...mine.map((c) => CaseEntity.build(BatchPutRequest).item(caseItem(c)))),
        );
      }
    }),
  );
}

async function main() {
  const dynamo = await startDynamoLocal();
  try {
    const rows: { open: number; ms: number; itemsRead: number; steps: number; seedMs: number }[] = [];
    // Warm up (JIT, connections) on a small table first, so the first measured size pays nothing extra.
    for (const size of [-Math.min(DUE, 200), ...SIZES]) {
      const warmup = size < 0;
      const tableName = warmup ? 'sweep-warmup' : `sweep-${size}`;
      await ensureTable(dynamo.endpoint, tableName);
      const table = createTable(createDocumentClient({ region: 'local', endpoint: dynamo.endpoint }), tableName);
      const t0 = performance.now();
      await seed(table, Math.abs(size));
      const seedMs = performance.now() - t0;
      const deps = createDeps({ TABLE_NAME: tableName, AWS_REGION: 'local', DYNAMODB_ENDPOINT: dynamo.endpoint, APP_SECRET: 'benchmark-secret-0123456789abcdefghij' });
      const t1 = performance.now();
      const result = await sweepSla(deps, NOW);
      const ms = performance.now() - t1;
      if (!warmup) rows.push({ open: size, ms, itemsRead: result.itemsRead, steps: result.steps.warning + result.steps.overdue + result.steps.severe, seedMs });
    }
    console.log(`\nSLA sweep, ${DUE} due among N open cases, DynamoDB Local in-memory (Node ${process.version})\n`);
    console.log('open cases   sweep time   items read   steps taken   (seeding took)');
    for (const r of rows) {
      console.log(`${String(r.open).padStart(10)}   ${(r.ms / 1000).toFixed(2).padStart(8)} s   ${String(r.itemsRead).padStart(10)}   ${String(r.steps).padStart(11)}   (${(r.seedMs / 1000).toFixed(0)} s)`);
    }
    if (rows.length >= 2) {
      const [a, b] = [rows[0]!, rows[rows.length - 1]!];
      console.log(`\nratio ${b.open}/${a.open}: time ${(b.ms / a.ms).toFixed(2)}×, items read ${(b.itemsRead / a.itemsRead).toFixed(2)}× (target: time within ±30%, items read = due)`);
    }
  } finally {
    await dynamo.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
