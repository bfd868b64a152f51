/**
 * What the case indexes cost to keep (issue #19, "indexes that carry what they serve"). A case goes
 * through its life — filed, accepted (dispatched to a department), replied, rated — on two tables in
 * DynamoDB Local: one with the indexes as they were (ProjectionType ALL, serverless.yml at 23a1993),
 * one with today's (gsi1–gsi4 INCLUDE [qs], gsi5 KEYS_ONLY). After every step the case item and each
 * of its index copies are read raw (the table, then each index) and sized by DynamoDB's item-size rules
 * (attribute names + values). From consecutive copies, the index writes each step causes, per AWS's
 * rules for global secondary indexes: a copy that appears is one put, one that goes is one delete, a
 * copy whose index key changed is a delete and a put, a copy whose projected attributes changed (key
 * the same) is one update, a copy with nothing projected changed costs nothing; each is 1 write unit
 * per KB of the index entry (index propagation is billed as standard writes, also for a
 * TransactWriteItems on the table). Then a queue page: 20 cases on the department queue, read from
 * the index (eventually consistent: 0.5 read unit per 4 KB of the page).
 *
 * The old code wrote no `qs`; it is left out of the "before" sizes (the case item and its ALL copies).
 *
 *   npm run bench:index-writes        (BENCH_PAGE=20 by default)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseCommand } from '@minsheng/shared';
import { createDocumentClient } from '../../functions/src/adapters/dynamo/client';
import { createDeps } from '../../functions/src/app/deps';
import { citizenOf } from '../../functions/src/services/cases/case-event';
import { changeCase } from '../../functions/src/services/cases/change-case';
import { fileCase } from '../../functions/src/services/cases/filing';
import type { Deps } from '../../functions/src/services/deps';
import { seedReferenceData } from '../../infra/src/demo-data';
import { startDynamoLocal } from '../../infra/src/dynamo-local';
import { itemSize } from './item-size';
import { localDynamoClient, readServerlessConfig, REPO_ROOT, tableDefinitionFromServerless } from '../../infra/src/table-definition';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const BEFORE_REF = '23a1993';
const PAGE = Number(process.env.BENCH_PAGE ?? 20);
const INDEXES = ['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5'] as const;
const KB = 1024;
const CLIENT = { ip: '198.51.100.1', userAgent: 'bench' };
const INTAKE = { role: 'intake', id: 'shouli' } as const;
const HANDLER = { role: 'handler', id: 'rsj', departmentId: 'rsj' } as const;

/** A typical complaint: a few hundred characters, a contact, a reply of ~600 characters, a rating with a comment. */
const PROFILES = {
  typical: {
    content: '县城南安置小区 3 号楼工地自今年 6 月起拖欠 23 名工人工资，合计约 38 万元。多次向项目部讨要，对方称开发商未拨款。工人多为外地来务工人员，生活困难，请求有关部门督促尽快支付。'.repeat(2),
    supplements: 0,
    answer: '经核查，该项目施工单位确存在拖欠农民工工资问题。我局已约谈施工单位和建设单位负责人，责令其于 10 个工作日内足额支付，并启用工资保证金先行垫付。后续如仍未支付，可拨打 12333 反映，我局将依法立案查处。'.repeat(3),
  },
  /** The longest a citizen may file (4,000 characters) with three supplements of 1,000. */
  long: {
    content: '县城南安置小区 3 号楼工地拖欠工人工资，多次讨要未果，工人生活困难。'.repeat(200).slice(0, 4000),
    supplements: 3,
    answer: '经核查，该项目施工单位确存在拖欠农民工工资问题，已责令限期支付。'.repeat(20),
  },
} as const;
type Profile = keyof typeof PROFILES;

const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / KB));
const withoutQs = (item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).filter(([k]) => k !== 'qs'));

// ---- One table, one case's life ----

interface Snapshot {
  item: Record<string, unknown>;
  copies: Partial<Record<(typeof INDEXES)[number], Record<string, unknown>>>;
}

async function createTableFrom(endpoint: string, tableName: string, serverlessYml: string): Promise<void> {
  const { create } = tableDefinitionFromServerless(tableName, readServerlessConfig(serverlessYml));
  const client = localDynamoClient(endpoint);
  try {
    await client.send(new CreateTableCommand(create));
  } finally {
    client.destroy();
  }
}

