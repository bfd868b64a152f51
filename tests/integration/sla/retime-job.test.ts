/**
 * Re-timing the open cases after a calendar change, off the request (issue #19). The admin's change
 * answers at once with a queued job and reads no open case (checked on the wire); the job — the
 * `retimeOpenCases` stream function, driven here by a synthetic INSERT record of the job item —
 * counts the open cases, re-times exactly the working-day ones on the corrected calendar page by
 * page, writes its progress as it goes, and ends `done` with done = total. A redelivered record
 * runs nothing twice; a run cut short continues from its cursor; a newer change supersedes a
 * running job. Admins and supervisors read the progress with the calendar.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../../functions/src/adapters/dynamo/client';
import { createDynamoCaseQueues } from '../../../functions/src/adapters/dynamo/case-queues';
import { createDynamoCaseStore } from '../../../functions/src/adapters/dynamo/case-store';
import { createDynamoSlaSettingsStore } from '../../../functions/src/adapters/dynamo/sla-settings-store';
import { createTable } from '../../../functions/src/adapters/dynamo/table';
import { handler as putOverride } from '../../../functions/src/http/admin/calendar-override-put';
import { createRetimeHandler } from '../../../functions/src/jobs/retime-open-cases';
import type { RetimeJob, RetimeJobUpdate } from '../../../functions/src/ports/sla-settings';
import type { Deps } from '../../../functions/src/services/deps';
import { runRetimeJob } from '../../../functions/src/services/sla/retime-job';
import { createTestStack, type TestStack } from '../../support/stack';
import { streamFunctionsFromServerless } from '../../../infra/src/streams-local';
import { complaint, consultation, fileCase, show } from '../helpers';
import { Officials, retimeInsertEvent } from './sla-kit';

let stack: TestStack;
let officials: Officials;
const MONDAY = new Date('2026-12-28T10:00:00+08:00');
/** Complaints counted in 15 working days, filed on MONDAY: plain weekdays → due 2027-01-18. */
let working: string[] = [];
/** Consultations on natural days: the calendar does not touch them. */
let natural: string[] = [];

/** Every DynamoDB command a set of stores sends, with the index it reads. */
interface Sent {
  command: string;
  index?: string;
}
function recordingDeps(sent: Sent[]): Deps {
  const client = createDocumentClient({ region: 'local', endpoint: inject('dynamoEndpoint') });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { IndexName?: string };
      sent.push({ command: String(context.commandName), ...(input.IndexName ? { index: input.IndexName } : {}) });
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  const table = createTable(client, stack.tableName);
  return { ...stack.deps, cases: createDynamoCaseStore(table), queues: createDynamoCaseQueues(table), slaSettings: createDynamoSlaSettingsStore(table) };
}
const openByDueQueries = (sent: Sent[]) => sent.filter((s) => s.command === 'QueryCommand' && s.index === 'gsi2');

