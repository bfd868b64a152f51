/**
 * Indexes that carry what they serve (issue #19). The queues' indexes (gsi1–gsi4) project only the
 * case's queue summary (`qs`), the timers' index (gsi5) only keys: a case's text, supplements,
 * answer and ratings are stored once, in the case item, not copied into up to five indexes on every
 * transition. Checked here on DynamoDB Local, which honours projections (a raw Query on an index
 * returns only what the index projects), and on the wire: a queue page is answered from the index
 * alone, and opening a case reads it once.
 */
import { QueryCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { citizenOf } from '../../functions/src/services/cases/case-event';
import { createDocumentClient } from '../../functions/src/adapters/dynamo/client';
import { createTestStack, type TestStack } from '../support/stack';
import { act as consoleAct, fileAs, show, withOfficials, type Officials } from '../support/console';
import { act, login } from './helpers';
import { observe, type Sent } from '../support/wire';

let stack: TestStack;
let officials: Officials;
let raw: DynamoDBDocumentClient;
/** A complaint at the longest content a citizen may file, with ten supplements, with the department. */
let big: { caseNo: string; password: string };
const TITLE = '欠薪三个月 请回电13912345678';
const CONTENT = '县城南安置小区 3 号楼工地拖欠工人工资，多次讨要未果。'.repeat(200).slice(0, 4000);
const SUPPLEMENT = '补充材料：工资条、考勤记录、劳动合同复印件，均已整理。'.repeat(40).slice(0, 1000);

async function indexItems(index: string, partitionAttr: string, partition: string): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await raw.send(
    new QueryCommand({ TableName: stack.tableName, IndexName: index, KeyConditionExpression: '#p = :p', ExpressionAttributeNames: { '#p': partitionAttr }, ExpressionAttributeValues: { ':p': partition } }),
  );
  return Items;
}

const byteSize = (item: Record<string, unknown>) => Buffer.byteLength(JSON.stringify(item), 'utf8');

