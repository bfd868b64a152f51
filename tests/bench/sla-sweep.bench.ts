/**
 * SLA sweep cost: the same 1,000 due cases among 10,000 and among 100,000 open cases. The sweep
 * reads only the timers' sparse index, so its time and items read should follow the 1,000 due —
 * not the open total. Prints time, items read, steps taken, and the 100k/10k ratio.
 *
 *   npm run bench:sweep        (BENCH_SIZES=10000,100000 BENCH_DUE=1000 by default)
 */
import { createDocumentClient } from '../../functions/src/adapters/dynamo/client';
import { createTable } from '../../functions/src/adapters/dynamo/table';
import { createDeps } from '../../functions/src/app/deps';
import { sweepSla } from '../../functions/src/services/sla/sweep';
import { startDynamoLocal } from '../../infra/src/dynamo-local';
import { ensureTable } from '../../infra/src/table-definition';
import { openCase, seedOpenCases } from './open-cases';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const DUE = Number(process.env.BENCH_DUE ?? 1000);
const DAY = 86_400_000;
const NOW = new Date('2026-11-20T10:00:00+08:00');

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
      // The first DUE cases were filed 6 days ago (their warning is due); the rest yesterday (nothing due).
      await seedOpenCases(table, Math.abs(size), (i) => openCase(i, new Date(NOW.getTime() - (i < DUE ? 6 : 1) * DAY)));
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