async function snapshot(raw: DynamoDBDocumentClient, tableName: string, caseNo: string, before: boolean): Promise<Snapshot> {
  const { Item } = await raw.send(new GetCommand({ TableName: tableName, Key: { pk: `CASE#${caseNo}`, sk: 'CASE' }, ConsistentRead: true }));
  const item = Item!;
  const copies: Snapshot['copies'] = {};
  for (const index of INDEXES) {
    const [pkAttr, skAttr] = [`${index}pk`, `${index}sk`];
    if (!item[pkAttr]) continue;
    const { Items = [] } = await raw.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: '#p = :p AND #s = :s',
        ExpressionAttributeNames: { '#p': pkAttr, '#s': skAttr },
        ExpressionAttributeValues: { ':p': item[pkAttr], ':s': item[skAttr] },
      }),
    );
    const copy = Items.find((i) => i.pk === item.pk);
    if (copy) copies[index] = before ? withoutQs(copy) : copy;
  }
  return { item: before ? withoutQs(item) : item, copies };
}

interface StepCost {
  step: string;
  itemBytes: number;
  /** The case item's write (in the case's TransactWriteItems: 2 units per KB). */
  tableUnits: number;
  bytes: Record<string, number>;
  units: Record<string, number>;
}

const same = (a: Record<string, unknown>, b: Record<string, unknown>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

function indexCost(prev: Snapshot | undefined, next: Snapshot, index: (typeof INDEXES)[number]): { bytes: number; units: number } {
  const [a, b] = [prev?.copies[index], next.copies[index]];
  const key = (c: Record<string, unknown>) => `${c[`${index}pk`]}|${c[`${index}sk`]}`;
  if (!a && !b) return { bytes: 0, units: 0 };
  if (!a) return { bytes: itemSize(b!), units: writeUnits(itemSize(b!)) };
  if (!b) return { bytes: itemSize(a), units: writeUnits(itemSize(a)) };
  if (key(a) !== key(b)) return { bytes: itemSize(a) + itemSize(b), units: writeUnits(itemSize(a)) + writeUnits(itemSize(b)) };
  if (same(a, b)) return { bytes: 0, units: 0 };
  return { bytes: itemSize(b), units: writeUnits(itemSize(b)) };
}

async function lifeOf(deps: Deps, raw: DynamoDBDocumentClient, tableName: string, profile: Profile, before: boolean, start: Date, setNow: (d: Date) => void): Promise<StepCost[]> {
  const p = PROFILES[profile];
  const at = (hours: number) => setNow(new Date(start.getTime() + hours * 3_600_000));
  at(0);
  const filed = await fileCase(
    deps,
    { type: 'complaint', categoryId: 'tuoqian-gongzi', title: '工地拖欠农民工工资三个月', content: p.content, contact: { name: '王建国', phone: '13800138000' } } as never,
    undefined,
    CLIENT,
  );
  const caseNo = filed.response.caseNo;
  const steps: [string, () => Promise<unknown>][] = [
    ['accept (dispatch to 人社局)', () => (at(2), changeCase(deps, caseNo, { action: 'accept', departmentId: 'rsj' }, INTAKE, CLIENT))],
    ...Array.from({ length: p.supplements }, (_, i): [string, () => Promise<unknown>][] => [
      [`request_info ${i + 1}`, () => (at(3 + i * 2), changeCase(deps, caseNo, { action: 'request_info', question: `请补充第 ${i + 1} 份材料` }, HANDLER, CLIENT))],
      [`supplement ${i + 1}`, () => (at(4 + i * 2), changeCase(deps, caseNo, { action: 'supplement', content: `补充材料：工资条、考勤记录。`.repeat(70).slice(0, 1000) }, citizenOf(caseNo), CLIENT))],
    ]).flat(),
    ['reply', () => (at(30), changeCase(deps, caseNo, { action: 'reply', result: 'resolved', answer: p.answer } as CaseCommand, HANDLER, CLIENT))],
    ['rate (closes)', () => (at(50), changeCase(deps, caseNo, { action: 'rate', rating: 'satisfied', comment: '处理及时，工资已经拿到，谢谢。' }, citizenOf(caseNo), CLIENT))],
  ];
  const costs: StepCost[] = [];
  const record = (step: string, prev: Snapshot | undefined, next: Snapshot) => {
    const bytes: Record<string, number> = {};
    const units: Record<string, number> = {};
    for (const index of INDEXES) ({ bytes: bytes[index]!, units: units[index]! } = indexCost(prev, next, index));
    const itemBytes = itemSize(next.item);
    costs.push({ step, itemBytes, tableUnits: 2 * writeUnits(itemBytes), bytes, units });
  };
  let prev = await snapshot(raw, tableName, caseNo, before);
  record('file', undefined, prev);
  for (const [step, run] of steps) {
    await run();
    const next = await snapshot(raw, tableName, caseNo, before);
    record(step, prev, next);
    prev = next;
  }
  return costs;
}

/** A department queue page: PAGE accepted cases, as the index holds them. */
async function queuePage(deps: Deps, raw: DynamoDBDocumentClient, tableName: string, before: boolean, setNow: (d: Date) => void): Promise<{ bytes: number; units: number; rows: number }> {
  setNow(new Date('2030-05-06T01:00:00Z'));
  for (let i = 0; i < PAGE; i++) {
    const filed = await fileCase(
      deps,
      { type: 'complaint', categoryId: 'tuoqian-gongzi', title: `工地拖欠农民工工资 ${i + 1}`, content: PROFILES.typical.content, contact: { name: '王建国', phone: '13800138000' } } as never,
      undefined,
      CLIENT,
    );
    await changeCase(deps, filed.response.caseNo, { action: 'accept', departmentId: 'rsj' }, INTAKE, CLIENT);
  }
  const { Items = [] } = await raw.send(
    new QueryCommand({ TableName: tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': 'Q#dept#rsj' }, Limit: PAGE }),
  );
  const rows = Items.map((i) => (before ? withoutQs(i) : i));
  const bytes = rows.reduce((n, i) => n + itemSize(i), 0);
  // A Query's read units: its items' sizes summed, per 4 KB, half for an eventually consistent read.
  return { bytes, units: Math.max(1, Math.ceil(bytes / (4 * KB))) * 0.5, rows: rows.length };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'index-writes-'));
  const beforeYml = join(dir, 'serverless.yml');
  writeFileSync(beforeYml, execFileSync('git', ['show', `${BEFORE_REF}:serverless.yml`], { cwd: REPO_ROOT }));
  const dynamo = await startDynamoLocal();
  try {
    const runs: Record<string, { life: Record<Profile, StepCost[]>; page: Awaited<ReturnType<typeof queuePage>> }> = {};
    for (const [label, yml, before] of [
      ['before (ALL)', beforeYml, true],
      ['after (INCLUDE qs / KEYS_ONLY)', join(REPO_ROOT, 'serverless.yml'), false],
    ] as const) {
      const tableName = before ? 'index-writes-before' : 'index-writes-after';
      await createTableFrom(dynamo.endpoint, tableName, yml);
      let now = new Date('2030-04-01T01:00:00Z');
      const base = createDeps({ TABLE_NAME: tableName, AWS_REGION: 'local', DYNAMODB_ENDPOINT: dynamo.endpoint, APP_SECRET: 'benchmark-secret-0123456789abcdefghij' });
      const deps: Deps = { ...base, now: () => now };
      const setNow = (d: Date) => void (now = d);
      await seedReferenceData(deps);
      const raw = createDocumentClient({ region: 'local', endpoint: dynamo.endpoint });
      const life = {} as Record<Profile, StepCost[]>;
      let start = new Date('2030-04-01T01:00:00Z');
      for (const profile of Object.keys(PROFILES) as Profile[]) {
        life[profile] = await lifeOf(deps, raw, tableName, profile, before, start, setNow);
        start = new Date(start.getTime() + 7 * 86_400_000);
      }
      runs[label] = { life, page: await queuePage(deps, raw, tableName, before, setNow) };
    }

    console.log(`\nIndex writes of one case's life, DynamoDB Local; before = serverless.yml at ${BEFORE_REF} (ProjectionType ALL)\n`);
    for (const profile of Object.keys(PROFILES) as Profile[]) {
      console.log(`## ${profile} case`);
      console.log('| step | case item (B) | ' + INDEXES.map((i) => `${i} B / WU`).join(' | ') + ' | index WU | ');
      for (const [label, run] of Object.entries(runs)) {
        console.log(`| **${label}** |`);
        let total = 0;
        let bytes = 0;
        for (const s of run.life[profile]) {
          const wu = Object.values(s.units).reduce((a, b) => a + b, 0);
          total += wu;
          bytes += Object.values(s.bytes).reduce((a, b) => a + b, 0);
          console.log(`| ${s.step} | ${s.itemBytes} | ${INDEXES.map((i) => (s.units[i] ? `${s.bytes[i]} / ${s.units[i]}` : '–')).join(' | ')} | ${wu} |`);
        }
        const tableUnits = run.life[profile].reduce((n, s) => n + s.tableUnits, 0);
        console.log(`| total | | bytes written to indexes: ${bytes} | | | | | ${total} (case item's own writes: ${tableUnits}) |`);
      }
      console.log('');
    }
    console.log(`## a department queue page (${PAGE} typical accepted cases), read from gsi1`);
    for (const [label, run] of Object.entries(runs)) console.log(`${label}: ${run.page.rows} rows, ${run.page.bytes} bytes, ${run.page.units} read units`);
  } finally {
    await dynamo.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
