/**
 * 已超期 and 即将超期 are windows of time no stored count can follow, so GET /api/console/queue-counts counts them
 * by reading the open-by-due index. The tab must still be exact when the window is large (until 7 December
 * 2026 it stopped at 500 and showed "500+"): 2,600 overdue cases — more than one Query page of summaries and
 * than DynamoDB's 1 MB page — are counted one by one, paused cases left out as the queue leaves them out.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../../functions/src/adapters/dynamo/client';
import { createTable } from '../../../functions/src/adapters/dynamo/table';
import { openCase, seedOpenCases } from '../../bench/open-cases';
import { createTestStack, type TestStack } from '../../support/stack';
import { show } from '../../support/console';
import { DAY, Session, T0, walkQueue } from './console-kit';

const OVERDUE = 2_600;
const PAUSED = 15;
const NOT_YET = 40;

let stack: TestStack;
let session: Session;

beforeAll(async () => {
  stack = await createTestStack({ streams: { functions: [] } });
  session = await Session.start(stack, T0);
  const table = createTable(createDocumentClient({ region: 'local', endpoint: inject('dynamoEndpoint') }), stack.tableName);
  await seedOpenCases(table, OVERDUE + PAUSED + NOT_YET, (i) => {
    // Consultations (7 working days): filed 30 days before T0 are overdue; 1 day before, not yet due.
    const c = openCase(i, new Date(T0.getTime() - (i < OVERDUE + PAUSED ? 30 : 1) * DAY));
    return i >= OVERDUE && i < OVERDUE + PAUSED ? { ...c, clock: { ...c.clock, pausedSince: new Date(T0.getTime() - DAY).toISOString() } } : c;
  });
}, 240_000);

describe('the window tabs are exact at any size', () => {
  it(`a supervisor's and the department's 已超期 count ${OVERDUE} — every overdue case, none paused, none not yet due`, async () => {
    for (const [username, query] of [['duban', ''], ['rsj', '']] as const) {
      const res = await stack.request('GET', `/api/console/queue-counts${query}`, { token: await session.token(username) });
      expect(res.status, show(res)).toBe(200);
      const overdue = (res.body.items as { queue: string; count: number; maintained: boolean }[]).find((i) => i.queue === 'overdue')!;
      expect(overdue, username).toEqual({ queue: 'overdue', count: OVERDUE, maintained: false });
    }
  });

  it('the count is what the 已超期 list holds, walked page by page', async () => {
    const walked = await walkQueue(stack, await session.token('duban'), 'queue=overdue', 100);
    expect(walked.length).toBe(OVERDUE);
  });
});
