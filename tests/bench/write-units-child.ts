/**
 * The child of write-units.bench.ts: run inside one tree (this repo, or a worktree of an older
 * commit the parent copied this file into), against that tree's own code. It starts DynamoDB Local,
 * makes the table from the tree's serverless.yml, rebuilds the case store (and, where the tree has a
 * stats consumer, the stats store it writes through) on document clients whose middleware records
 * every write on the wire, and prints one line `@@write-units <json>`.
 *
 * Kept to the APIs both trees have (createDeps, createTable, createDynamoCaseStore, fileCase,
 * changeCase, seedReferenceData, ensureTable, startDynamoLocal); the stream runner is imported only
 * if the tree has one (infra/src/streams-local.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createDocumentClient } from '../../functions/src/adapters/dynamo/client';
import { createDynamoCaseStore } from '../../functions/src/adapters/dynamo/case-store';
import { createDynamoStatsStore } from '../../functions/src/adapters/dynamo/stats-store';
import { createTable } from '../../functions/src/adapters/dynamo/table';
import { createDeps } from '../../functions/src/app/deps';
import { citizenOf } from '../../functions/src/services/cases/case-event';
import { changeCase } from '../../functions/src/services/cases/change-case';
import { fileCase } from '../../functions/src/services/cases/filing';
import type { Deps } from '../../functions/src/services/deps';
import { seedReferenceData } from '../../infra/src/demo-data';
import { startDynamoLocal } from '../../infra/src/dynamo-local';
import { ensureTable, REPO_ROOT } from '../../infra/src/table-definition';
import { itemSize } from './item-size';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const TABLE = 'write-units';
const KB = 1024;
const CLIENT = { ip: '198.51.100.1', userAgent: 'bench' };
const INTAKE = { role: 'intake', id: 'shouli' } as const;
const HANDLER = { role: 'handler', id: 'rsj', departmentId: 'rsj' } as const;
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONTENT = '县城南安置小区 3 号楼工地自今年 6 月起拖欠 23 名工人工资，合计约 38 万元。多次向项目部讨要，对方称开发商未拨款。工人多为外地来务工人员，生活困难，请求有关部门督促尽快支付。'.repeat(2);
const ANSWER = '经核查，该项目施工单位确存在拖欠农民工工资问题。我局已约谈施工单位和建设单位负责人，责令其于 10 个工作日内足额支付，并启用工资保证金先行垫付。后续如仍未支付，可拨打 12333 反映，我局将依法立案查处。'.repeat(3);

const kbs = (bytes: number) => Math.max(1, Math.ceil(bytes / KB));

// ---- The wire ----

type Plain = Record<string, unknown>;
const ATTR_TYPES = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS']);
/** A key or item as the middleware saw it: marshalled (AttributeValues) or not, made plain. */
function plain(v: Plain | undefined): Plain | undefined {
  if (!v) return v;
  const marshalled = Object.values(v).every((a) => a && typeof a === 'object' && Object.keys(a).length === 1 && ATTR_TYPES.has(Object.keys(a)[0]!));
  return marshalled ? (unmarshall(v as never) as Plain) : v;
}

interface WireItem {
  op: 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
  pk: string;
  sk: string;
}
interface WireWrite {
  command: string;
  items: WireItem[];
  ok: boolean;
  error?: string;
  /** Per item of a cancelled transaction: its code ('None' where the item was fine). */
  reasons?: (string | undefined)[];
  message?: string;
  sdkAttempts?: number;
  consumed?: unknown;
}

const WRITES = new Set(['TransactWriteItemsCommand', 'PutCommand', 'UpdateCommand', 'DeleteCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteCommand']);

