/**
 * Officials' case search (issue #16): by number (one GetItem), by phone (the keyed-hash index gsi8:
 * the number is in no key), by words of the title and content within a filing-date range (postings
 * written from the stream, partitioned by county and month) — each scoped: intake and supervisors
 * find their unit's subtree's cases, handlers their department's; out of scope is not found.
 */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createDocumentClient } from '../../../functions/src/adapters/dynamo/client';
import { createTestStack, type TestStack } from '../../support/stack';
import { act, complaintBody, fileAs, reportBody, show } from '../../support/console';
import { DAY, Session, T0, expectApiError } from './console-kit';

let stack: TestStack;
let session: Session;
let raw: DynamoDBDocumentClient;

const PHONE = '13911112222';
const OTHER_PHONE = '13633334444';
/** Case numbers by what they are. */
const c: Record<string, string> = {};

const search = async (username: string, query: string) => {
  const res = await stack.request('GET', `/api/console/search?${query}`, { token: await session.token(username) });
  return res;
};
const found = async (username: string, query: string) => {
  const res = await search(username, query);
  expect(res.status, show(res)).toBe(200);
  return (res.body.items as { caseNo: string }[]).map((i) => i.caseNo);
};

beforeAll(async () => {
  stack = await createTestStack({ with: ['caseIndexer'] });
  raw = createDocumentClient({ region: 'local', endpoint: inject('dynamoEndpoint') });
  session = await Session.start(stack, new Date(T0.getTime() - 40 * DAY));
  // 40 days before T0: an old case in 青山县 with the same words.
  c.oldQingshan = (await fileAs(stack, complaintBody({ title: '城南路灯不亮很久了', content: '城南大道 18 号门口的路灯坏了一个月，晚上很黑。', location: { text: '城南大道', unitId: 'qingshan' }, contact: { name: '张三', phone: PHONE } }))).caseNo;
  session.setNow(T0);
  c.qingshan = (await fileAs(stack, complaintBody({ title: '路灯不亮', content: '城南大道 20 号的路灯晚上不亮，已经一周。', location: { text: '城南大道', unitId: 'qingshan' }, contact: { name: '张三', phone: PHONE } }))).caseNo;
  session.advance(60_000);
  c.chengnan = (await fileAs(stack, complaintBody({ title: '幸福社区路灯损坏', content: '幸福社区 3 组路灯不亮。', location: { text: '幸福社区', unitId: 'qs-chengnan' }, contact: { name: '李四', phone: OTHER_PHONE } }))).caseNo;
  session.advance(60_000);
  c.hexi = (await fileAs(stack, complaintBody({ title: '光明小区路灯不亮', content: '光明小区 6 号楼前的路灯不亮。', location: { text: '光明小区', unitId: 'hexi' }, contact: { name: '张三', phone: PHONE } }))).caseNo;
  session.advance(60_000);
  // At the root (no place): 路灯 only in the content.
  c.root = (await fileAs(stack, complaintBody({ title: '夜里太黑', content: '市民广场的路灯都不亮。', contact: { name: '王五', phone: '13755556666' } }))).caseNo;
  session.advance(60_000);
  c.report = (await fileAs(stack, reportBody({ title: '举报路灯工程偷工减料', content: '青山县城南大道路灯工程偷工减料。', location: { text: '城南大道', unitId: 'qingshan' }, contact: { name: '赵六', phone: PHONE } }))).caseNo;
  session.advance(60_000);
  // Dispatched: the county's one to its 人社局, the report to it too (a handler must never find a report by its reporter's phone).
  const qs = await session.token('qs-shouli');
  for (const no of [c.qingshan, c.report]) {
    const res = await act(stack, qs, no!, { action: 'accept', expectedVersion: 1, departmentId: 'qs-rsj' });
    expect(res.status, show(res)).toBe(200);
  }
  await stack.settle();
});
afterEach(() => vi.restoreAllMocks());

