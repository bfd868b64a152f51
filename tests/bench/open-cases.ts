/**
 * Open cases for the benchmarks that need many (bench:sweep, bench:retime): consultations in progress
 * at 人社局, written as the case store writes them (caseItem: index keys and queue summary), 25 per
 * BatchWrite with 8 writers.
 */
import { BatchPutRequest } from 'dynamodb-toolbox/entity/actions/batchPut';
import { BatchWriteCommand, execute } from 'dynamodb-toolbox/table/actions/batchWrite';
import { DEFAULT_SLA_POLICIES, startClock, withSlaSchedule, type CaseRecord, type SlaPolicy } from '@minsheng/shared';
import { caseItem } from '../../functions/src/adapters/dynamo/case-index-keys';
import { caseEntities } from '../../functions/src/adapters/dynamo/entities';
import type { MinshengTable } from '../../functions/src/adapters/dynamo/table';

/** Case number i, filed at `filedAt` under `policy` (a consultation's by default), in progress. */
export function openCase(i: number, filedAt: Date, policy: SlaPolicy = DEFAULT_SLA_POLICIES.consultation): CaseRecord {
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
    clock: startClock(policy, filedAt),
    slaReached: 'normal',
    supplements: [],
    round: 1,
    ratings: [],
  };
  return withSlaSchedule(record, filedAt);
}

/** Write `total` cases, `make(i)` each. */
export async function seedOpenCases(table: MinshengTable, total: number, make: (i: number) => CaseRecord): Promise<void> {
  const { CaseEntity } = caseEntities(table);
  const batches: CaseRecord[][] = [];
  for (let i = 0; i < total; i += 25) batches.push(Array.from({ length: Math.min(25, total - i) }, (_, k) => make(i + k)));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        const mine = batches[next++]!;
        await execute(table.build(BatchWriteCommand).requests(...mine.map((c) => CaseEntity.build(BatchPutRequest).item(caseItem(c)))));
      }
    }),
  );
}