/** One of the calendar routes, invoked as API Gateway would, on the given dependencies. */
async function callRoute(deps: Deps, route: typeof putOverride, method: string, path: string, token: string, body?: unknown, pathParameters?: Record<string, string>) {
  const event = {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'user-agent': 'vitest' },
    ...(pathParameters ? { pathParameters } : {}),
    requestContext: { http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' }, requestId: randomUUID(), routeKey: `${method} ${path}`, stage: '$default', timeEpoch: Date.now() },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
  const result = await route.withDeps(deps)(event, { awsRequestId: randomUUID(), getRemainingTimeInMillis: () => 10_000 } as unknown as Context);
  return { status: result.statusCode as number, body: result.body ? JSON.parse(result.body) : undefined };
}

const dueOf = async (caseNo: string) => (await stack.deps.cases.getCase(caseNo))!.schedule?.dueAt;
const reschedules = async (caseNo: string) => (await stack.deps.cases.listEvents(caseNo)).filter((e) => e.kind === 'sla_rescheduled').length;
const calendar = async (who: 'admin' | 'duban') => {
  const res = await stack.request('GET', '/api/console/admin/calendar', { token: await officials.token(who) });
  expect(res.status, show(res)).toBe(200);
  return res.body;
};
const setDay = async (date: string, work: boolean, note: string) => {
  const res = await stack.request('POST', '/api/console/admin/calendar', { token: await officials.token('admin'), body: { date, work, note } });
  expect(res.status, show(res)).toBe(200);
  return res.body.retime as RetimeJob;
};
/** The job store, recording every progress write the job makes. */
function watchingProgress(writes: RetimeJobUpdate[]): Deps {
  const store = stack.deps.slaSettings;
  return {
    ...stack.deps,
    slaSettings: {
      ...store,
      updateRetimeJob: async (id, update, whileStatus) => {
        const ok = await store.updateRetimeJob(id, update, whileStatus);
        if (ok) writes.push(update);
        return ok;
      },
    },
  };
}

beforeAll(async () => {
  // These tests hand the job's stream records to it themselves (twice, failing, superseded): the stack's
  // streams runner runs every other stream function, not this one (admin-settings.test.ts and
  // calendar-horizon.test.ts run it from DynamoDB Local's stream).
  stack = await createTestStack({ streams: { functions: streamFunctionsFromServerless().filter((f) => f.name !== 'retimeOpenCases') } });
  officials = await Officials.seed(stack);
  officials.at(new Date('2026-12-01T10:00:00+08:00'));
  const res = await stack.request('POST', '/api/console/admin/sla-policies', {
    token: await officials.token('admin'),
    body: { type: 'complaint', answerDays: 15, warnDays: 12, severeDays: 30, dayMode: 'working' },
  });
  expect(res.status, show(res)).toBe(200);
  officials.at(MONDAY);
  working = [];
  for (let i = 0; i < 6; i++) working.push((await fileCase(stack, complaint({ title: `跨年的投诉（${i + 1}）` }))).caseNo);
  natural = [];
  for (let i = 0; i < 2; i++) natural.push((await fileCase(stack, consultation({ title: `按自然日计时的咨询（${i + 1}）` }))).caseNo);
  expect(await Promise.all(working.map(dueOf))).toEqual(working.map(() => '2027-01-18T15:59:59.000Z'));
});

describe('a calendar change queues the re-timing and answers at once', () => {
  let job: RetimeJob;
  const sent: Sent[] = [];

  beforeAll(async () => {
    officials.at(new Date('2026-12-28T15:00:00+08:00'));
    const res = await callRoute(recordingDeps(sent), putOverride, 'POST', '/api/console/admin/calendar', await officials.token('admin'), { date: '2027-01-04', work: false, note: '地方假日' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    job = res.body.retime;
  });

  it('the answer is the override and a queued job: nothing counted, nothing re-timed yet', async () => {
    expect(job).toMatchObject({ status: 'queued', total: 0, done: 0, rescheduled: 0, by: 'admin', byName: '系统管理员', summary: '将 2027-01-04 设为休息（地方假日）' });
    expect(await Promise.all(working.map(dueOf))).toEqual(working.map(() => '2027-01-18T15:59:59.000Z'));
    expect(await Promise.all(working.map(reschedules))).toEqual(working.map(() => 0));
  });

  it('the request reads no open case: no Query on the open-cases index (the wire)', () => {
    expect(sent.length).toBeGreaterThan(0);
    expect(openByDueQueries(sent)).toEqual([]);
    // One transaction: the override, its change-log entry and the job.
    expect(sent.filter((s) => /TransactWrite/.test(s.command))).toHaveLength(1);
  });

  it('admins and supervisors see the queued job with the calendar and on the jobs route the page polls', async () => {
    for (const who of ['admin', 'duban'] as const) {
      expect((await calendar(who)).retimeJobs[0]).toMatchObject({ id: job.id, status: 'queued', summary: '将 2027-01-04 设为休息（地方假日）' });
      const polled = await stack.request('GET', '/api/console/admin/calendar/retime-jobs', { token: await officials.token(who) });
      expect(polled.status, show(polled)).toBe(200);
      expect(polled.body.items[0]).toEqual(expect.objectContaining({ id: job.id, status: 'queued', total: 0, done: 0 }));
    }
  });

  it('the job re-times exactly the working-day cases on the corrected calendar, writing progress page by page, done = total', async () => {
    const writes: RetimeJobUpdate[] = [];
    const seen: number[] = [];
    const deps = watchingProgress(writes);
    const ran = await runRetimeJob(deps, job.id, {
      pageSize: 3,
      onProgress: async () => {
        // Between pages the route the admin's page polls shows the job running, with its progress.
        const shown = (await stack.request('GET', '/api/console/admin/calendar/retime-jobs', { token: await officials.token('admin') })).body.items[0];
        seen.push(shown.done);
        if (shown.status === 'running') expect(shown.total).toBe(8);
      },
    });
    expect(ran).toMatchObject({ status: 'done', total: 8, done: 8, rescheduled: 6 });
    // Counted first, then progress after each page of 3: 3, 6, … A re-timed case moves down the
    // index (it is sorted by due date) and is read again as a no-op, never counted twice: done
    // grows, never past the total, and the job ends at 8 of 8.
    expect(writes[0]).toMatchObject({ status: 'running', total: 8 });
    const progress = writes.filter((w) => w.cursor && w.done !== undefined).map((w) => w.done!);
    expect(progress.slice(0, 2)).toEqual([3, 6]);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(Math.max(...progress)).toBeLessThanOrEqual(8);
    expect(seen.slice(0, 2)).toEqual([3, 6]);
    expect(seen[seen.length - 1]).toBe(8);
    // 2027-01-04 off: the 15th working day is 01-19; the natural-day consultations are untouched.
    expect(await Promise.all(working.map(dueOf))).toEqual(working.map(() => '2027-01-19T15:59:59.000Z'));
    expect(await Promise.all(working.map(reschedules))).toEqual(working.map(() => 1));
    expect(await Promise.all(natural.map(reschedules))).toEqual(natural.map(() => 0));
    const shown = (await calendar('duban')).retimeJobs[0];
    expect(shown).toMatchObject({ id: job.id, status: 'done', total: 8, done: 8, rescheduled: 6, startedAt: expect.any(String), finishedAt: expect.any(String) });
    expect(shown.cursor).toBeUndefined();
  });

  it('the same stream record delivered again runs nothing twice', async () => {
    const before = await stack.deps.slaSettings.getRetimeJob(job.id);
    const sent2: Sent[] = [];
    const handler = createRetimeHandler(() => stack.deps).withDeps(recordingDeps(sent2));
    expect(await handler(retimeInsertEvent(job, '100'))).toEqual({ batchItemFailures: [] });
    expect(await stack.deps.slaSettings.getRetimeJob(job.id)).toEqual(before);
    expect(openByDueQueries(sent2)).toEqual([]);
    expect(await Promise.all(working.map(reschedules))).toEqual(working.map(() => 1));
  });
});

describe('a run cut short, and a newer change', () => {
  it('a run that fails half-way is reported to Lambda; the redelivered record continues from the cursor and re-times each case once', async () => {
    officials.at(new Date('2026-12-28T16:00:00+08:00'));
    const job = await setDay('2027-01-05', false, '地方假日二');
    let pages = 0;
    const failing: Deps = {
      ...stack.deps,
      queues: {
        ...stack.deps.queues,
        listCases: async (query, page) => {
          if (++pages > 1) throw new Error('network gone');
          return stack.deps.queues.listCases(query, { ...page, limit: 3 });
        },
      },
    };
    const record = retimeInsertEvent(job, '200');
    expect(await createRetimeHandler(() => failing).withDeps(failing)(record)).toEqual({ batchItemFailures: [{ itemIdentifier: '200' }] });
    const cut = (await stack.deps.slaSettings.getRetimeJob(job.id))!;
    expect(cut).toMatchObject({ status: 'running', total: 8, done: 3, attempts: 1, cursor: expect.any(String) });

    expect(await createRetimeHandler(() => stack.deps).withDeps(stack.deps)(record)).toEqual({ batchItemFailures: [] });
    expect(await stack.deps.slaSettings.getRetimeJob(job.id)).toMatchObject({ status: 'done', total: 8, done: 8, rescheduled: 6, attempts: 2 });
    expect(await Promise.all(working.map(dueOf))).toEqual(working.map(() => '2027-01-20T15:59:59.000Z'));
    expect(await Promise.all(working.map(reschedules))).toEqual(working.map(() => 2));
  });

  it('a newer change supersedes a running job at its next page; the newer one re-times everything on the newest calendar', async () => {
    officials.at(new Date('2026-12-28T17:00:00+08:00'));
    const older = await setDay('2027-01-06', false, '地方假日三');
    let newer: RetimeJob | undefined;
    const ran = await runRetimeJob(stack.deps, older.id, {
      pageSize: 2,
      onProgress: async () => {
        // After the first page, another admin action: 01-06 is a working day after all.
        if (!newer) {
          const res = await stack.request('DELETE', '/api/console/admin/calendar/2027-01-06', { token: await officials.token('admin') });
          expect(res.status, show(res)).toBe(200);
          newer = res.body.retime;
        }
      },
    });
    expect(ran).toMatchObject({ id: older.id, status: 'superseded', done: 4 });
    // The older job's record delivered again after the newer change: still nothing more.
    expect(await runRetimeJob(stack.deps, older.id)).toMatchObject({ status: 'superseded', done: 4 });

    expect(await runRetimeJob(stack.deps, newer!.id)).toMatchObject({ status: 'done', total: 8, done: 8 });
    // Newest calendar: 01-04 and 01-05 off, 01-06 a working day → due 01-20 again for every case.
    expect(await Promise.all(working.map(dueOf))).toEqual(working.map(() => '2027-01-20T15:59:59.000Z'));
    const jobs = (await calendar('admin')).retimeJobs;
    expect(jobs.slice(0, 2).map((j: RetimeJob) => [j.summary, j.status])).toEqual([
      ['删除 2027-01-06 的调整', 'done'],
      ['将 2027-01-06 设为休息（地方假日三）', 'superseded'],
    ]);
  });
});

describe('who may change the calendar and read the progress', () => {
  it('only the administrator queues a job; supervisors read it; handlers and intake do not; nobody without a token', async () => {
    const count = (await stack.deps.slaSettings.listRetimeJobs(50)).length;
    for (const who of ['duban', 'rsj', 'shouli'] as const) {
      const token = await officials.token(who);
      expect((await stack.request('POST', '/api/console/admin/calendar', { token, body: { date: '2027-01-07', work: false } })).status, who).toBe(403);
      expect((await stack.request('DELETE', '/api/console/admin/calendar/2027-01-05', { token })).status, who).toBe(403);
      expect((await stack.request('POST', '/api/console/admin/calendar/years', { token, body: { year: 2031, source: 'notice', holidays: [{ name: '元旦', daysOff: ['2031-01-01'], workdays: [] }] } })).status, who).toBe(403);
    }
    expect((await stack.request('POST', '/api/console/admin/calendar', { body: { date: '2027-01-07', work: false } })).status).toBe(401);
    expect((await stack.deps.slaSettings.listRetimeJobs(50)).length).toBe(count);
    for (const path of ['/api/console/admin/calendar', '/api/console/admin/calendar/retime-jobs']) {
      for (const who of ['rsj', 'shouli'] as const) expect((await stack.request('GET', path, { token: await officials.token(who) })).status, `${who} ${path}`).toBe(403);
      expect((await stack.request('GET', path)).status, path).toBe(401);
    }
    expect((await stack.request('GET', '/api/console/admin/calendar/retime-jobs', { token: await officials.token('duban') })).body.items.length).toBeGreaterThan(0);
    expect((await calendar('duban')).retimeJobs.length).toBeGreaterThan(0);
  });
});