describe('by case number (exact)', () => {
  it('finds a case in scope, and nothing — never an error that says it exists — out of scope', async () => {
    expect(await found('qs-shouli', `caseNo=${c.qingshan}`)).toEqual([c.qingshan]);
    expect(await found('shouli', `caseNo=${c.qingshan}`)).toEqual([c.qingshan]);
    expect(await found('cn-shouli', `caseNo=${c.chengnan}`)).toEqual([c.chengnan]);
    expect(await found('hexi-shouli', `caseNo=${c.qingshan}`)).toEqual([]);
    expect(await found('cn-shouli', `caseNo=${c.qingshan}`)).toEqual([]);
    expect(await found('qs-rsj', `caseNo=${c.qingshan}`)).toEqual([c.qingshan]);
    expect(await found('rsj', `caseNo=${c.qingshan}`)).toEqual([]);
    expect(await found('shouli', 'caseNo=20300101000000')).toEqual([]);
  });

  it('the row is the queue row, masked the same way', async () => {
    const res = await search('qs-shouli', `caseNo=${c.qingshan}`);
    const queue = await stack.request('GET', '/api/console/cases?queue=department&departmentId=qs-rsj&limit=50', { token: await session.token('qs-shouli') });
    expect(res.body.by).toBe('caseNo');
    expect(res.body.items[0]).toEqual((queue.body.items as { caseNo: string }[]).find((i) => i.caseNo === c.qingshan));
  });

  it('refuses a malformed number, none or two of the three fields, and an admin', async () => {
    expectApiError(await search('shouli', 'caseNo=123'), 400, 'VALIDATION_FAILED');
    expectApiError(await search('shouli', ''), 400, 'VALIDATION_FAILED');
    expectApiError(await search('shouli', `caseNo=${c.qingshan}&q=路灯`), 400, 'VALIDATION_FAILED');
    expectApiError(await search('admin', `caseNo=${c.qingshan}`), 403, 'FORBIDDEN');
  });
});

describe('by phone (exact, through the keyed-hash index)', () => {
  it('one Query of gsi8 finds the cases a phone gave, newest first, in scope; however the number is written', async () => {
    const original = (raw.constructor as typeof DynamoDBDocumentClient).prototype.send;
    const sent: any[] = [];
    vi.spyOn((raw.constructor as typeof DynamoDBDocumentClient).prototype, 'send').mockImplementation(function (this: any, command: any, ...rest: any[]) {
      sent.push(command);
      return (original as any).call(this, command, ...rest);
    });
    expect(await found('shouli', `phone=${PHONE}`)).toEqual([c.report, c.hexi, c.qingshan, c.oldQingshan]);
    const queries = sent.filter((s) => s.constructor.name === 'QueryCommand' && s.input.IndexName === 'gsi8');
    expect(queries).toHaveLength(1);
    expect(JSON.stringify(queries[0].input)).not.toContain(PHONE);
    expect(sent.some((s) => s.constructor.name === 'ScanCommand')).toBe(false);
    vi.restoreAllMocks();
    expect(await found('shouli', `phone=${encodeURIComponent(`+86 139-1111-2222`)}`)).toEqual([c.report, c.hexi, c.qingshan, c.oldQingshan]);
    expect(await found('qs-shouli', `phone=${PHONE}`)).toEqual([c.report, c.qingshan, c.oldQingshan]);
    expect(await found('hexi-shouli', `phone=${PHONE}`)).toEqual([c.hexi]);
    expect(await found('cn-shouli', `phone=${PHONE}`)).toEqual([]);
    expect(await found('cn-shouli', `phone=${OTHER_PHONE}`)).toEqual([c.chengnan]);
    expect(await found('shouli', 'phone=13000000000')).toEqual([]);
  });

  it('a date range narrows it (Shanghai filing dates)', async () => {
    expect(await found('qs-shouli', `phone=${PHONE}&from=2030-04-01&to=2030-04-01`)).toEqual([c.report, c.qingshan]);
    expect(await found('qs-shouli', `phone=${PHONE}&to=2030-03-31`)).toEqual([c.oldQingshan]);
  });

  it("a handler finds their department's cases by phone — but never a report by its reporter's phone", async () => {
    expect(await found('qs-rsj', `phone=${PHONE}`)).toEqual([c.qingshan]);
    expect(await found('rsj', `phone=${PHONE}`)).toEqual([]);
    // Intake still finds the report (they see reporters).
    expect(await found('qs-shouli', `phone=${PHONE}`)).toContain(c.report);
  });

  it('pages with a cursor, limit ≤ 50', async () => {
    const first = await search('shouli', `phone=${PHONE}&limit=2`);
    expect(first.body.items.map((i: any) => i.caseNo)).toEqual([c.report, c.hexi]);
    const second = await search('shouli', `phone=${PHONE}&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items.map((i: any) => i.caseNo)).toEqual([c.qingshan, c.oldQingshan]);
    expectApiError(await search('shouli', `phone=${PHONE}&limit=51`), 400, 'VALIDATION_FAILED');
    expectApiError(await search('shouli', `phone=${PHONE}&cursor=bm9wZQ`), 400, 'VALIDATION_FAILED');
  });

  it('no key attribute of a filed case, nor any search posting, holds the phone in the clear', async () => {
    for (const no of Object.values(c)) {
      const { Item } = await raw.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `CASE#${no}`, sk: 'CASE' } }));
      const keys = Object.entries(Item!).filter(([name]) => /^(pk|sk|gsi\d+(pk|sk))$/.test(name));
      expect(keys.map(([n]) => n)).toContain('pk');
      for (const [name, value] of keys) {
        for (const digits of [PHONE, OTHER_PHONE, '13755556666', PHONE.slice(3)]) expect(String(value), `${no} ${name}`).not.toContain(digits);
      }
      if (Item!.contact) expect(String(Item!.gsi8pk)).toMatch(/^PH#[A-Za-z0-9_-]{43}$/);
    }
    const { Items = [] } = await raw.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'W#qingshan#2030-04#路灯' } }));
    expect(Items.map((i) => i.sk)).toEqual(expect.arrayContaining([expect.stringContaining(c.qingshan!)]));
    for (const item of Items) expect(Object.keys(item).sort()).toEqual(['pk', 'sk']);
  });
});