function wireItems(command: string, input: any): WireItem[] {
  const keyOf = (k: Plain | undefined) => ({ pk: String(plain(k)?.pk), sk: String(plain(k)?.sk) });
  if (command.startsWith('TransactWrite')) {
    return (input.TransactItems ?? []).map((t: any) => {
      if (t.Put) return { op: 'Put', ...keyOf(t.Put.Item) };
      if (t.Update) return { op: 'Update', ...keyOf(t.Update.Key) };
      if (t.Delete) return { op: 'Delete', ...keyOf(t.Delete.Key) };
      return { op: 'ConditionCheck', ...keyOf(t.ConditionCheck?.Key) };
    });
  }
  if (command.startsWith('Put')) return [{ op: 'Put', ...keyOf(input.Item) }];
  if (command.startsWith('Update')) return [{ op: 'Update', ...keyOf(input.Key) }];
  return [{ op: 'Delete', ...keyOf(input.Key) }];
}

function recordingClient(endpoint: string, log: WireWrite[]): DynamoDBDocumentClient {
  const client = createDocumentClient({ region: 'local', endpoint });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName);
      if (!WRITES.has(command)) return next(args);
      const input = args.input as any;
      input.ReturnConsumedCapacity = 'INDEXES';
      const entry: WireWrite = { command, items: wireItems(command, input), ok: false };
      log.push(entry);
      try {
        const result = await next(args);
        entry.ok = true;
        entry.consumed = (result.output as any).ConsumedCapacity;
        entry.sdkAttempts = (result.output as any).$metadata?.attempts;
        return result;
      } catch (error: any) {
        entry.error = error?.name;
        entry.message = String(error?.message ?? '').slice(0, 300);
        entry.reasons = error?.CancellationReasons?.map((r: { Code?: string }) => r.Code);
        entry.sdkAttempts = error?.$metadata?.attempts;
        throw error;
      }
    },
    { step: 'initialize', name: 'recordWrites' },
  );
  return client;
}

// ---- Costs of one flow ----

const kindOf = (i: WireItem) =>
  i.pk.startsWith('STATS#')
    ? 'counter'
    : i.sk === 'CASE'
      ? 'case'
      : i.sk.startsWith('EVT#')
        ? 'event'
        : i.sk === 'CRED'
          ? 'credential'
          : i.pk.startsWith('OUTBOX#')
            ? 'outbox'
            : i.pk.startsWith('LINK#')
              ? 'link'
              : i.pk.startsWith('IDEM#')
                ? 'idempotency'
                : `other (${i.pk.split('#')[0]})`;

export interface ItemCost {
  kind: string;
  op: string;
  key: string;
  bytes: number;
  units: number;
}
export interface WritesCost {
  transactions: number;
  items: ItemCost[];
  units: number;
  counterUnits: number;
  otherUnits: number;
  /** Non-transactional writes (1 unit per KB). */
  singleWrites: number;
  singleUnits: number;
  /** What DynamoDB Local reported (ConsumedCapacity, INDEXES), summed over the successful writes. */
  localReported: { total: number; table: number; indexes: Record<string, number> };
}

async function cost(raw: DynamoDBDocumentClient, writes: WireWrite[]): Promise<WritesCost> {
  const out: WritesCost = { transactions: 0, items: [], units: 0, counterUnits: 0, otherUnits: 0, singleWrites: 0, singleUnits: 0, localReported: { total: 0, table: 0, indexes: {} } };
  for (const w of writes.filter((x) => x.ok)) {
    const transactional = w.command.startsWith('TransactWrite');
    if (transactional) out.transactions++;
    for (const item of w.items) {
      const { Item } = await raw.send(new GetCommand({ TableName: TABLE, Key: { pk: item.pk, sk: item.sk }, ConsistentRead: true }));
      const bytes = Item ? itemSize(Item) : 0; // a deleted item: sized 0 (1 KB minimum)
      const units = (transactional ? 2 : 1) * kbs(bytes);
      const kind = kindOf(item);
      if (transactional) {
        out.items.push({ kind, op: item.op, key: `${item.pk} / ${item.sk}`, bytes, units });
        out.units += units;
        if (kind === 'counter') out.counterUnits += units;
        else out.otherUnits += units;
      } else {
        out.singleWrites++;
        out.singleUnits += units;
      }
    }
    for (const c of [w.consumed].flat().filter(Boolean) as any[]) {
      out.localReported.total += c.CapacityUnits ?? 0;
      out.localReported.table += c.Table?.CapacityUnits ?? 0;
      for (const [name, v] of Object.entries<any>(c.GlobalSecondaryIndexes ?? {})) out.localReported.indexes[name] = (out.localReported.indexes[name] ?? 0) + (v.CapacityUnits ?? 0);
    }
  }
  return out;
}