beforeAll(async () => {
  stack = await createTestStack();
  raw = createDocumentClient({ region: 'local', endpoint: inject('dynamoEndpoint') });
  officials = await withOfficials(stack);
  big = await fileAs(stack, { type: 'complaint', categoryId: 'tuoqian-gongzi', title: TITLE, content: CONTENT, contact: { name: '王建国', phone: '13800138000' } });
  const accepted = await consoleAct(stack, officials.intake, big.caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
  expect(accepted.status, show(accepted)).toBe(200);
  for (let i = 0; i < 10; i++) {
    await act(stack, big.caseNo, { action: 'request_info', question: `请补充第 ${i + 1} 份材料` });
    await act(stack, big.caseNo, { action: 'supplement', content: `${i + 1}. ${SUPPLEMENT}` }, citizenOf(big.caseNo));
  }
});

describe('DynamoDB Local honours the projections: each index copy carries only what its readers need', () => {
  it("the department queue's copy (gsi1) of a case with 4,000 characters and ten supplements has the keys and the summary, no content, no supplements", async () => {
    const [table] = (await raw.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': `CASE#${big.caseNo}`, ':sk': 'CASE' } }))).Items ?? [];
    expect(table?.content).toBe(CONTENT);
    expect((table?.supplements as unknown[]).length).toBe(10);

    const copy = (await indexItems('gsi1', 'gsi1pk', 'Q#dept#rsj')).find((i) => i.pk === `CASE#${big.caseNo}`)!;
    expect(Object.keys(copy).sort()).toEqual(['gsi1pk', 'gsi1sk', 'pk', 'qs', 'sk']);
    expect(copy).not.toHaveProperty('content');
    expect(copy).not.toHaveProperty('supplements');
    expect(copy.qs).toMatchObject({ caseNo: big.caseNo, title: TITLE, status: 'in_progress', departmentId: 'rsj', version: 22 });
    // The case item is over 15 KB; its queue copy a few hundred bytes.
    expect(byteSize(table!)).toBeGreaterThan(15_000);
    expect(byteSize(copy)).toBeLessThan(1_000);
  });

  it('the open-by-due (gsi2) and owner (gsi3) copies carry the summary only; the timers\' copy (gsi5) the keys only', async () => {
    const open = (await indexItems('gsi2', 'gsi2pk', 'OPEN')).find((i) => i.pk === `CASE#${big.caseNo}`)!;
    expect(Object.keys(open).sort()).toEqual(['gsi2pk', 'gsi2sk', 'pk', 'qs', 'sk']);
    const owner = (await indexItems('gsi3', 'gsi3pk', 'OWNER#shouli')).find((i) => i.pk === `CASE#${big.caseNo}`)!;
    expect(Object.keys(owner).sort()).toEqual(['gsi3pk', 'gsi3sk', 'pk', 'qs', 'sk']);
    const timers = (await Promise.all(Array.from({ length: 8 }, (_, shard) => indexItems('gsi5', 'gsi5pk', `SLA#${shard}`)))).flat();
    const timer = timers.find((i) => i.pk === `CASE#${big.caseNo}`)!;
    expect(Object.keys(timer).sort()).toEqual(['gsi5pk', 'gsi5sk', 'pk', 'sk']);
  });

  it('the public listing\'s copy (gsi9, Open311) carries the public summary only: no title, text, contact or place typed', async () => {
    const filedMonth = new Date(new Date(((await stack.deps.cases.getCase(big.caseNo))!.createdAt)).getTime() + 8 * 3600_000).toISOString().slice(0, 7);
    const pub = (await indexItems('gsi9', 'gsi9pk', `PUB#${filedMonth}`)).find((i) => i.pk === `CASE#${big.caseNo}`)!;
    expect(Object.keys(pub).sort()).toEqual(['gsi9pk', 'gsi9sk', 'pk', 'pub', 'sk']);
    expect(pub.pub).toMatchObject({ caseNo: big.caseNo, categoryId: 'tuoqian-gongzi', status: 'in_progress', departmentId: 'rsj' });
    const text = JSON.stringify(pub);
    for (const secret of ['13912345678', '13800138000', '王建国', '欠薪三个月', '安置小区', '补充材料']) expect(text).not.toContain(secret);
    expect(byteSize(pub)).toBeLessThan(500);
  });
});


const isCaseKey = (key: Record<string, unknown> | undefined, caseNo?: string) => typeof key?.pk === 'string' && key.pk.startsWith('CASE#') && key.sk === 'CASE' && (!caseNo || key.pk === `CASE#${caseNo}`);
/** Reads of case items by key: GetItems and the keys of BatchGets. */
const caseReads = (sent: Sent[], caseNo?: string) =>
  sent.flatMap((s) => {
    if (s.command === 'GetCommand') return isCaseKey(s.input.Key, caseNo) ? [s] : [];
    if (s.command === 'BatchGetCommand') return Object.values<any>(s.input.RequestItems).some((r) => r.Keys.some((k: Record<string, unknown>) => isCaseKey(k, caseNo))) ? [s] : [];
    return [];
  });

afterEach(() => vi.restoreAllMocks());

describe('a queue page is the index alone', () => {
  it('the department queue: one Query on gsi1, no read of any case; the row is exactly what the case detail shows, title masked', async () => {
    const { result: page, sent } = await observe(() => stack.request('GET', '/api/console/cases?queue=department&departmentId=rsj&limit=20', { token: officials.supervisor }));
    expect(page.status, show(page)).toBe(200);
    expect(caseReads(sent)).toEqual([]);
    expect(sent.filter((s) => s.command === 'QueryCommand' && s.input.IndexName).map((s) => s.input.IndexName)).toEqual(['gsi1']);

    const row = page.body.items.find((i: { caseNo: string }) => i.caseNo === big.caseNo);
    expect(row.title).toBe('欠薪三个月 请回电139****5678');
    expect(JSON.stringify(page.body)).not.toMatch(/13912345678|13800138000|王建国/);
    // Every field of the row is the same as in the detail (which is built from the whole case).
    const detail = await stack.request('GET', `/api/console/cases/${big.caseNo}`, { token: officials.supervisor });
    expect(detail.status, show(detail)).toBe(200);
    expect(row).toEqual(Object.fromEntries(Object.keys(row).map((k) => [k, detail.body[k]])));
    expect(Object.keys(row).sort()).toEqual(
      ['caseNo', 'type', 'typeLabel', 'categoryId', 'categoryName', 'title', 'status', 'statusLabel', 'departmentId', 'departmentName', 'ownerId', 'createdAt', 'dueAt', 'slaLevel', 'daysLeft', 'paused', 'version'].sort(),
    );
  });

  it("every officials' queue (intake, mine, due soon, overdue, escalated, closed; a handler's too) reads no case", async () => {
    const asked: [string, string][] = [
      [officials.intake, 'intake'],
      [officials.intake, 'mine'],
      [officials.supervisor, 'due_soon'],
      [officials.supervisor, 'overdue'],
      [officials.supervisor, 'escalated'],
      [officials.supervisor, 'closed'],
      [officials.handler, 'department'],
      [officials.handler, 'closed'],
    ];
    for (const [token, queue] of asked) {
      const { result, sent } = await observe(() => stack.request('GET', `/api/console/cases?queue=${queue}&limit=50`, { token }));
      expect(result.status, `${queue}: ${show(result)}`).toBe(200);
      expect(caseReads(sent), queue).toEqual([]);
    }
    const mine = await stack.request('GET', '/api/console/cases?queue=mine&limit=50', { token: officials.intake });
    expect(mine.body.items.map((i: { caseNo: string }) => i.caseNo)).toContain(big.caseNo);
  });
});

describe('opening a case reads it once', () => {
  it('the console detail: one GetItem of the case, one Query of its events and one of its 协办 parts', async () => {
    const { result, sent } = await observe(() => stack.request('GET', `/api/console/cases/${big.caseNo}`, { token: officials.handler }));
    expect(result.status, show(result)).toBe(200);
    expect(result.body.supplements).toHaveLength(10);
    expect(caseReads(sent)).toHaveLength(1);
    expect(caseReads(sent, big.caseNo).map((s) => s.command)).toEqual(['GetCommand']);
    const ofCase = sent.filter((s) => s.command === 'QueryCommand' && s.input.ExpressionAttributeValues && Object.values(s.input.ExpressionAttributeValues).includes(`CASE#${big.caseNo}`));
    // Each a begins_with of the case's partition: the timeline (EVT#) and the parts (PART#), never the whole partition.
    expect(ofCase.map((s) => Object.values(s.input.ExpressionAttributeValues).find((v) => v !== `CASE#${big.caseNo}`)).sort()).toEqual(['EVT#', 'PART#']);
  });

  it("the citizen's tracked case: one GetItem of the case and one Query of its events", async () => {
    const token = await login(stack, big.caseNo, big.password);
    const { result, sent } = await observe(() => stack.request('GET', '/api/track/case', { token }));
    expect(result.status, show(result)).toBe(200);
    expect(result.body.content).toBe(CONTENT);
    expect(caseReads(sent).map((s) => s.command)).toEqual(['GetCommand']);
    expect(sent.filter((s) => s.command === 'QueryCommand' && s.input.ExpressionAttributeValues && Object.values(s.input.ExpressionAttributeValues).includes(`CASE#${big.caseNo}`))).toHaveLength(1);
  });
});
