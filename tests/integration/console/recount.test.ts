/**
 * A table carried over from before the queue counts and the case search index were kept from the stream (the
 * deploy that added caseChanges, or a kept local table): `npm run recount` (infra/src/recount.ts →
 * infra/src/recount-table.ts → services/maintenance/recount.ts) reads every case and 协办 item once and writes what was missing. Afterwards
 * every tab equals its queue walked page by page and the words are found; running it again changes nothing;
 * and the stream's own records (replayed from the start, as a new event source mapping at TRIM_HORIZON does)
 * leave the counts exact — never doubled. (Case a, answered an hour ago, is not yet due for a 回访: its tab must say 0.)
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createDocumentClient } from '../../../functions/src/adapters/dynamo/client';
import { recountTable } from '../../../infra/src/recount-table';
import { startLocalStreams, streamFunctionsFromServerless } from '../../../infra/src/streams-local';
import { createTestStack, type TestStack } from '../../support/stack';
import { complaintBody, fileAs, show } from '../../support/console';
import { HOUR, Session, T0, desk, walkQueue } from './console-kit';

let stack: TestStack;
let session: Session;
let d: ReturnType<typeof desk>;
const no: Record<string, string> = {};

const VIEWERS: { username: string; departmentId?: string }[] = [{ username: 'shouli', departmentId: 'rsj' }, { username: 'duban', departmentId: 'zjj' }, { username: 'rsj' }, { username: 'zjj' }];

async function tabs(username: string, departmentId?: string) {
  const res = await stack.request('GET', `/api/console/queue-counts${departmentId ? `?departmentId=${departmentId}` : ''}`, { token: await session.token(username) });
  expect(res.status, show(res)).toBe(200);
  return res.body.items as { queue: string; count: number }[];
}

/** Every tab of every viewer against its queue walked page by page: the differences (none when exact). */
async function miscounted(): Promise<string[]> {
  const problems: string[] = [];
  for (const { username, departmentId } of VIEWERS) {
    const token = await session.token(username);
    const role = (await stack.request('GET', '/api/console/me', { token })).body.official.role;
    for (const tab of await tabs(username, departmentId)) {
      const needsDept = (tab.queue === 'department' || tab.queue === 'answered') && role !== 'handler';
      const walked = await walkQueue(stack, token, `queue=${tab.queue}${needsDept ? `&departmentId=${departmentId}` : ''}`, 20);
      if (walked.length !== tab.count) problems.push(`${username} ${tab.queue}: tab ${tab.count}, queue ${walked.length}`);
    }
  }
  return problems;
}

const recount = () => recountTable(stack.deps, createDocumentClient({ region: 'local', endpoint: inject('dynamoEndpoint') }), stack.tableName);

const wordSearch = async (q: string) => {
  const res = await stack.request('GET', `/api/console/search?q=${encodeURIComponent(q)}`, { token: await session.token('shouli') });
  expect(res.status, show(res)).toBe(200);
  return (res.body.items as { caseNo: string }[]).map((i) => i.caseNo).sort();
};

beforeAll(async () => {
  // The table as it was before: only the statistics followed the stream — no queue counter, no indexer.
  stack = await createTestStack();
  session = await Session.start(stack, T0);
  d = desk(stack, session);
  for (const k of ['a', 'b', 'c', 'd', 'e', 'waiting']) no[k] = (await fileAs(stack, complaintBody({ title: `旧表诉求 ${k} 暖气不热`, content: `小区暖气不热，室温只有十二度（${k}）。` }))).caseNo;
  session.advance(HOUR);
  for (const k of ['a', 'b', 'c']) await d.run('shouli', no[k]!, { action: 'accept', departmentId: 'rsj' });
  await d.run('shouli', no.d!, { action: 'accept', departmentId: 'zjj', assisting: [{ departmentId: 'rsj' }] });
  await d.run('shouli', no.e!, { action: 'reject', reason: '不属于受理范围' });
  session.advance(HOUR);
  await d.run('rsj', no.a!, { action: 'reply', result: 'resolved', answer: '已处理。' });
  await stack.settle();
}, 240_000);

describe('the one-off recount of a table from before', () => {
  it('before it, the tabs say 0 and the words find nothing — what a carried-over table looks like', async () => {
    expect((await tabs('shouli', 'rsj')).find((t) => t.queue === 'intake')!.count).toBe(0);
    expect(await miscounted()).not.toEqual([]);
    expect(await wordSearch('暖气不热')).toEqual([]);
  });

  it('after it, every tab equals its queue and the words find every case in scope', async () => {
    const total = await recount();
    // 6 cases and 1 协办 part; every one counted now, none already.
    expect(total).toEqual({ scanned: 7, counted: 7, alreadyCounted: 0, indexed: 6 });
    expect(await miscounted()).toEqual([]);
    expect((await tabs('shouli', 'rsj')).find((t) => t.queue === 'intake')!.count).toBe(1);
    expect(await wordSearch('暖气不热')).toEqual(Object.values(no).sort());
  }, 240_000);

  it('run again, it changes nothing', async () => {
    const before = await Promise.all(VIEWERS.map((v) => tabs(v.username, v.departmentId)));
    expect(await recount()).toEqual({ scanned: 7, counted: 0, alreadyCounted: 7, indexed: 6 });
    expect(await Promise.all(VIEWERS.map((v) => tabs(v.username, v.departmentId)))).toEqual(before);
  });

  it('then the stream, replayed from its start, and new work leave every tab exact — never counted twice', async () => {
    const routes = streamFunctionsFromServerless()
      .filter((f) => f.name === 'caseChanges')
      .map((f) => ({ ...f, routes: ['queueCounter', 'caseIndexer'] }));
    const replay = await startLocalStreams({ endpoint: inject('dynamoEndpoint'), tableName: stack.tableName, deps: stack.deps, functions: routes });
    try {
      await replay.settle();
      expect(await miscounted()).toEqual([]);
      session.advance(HOUR);
      await d.run('rsj', no.b!, { action: 'reply', result: 'partly_resolved', answer: '部分处理。' });
      await d.run('rsj', no.d!, { action: 'submit_part', text: '人社局协办意见：已核实。' });
      await d.run('shouli', no.waiting!, { action: 'accept', departmentId: 'zjj' });
      await replay.settle();
      await stack.settle();
      expect(await miscounted()).toEqual([]);
      expect((await tabs('shouli', 'rsj')).find((t) => t.queue === 'intake')!.count).toBe(0);
    } finally {
      await replay.stop();
    }
    // Walks every tab of four officials twice: a guard against a hang, not a speed target (CI's 2 cores are shared).
  }, 240_000);
});