export interface Attempts {
  attempts: number;
  cancelled: number;
  /** Cancelled with a TransactionConflict and no failed condition: what retryTransaction (ON_CONFLICT_ONLY) retries. */
  conflictCancelled: number;
  /** Cancellation codes, counted. */
  codes: Record<string, number>;
  /** Where the TransactionConflict reasons were: item kind and key, counted. */
  conflictsOn: Record<string, number>;
  otherErrors: Record<string, number>;
  /** Sum of the SDK's own attempts beyond the first (its retry strategy, under retryTransaction). */
  sdkRetries: number;
  messages: string[];
}

function attemptsOf(writes: WireWrite[]): Attempts {
  const a: Attempts = { attempts: 0, cancelled: 0, conflictCancelled: 0, codes: {}, conflictsOn: {}, otherErrors: {}, sdkRetries: 0, messages: [] };
  for (const w of writes.filter((x) => x.command.startsWith('TransactWrite'))) {
    a.attempts++;
    a.sdkRetries += Math.max(0, (w.sdkAttempts ?? 1) - 1);
    if (w.ok) continue;
    if (w.error === 'TransactionCanceledException') {
      a.cancelled++;
      if (w.reasons?.includes('TransactionConflict') && !w.reasons.includes('ConditionalCheckFailed')) a.conflictCancelled++;
      (w.reasons ?? []).forEach((code, i) => {
        a.codes[code ?? '?'] = (a.codes[code ?? '?'] ?? 0) + 1;
        if (code === 'TransactionConflict') {
          const item = w.items[i];
          const where = item ? `${kindOf(item)} ${item.pk} / ${item.sk.replace(/^(EVT#|CASE).*$/, '$1…')}` : `item ${i}`;
          a.conflictsOn[where] = (a.conflictsOn[where] ?? 0) + 1;
        }
      });
    } else {
      a.otherErrors[w.error ?? '?'] = (a.otherErrors[w.error ?? '?'] ?? 0) + 1;
    }
    if (a.messages.length < 3 && w.message) a.messages.push(w.message);
  }
  return a;
}

/**
 * Does DynamoDB Local report transaction conflicts at all? PROBE transactions at once, each ADDing to
 * one shared item (and putting an item of its own), interleaved with as many plain UpdateItems of that
 * item — in AWS, concurrent transactions on one item cancel each other (TransactionConflict), and a
 * plain write to an item a transaction is writing fails with TransactionConflictException.
 */
async function probe(endpoint: string, n: number) {
  const log: WireWrite[] = [];
  const client = recordingClient(endpoint, log);
  const key = { pk: 'PROBE#conflicts', sk: 'HOT' };
  const add = { UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 } };
  const results = await Promise.allSettled(
    Array.from({ length: n }, (_, i) => [
      client.send(new TransactWriteCommand({ TransactItems: [{ Update: { TableName: TABLE, Key: key, ...add } }, { Put: { TableName: TABLE, Item: { pk: 'PROBE#conflicts', sk: `OWN#${i}` } } }] })),
      client.send(new UpdateCommand({ TableName: TABLE, Key: key, ...add })),
    ]).flat(),
  );
  const { Item } = await client.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }));
  const singles = log.filter((w) => !w.command.startsWith('TransactWrite'));
  return {
    transactions: attemptsOf(log),
    singleUpdates: singles.length,
    singleErrors: singles.filter((w) => !w.ok).reduce<Record<string, number>>((m, w) => ((m[w.error ?? '?'] = (m[w.error ?? '?'] ?? 0) + 1), m), {}),
    singleSdkRetries: singles.reduce((s, w) => s + Math.max(0, (w.sdkAttempts ?? 1) - 1), 0),
    rejected: results.filter((r) => r.status === 'rejected').length,
    finalValue: Item?.n,
    expectedIfAllSucceed: 2 * n,
  };
}