describe('by words within a date range', () => {
  it('finds the cases whose title or content hold every word, newest first, in the viewer’s county only', async () => {
    expect(await found('qs-shouli', 'q=路灯不亮&from=2030-02-01&to=2030-04-30')).toEqual([c.chengnan, c.qingshan, c.oldQingshan]);
    expect(await found('hexi-shouli', 'q=路灯不亮&from=2030-02-01&to=2030-04-30')).toEqual([c.hexi]);
    expect(await found('cn-shouli', 'q=路灯不亮&from=2030-02-01&to=2030-04-30')).toEqual([c.chengnan]);
    // The city: every county and its own (市民广场的路灯都不亮 has both pairs' words apart: not a match).
    expect(await found('shouli', 'q=路灯不亮&from=2030-02-01&to=2030-04-30')).toEqual([c.hexi, c.chengnan, c.qingshan, c.oldQingshan]);
    expect(await found('shouli', 'q=路灯 不亮&from=2030-02-01&to=2030-04-30')).toEqual([c.root, c.hexi, c.chengnan, c.qingshan, c.oldQingshan]);
    // Two words, both needed (an AND): 城南 and 路灯.
    expect(await found('shouli', 'q=城南 路灯&from=2030-02-01&to=2030-04-30')).toEqual([c.report, c.qingshan, c.oldQingshan]);
    // Pairs only narrow: 灯不 is in 路灯不亮, but "灯不亮了" must be in the text.
    expect(await found('shouli', 'q=灯不亮了&from=2030-02-01&to=2030-04-30')).toEqual([]);
  });

  it('the date range is the Shanghai filing date, inclusive; the default is the last 90 days', async () => {
    expect(await found('qs-shouli', 'q=路灯&from=2030-04-01&to=2030-04-01')).toEqual([c.report, c.chengnan, c.qingshan]);
    expect(await found('qs-shouli', 'q=路灯&from=2030-02-01&to=2030-03-31')).toEqual([c.oldQingshan]);
    expect(await found('qs-shouli', 'q=路灯')).toEqual([c.report, c.chengnan, c.qingshan, c.oldQingshan]);
    expectApiError(await search('qs-shouli', 'q=路灯&from=2029-01-01&to=2030-04-01'), 400, 'VALIDATION_FAILED');
    expectApiError(await search('qs-shouli', 'q=路灯&from=2030-04-02&to=2030-04-01'), 400, 'VALIDATION_FAILED');
    expectApiError(await search('qs-shouli', 'q=灯'), 400, 'VALIDATION_FAILED');
  });

  it("a handler finds only their department's cases", async () => {
    expect(await found('qs-rsj', 'q=路灯&from=2030-02-01&to=2030-04-30')).toEqual([c.report, c.qingshan]);
    expect(await found('rsj', 'q=路灯&from=2030-02-01&to=2030-04-30')).toEqual([]);
  });

  it('pages newest first with a cursor, every case once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const res = await search('shouli', `q=路灯&from=2030-02-01&to=2030-04-30&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status, show(res)).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((x: any) => x.caseNo));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([c.report, c.root, c.hexi, c.chengnan, c.qingshan, c.oldQingshan]);
  });

  it('a new filing and a case moved to another county are found where they are now, after the stream settles', async () => {
    session.advance(60_000);
    const fresh = (await fileAs(stack, complaintBody({ title: '井盖丢失', content: '市民广场东侧井盖丢失，很危险。' }))).caseNo;
    await stack.settle();
    expect(await found('shouli', 'q=井盖丢失')).toEqual([fresh]);
    expect(await found('qs-shouli', 'q=井盖丢失')).toEqual([]);
    // The city's intake sends it to 青山县's 人社局: it moves to the county's partition.
    const res = await act(stack, await session.token('shouli'), fresh, { action: 'accept', expectedVersion: 1, departmentId: 'qs-rsj' });
    expect(res.status, show(res)).toBe(200);
    await stack.settle();
    expect(await found('qs-shouli', 'q=井盖丢失')).toEqual([fresh]);
    expect(await found('shouli', 'q=井盖丢失')).toEqual([fresh]);
    const { Items: left = [] } = await raw.send(
      new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'W#root#2030-04#井盖' } }),
    );
    expect(left).toEqual([]);
  });
});