/**
 * The items more than one of a set of concurrent transactions wrote: what real DynamoDB can cancel
 * transactions on (two transactions in flight on one item), whatever DynamoDB Local does with them.
 */
function sharedItems(writes: WireWrite[]) {
  const writers = new Map<string, number>();
  const txs = writes.filter((w) => w.command.startsWith('TransactWrite') && w.ok);
  for (const w of txs) for (const key of new Set(w.items.map((i) => `${kindOf(i)} ${i.pk} / ${i.sk}`))) writers.set(key, (writers.get(key) ?? 0) + 1);
  const shared = [...writers].filter(([, n]) => n > 1);
  return {
    transactions: txs.length,
    sharedKeys: shared.length,
    maxWriters: Math.max(0, ...shared.map(([, n]) => n)),
    transactionsOnShared: txs.filter((w) => w.items.some((i) => (writers.get(`${kindOf(i)} ${i.pk} / ${i.sk}`) ?? 0) > 1)).length,
    examples: shared.slice(0, 8).map(([k, n]) => `${k.replace(/^counter STATS#/, '')} ×${n}`),
  };
}

// ---- The run ----

async function main() {
  const label = process.argv[2] ?? 'tree';
  const dynamo = await startDynamoLocal();
  const caseLog: WireWrite[] = [];
  const statsLog: WireWrite[] = [];
  let streams: { settle(): Promise<void>; stop(): Promise<void> } | undefined;
  try {
    await ensureTable(dynamo.endpoint, TABLE);
    let now = new Date('2030-04-01T01:00:00Z');
    const base = createDeps({ TABLE_NAME: TABLE, AWS_REGION: 'local', DYNAMODB_ENDPOINT: dynamo.endpoint, APP_SECRET: 'benchmark-secret-0123456789abcdefghij' });
    const caseClient = recordingClient(dynamo.endpoint, caseLog);
    const deps: Deps = { ...base, now: () => now, cases: createDynamoCaseStore(createTable(caseClient, TABLE)) };
    const at = (hours: number) => void (now = new Date(Date.parse('2030-04-01T01:00:00Z') + hours * 3_600_000));
    await seedReferenceData(deps);
    const raw = createDocumentClient({ region: 'local', endpoint: dynamo.endpoint });

    // The stats consumer, where the tree has one, on its own recording client.
    const runner = join(REPO_ROOT, 'infra/src/streams-local.ts');
    if (existsSync(runner)) {
      const { startLocalStreams, streamFunctionsFromServerless } = (await import(runner)) as typeof import('../../infra/src/streams-local');
      // Before the one reader (caseChanges) the statistics had a function of their own, statsConsumer.
      const functions = streamFunctionsFromServerless()
        .filter((f) => f.name === 'statsConsumer' || f.name === 'caseChanges')
        .map((f) => (f.name === 'caseChanges' ? { ...f, routes: ['statsConsumer'] } : f));
      if (functions.length) {
        const statsDeps = { ...deps, stats: createDynamoStatsStore(createTable(recordingClient(dynamo.endpoint, statsLog), TABLE)) };
        streams = await startLocalStreams({ endpoint: dynamo.endpoint, tableName: TABLE, deps: statsDeps, functions, idleMs: 20 });
      }
    }
    const settle = async () => void (await streams?.settle());
    await settle();

    const file = (title: string) =>
      fileCase(deps, { type: 'complaint', categoryId: 'tuoqian-gongzi', title, content: CONTENT, contact: { name: '王建国', phone: '13800138000' } } as never, undefined, CLIENT).then((f) => f.response.caseNo as string);

    // One case's life: a cost per flow.
    let caseNo = '';
    const flows: [string, () => Promise<unknown>][] = [
      ['file a complaint', async () => (at(0), (caseNo = await file('工地拖欠农民工工资三个月')))],
      ['accept (dispatch to 人社局)', () => (at(2), changeCase(deps, caseNo, { action: 'accept', departmentId: 'rsj' }, INTAKE, CLIENT))],
      ['reply', () => (at(30), changeCase(deps, caseNo, { action: 'reply', result: 'resolved', answer: ANSWER } as never, HANDLER, CLIENT))],
      ['rate (closes)', () => (at(50), changeCase(deps, caseNo, { action: 'rate', rating: 'satisfied', comment: '处理及时，工资已经拿到，谢谢。' }, citizenOf(caseNo), CLIENT))],
    ];
    const perFlow: { flow: string; tx: WritesCost; consumer: WritesCost | null; consumerAttempts: Attempts | null }[] = [];
    for (const [flow, run] of flows) {
      const [c0, s0] = [caseLog.length, statsLog.length];
      await run();
      await settle();
      const tx = await cost(raw, caseLog.slice(c0));
      const consumer = streams ? await cost(raw, statsLog.slice(s0)) : null;
      perFlow.push({ flow, tx, consumer, consumerAttempts: streams ? attemptsOf(statsLog.slice(s0)) : null });
    }

    // Contention: CONCURRENT cases at intake, accepted all at once, ROUNDS times.
    const statsBefore = await deps.stats.getStats('ALL');
    const rounds: { failed: number; failures: string[]; tx: Attempts; ms: number; shared: ReturnType<typeof sharedItems> }[] = [];
    const [cc0, sc0] = [caseLog.length, statsLog.length];
    for (let r = 0; r < ROUNDS; r++) {
      at(100 + r * 24);
      const cases: string[] = [];
      for (let i = 0; i < CONCURRENT; i++) cases.push(await file(`工地拖欠农民工工资 ${r + 1}-${i + 1}`));
      at(101 + r * 24);
      const c0 = caseLog.length;
      const t0 = performance.now();
      const results = await Promise.allSettled(cases.map((no) => changeCase(deps, no, { action: 'accept', departmentId: 'rsj' }, INTAKE, CLIENT)));
      const ms = performance.now() - t0;
      const failures = results.filter((x): x is PromiseRejectedResult => x.status === 'rejected').map((x) => `${x.reason?.name}: ${String(x.reason?.message).slice(0, 160)}`);
      rounds.push({ failed: failures.length, failures: failures.slice(0, 3), tx: attemptsOf(caseLog.slice(c0)), ms, shared: sharedItems(caseLog.slice(c0)) });
    }
    await settle();
    const statsAfter = await deps.stats.getStats('ALL');
    const delta = (dim: string, metric: string) => ((statsAfter[dim] as any)?.[metric] ?? 0) - ((statsBefore[dim] as any)?.[metric] ?? 0);
    const counters = {
      expected: { accepted: ROUNDS * CONCURRENT, dispatched: ROUNDS * CONCURRENT, filed: ROUNDS * CONCURRENT },
      counted: { accepted: delta('ALL', 'accepted'), dispatched: delta('ALL', 'dispatched'), filed: delta('ALL', 'filed'), 'DEPT#rsj dispatched': delta('DEPT#rsj', 'dispatched') },
    };
    // The consumer's transactions while counting the contention rounds (their filings and accepts).
    const consumerContention = streams ? attemptsOf(statsLog.slice(sc0)) : null;
    const caseContention = attemptsOf(caseLog.slice(cc0).filter((w) => !w.items.some((i) => i.sk === 'CRED'))); // the accepts only

    const conflictProbe = await probe(dynamo.endpoint, Number(process.env.BENCH_PROBE ?? 50));
    process.stdout.write(`\n@@write-units ${JSON.stringify({ label, perFlow, rounds, caseContention, consumerContention, counters, consumer: Boolean(streams), conflictProbe })}\n`);
  } finally {
    await streams?.stop();
    await dynamo.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
