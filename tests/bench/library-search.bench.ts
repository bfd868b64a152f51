/**
 * Library search at scale: 10,000 items generated from the demo corpus (each demo item in many
 * variations: other towns, years, departments, sentences dropped and reordered).
 *
 *   1. index build time and memory (in-process, the index a warm Lambda holds);
 *   2. search latency — median, p95, p99 — of the index alone, and through the real GET
 *      /api/policies handler (middy, validation, DTOs) with a warm index, for library searches
 *      (limit 10) and while-you-type suggestions (limit 3);
 *   3. on DynamoDB Local: a cold Lambda's first search (Query every item + build), and a warm one
 *      catching up after one change (GetItem version + Query log + GetItem item).
 *
 *   npm run bench:library     (BENCH_ITEMS=10000 BENCH_QUERIES=2000 by default; BENCH_DYNAMO=0 skips part 3)
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { LibraryItemRecord, LibraryStore } from '../../functions/src/ports/library-store';
import { createDeps } from '../../functions/src/app/deps';
import { search as searchRoute } from '../../functions/src/http/citizen/policies';
import { buildLibraryIndex, LiveLibraryIndex } from '../../functions/src/adapters/search/live-library-index';
import { demoLibraryRecords } from '../../infra/src/demo-library';
import { startDynamoLocal } from '../../infra/src/dynamo-local';
import { ensureTable } from '../../infra/src/table-definition';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 2_000);
const NOW = new Date('2025-12-01T02:00:00Z');

// ---- A 10,000-item library from the demo corpus ----

const TOWNS = ['城关镇', '河口镇', '石桥乡', '柳林镇', '杨树乡', '东风镇', '红旗乡', '新华镇', '太平乡', '双河镇', '青山乡', '白塔镇', '南湖乡', '北岭镇', '长宁乡', '永安镇', '凤凰乡', '金沙镇', '马场乡', '桃园镇'];
const COUNTIES = ['民安县', '清河县', '临江县', '平原县', '安宁县', '兴隆县', '龙泉县', '丰收县', '和顺县', '永丰县'];
const EXTRA = [
  '各乡镇要高度重视，明确专人负责。',
  '执行中遇到的问题请及时向县有关部门反映。',
  '本通知自印发之日起施行。',
  '各单位要加强宣传解读，确保政策家喻户晓。',
  '对工作不力、群众反映强烈的，将予以通报。',
  '相关资金纳入年度财政预算统筹安排。',
  '请于每季度末报送工作进展情况。',
  '村级组织应当做好政策公开和群众答疑工作。',
];

/** A deterministic pseudo-random sequence, so every run measures the same library. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

function generateLibrary(n: number): LibraryItemRecord[] {
  const base = demoLibraryRecords(NOW);
  const rand = rng(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const out: LibraryItemRecord[] = [];
  for (let i = 0; i < n; i++) {
    const src = base[i % base.length]!;
    if (i < base.length) {
      out.push(src);
      continue;
    }
    const county = pick(COUNTIES);
    const town = pick(TOWNS);
    const year = 2015 + Math.floor(rand() * 11);
    const sentences = src.body.split(/(?<=。)/).filter(Boolean);
    const kept = sentences.filter(() => rand() > 0.25);
    if (kept.length === 0) kept.push(sentences[0]!);
    if (rand() > 0.5) kept.reverse();
    kept.push(pick(EXTRA));
    const body = kept.join('').replaceAll('民安县', county).replace(/20\d\d年/g, `${year}年`);
    const date = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    out.push({
      ...src,
      id: `bench-${i}`,
      title: `${rand() > 0.5 ? `${county}${town}` : county}${src.title.replace(/^民安县/, '').replace(/20\d\d年/, `${year}年`)}`,
      body,
      ...(src.question ? { question: src.question.replace(/县城/g, town) } : {}),
      ...(src.issuer ? { issuer: src.issuer.replaceAll('民安县', county) } : {}),
      ...(src.docNo ? { docNo: src.docNo.replace(/〔\d{4}〕\d+号/, `〔${year}〕${1 + Math.floor(rand() * 60)}号`) } : {}),
      issuedAt: date,
    });
  }
  return out;
}

const CITIZEN_QUERIES = [
  '种粮补贴什么时候发', '今年地力补贴每亩多少钱', '买农机有补贴吗', '老板拖欠工资不给怎么办', '包工头跑了工钱找谁要', '工地欠薪去哪里投诉',
  '孩子学校要搬走了', '村里小学撤了孩子上学太远', '有没有校车接送', '拆迁补偿标准', '征地一亩地补多少钱', '房子评估价太低不同意',
  '灵活就业怎么交社保', '农村老人养老保险一年交多少', '今年退休金涨多少', '异地看病怎么报销', '医保今年交多少钱', '高血压吃药能报销吗',
  '怎么申请低保', '低保一个月多少钱', '残疾人有什么补贴', '村里乱收钱', '物业费太贵乱涨价', '公租房怎么申请', '公积金租房能取吗',
  '工地晚上施工噪音太吵', '楼下饭店油烟太大', '工厂偷排污水', '烧秸秆罚款吗', '打12345多久能回复', '社保', '低保', '欠薪', '拆迁',
  '我在外地打工三年了，老家的地被征了，补偿款一直没给，想问问征地补偿标准是多少，去哪里反映',
];
const PREFIXES = ['', '', '请问', '你好，', '我想问一下', '麻烦问下'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}
const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

function summary(name: string, samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  return `  ${name.padEnd(52)} median ${fmt(percentile(s, 0.5)).padStart(10)}   p95 ${fmt(percentile(s, 0.95)).padStart(10)}   p99 ${fmt(percentile(s, 0.99)).padStart(10)}`;
}

function event(query: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'GET /api/policies',
    rawPath: '/api/policies',
    rawQueryString: query,
    headers: {},
    queryStringParameters: Object.fromEntries(new URLSearchParams(query)),
    requestContext: { http: { method: 'GET', path: '/api/policies', sourceIp: '198.51.100.1' }, requestId: randomUUID() },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}
const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

const gc = (globalThis as { gc?: () => void }).gc;
/** JS heap plus typed-array backing stores (the index's postings live there), in MB. */
function memoryMb(): number {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1024 / 1024;
}

/** A store that only ever hands out the generated items (part 2 measures our code, not storage). */
function staticStore(items: LibraryItemRecord[]): LibraryStore {
  const unsupported = async () => {
    throw new Error('read-only');
  };
  return {
    getVersion: async () => 1,
    listChangesSince: async () => [],
    listItems: async () => items,
    getItem: async (id) => items.find((i) => i.id === id),
    getItems: async () => [],
    getPublishedItemId: async () => undefined,
    saveItem: unsupported,
    deleteItem: unsupported,
    importItems: unsupported,
    getSynonyms: async () => undefined,
    putSynonyms: unsupported,
    deleteSynonyms: unsupported,
  };
}

async function main() {
  console.log(`\nLibrary search benchmark — ${ITEMS.toLocaleString('en')} items, Node ${process.version}${gc ? '' : ' (run with --expose-gc for steadier memory figures)'}\n`);

  buildLibraryIndex(generateLibrary(200)); // warm the JIT
  const memStart = memoryMb();
  const items = generateLibrary(ITEMS);
  const memItems = memoryMb();
  const corpusChars = items.reduce((n, i) => n + i.title.length + i.body.length + (i.question?.length ?? 0), 0);

  // ---- 1. Build ----
  const builds: number[] = [];
  let index = buildLibraryIndex([]);
  for (let run = 0; run < 3; run++) {
    index = buildLibraryIndex([]);
    const t0 = performance.now();
    index = buildLibraryIndex(items);
    builds.push(performance.now() - t0);
  }
  const memIndex = memoryMb();
  console.log('1. Index build (in memory, analyzer fast-bigrams + built-in synonyms)');
  console.log(`  items ${index.size.toLocaleString('en')}, text ${(corpusChars / 1e6).toFixed(2)} M characters, distinct terms ${index.termCount.toLocaleString('en')}`);
  console.log(`  build time: ${builds.map((b) => `${b.toFixed(0)} ms`).join(', ')} (3 runs; best ${Math.min(...builds).toFixed(0)} ms)`);
  console.log(
    `  memory (JS heap + typed arrays): the items ${(memItems - memStart).toFixed(1)} MB, their index ${(memIndex - memItems).toFixed(1)} MB; process RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB\n`,
  );

  // ---- 2. Search latency ----
  const rand = rng(11);
  const queries = Array.from({ length: QUERIES }, () => `${PREFIXES[Math.floor(rand() * PREFIXES.length)]}${CITIZEN_QUERIES[Math.floor(rand() * CITIZEN_QUERIES.length)]}`);
  for (const q of queries.slice(0, 200)) index.search(q, { limit: 10, now: NOW }); // warm-up
  const raw: number[] = [];
  let totalHits = 0;
  for (const q of queries) {
    const t0 = performance.now();
    totalHits += index.search(q, { limit: 10, now: NOW }).total;
    raw.push(performance.now() - t0);
  }

  const store = staticStore(items);
  const base = createDeps({ TABLE_NAME: 'unused', AWS_REGION: 'local', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', APP_SECRET: 'benchmark-secret-0123456789abcdefghij' });
  const live = new LiveLibraryIndex(store, { checkEveryMs: 60_000 });
  await live.current();
  const handler = searchRoute.withDeps({ ...base, library: store, librarySearch: live, now: () => NOW });
  const through = async (query: string, samples: number[]) => {
    const t0 = performance.now();
    const res = await handler(event(query), context);
    samples.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(String(res.body));
  };
  const api: number[] = [];
  const suggest: number[] = [];
  for (const q of queries.slice(0, 200)) await through(`q=${encodeURIComponent(q)}&limit=10`, []);
  for (const q of queries) await through(`q=${encodeURIComponent(q)}&limit=10`, api);
  for (const q of queries) await through(`q=${encodeURIComponent(q)}&limit=3`, suggest);
  const newest: number[] = [];
  for (let i = 0; i < 500; i++) await through(`limit=10&offset=${(i * 10) % 200}`, newest);

  console.log(`2. Search latency, ${QUERIES.toLocaleString('en')} citizen queries (${CITIZEN_QUERIES.length} phrasings × polite prefixes), warm index; avg ${(totalHits / QUERIES).toFixed(0)} matching items per query`);
  console.log(summary('index.search (ranking only, top 10)', raw));
  console.log(summary('GET /api/policies?q=…&limit=10 (handler, in-process)', api));
  console.log(summary('GET /api/policies?q=…&limit=3 (suggestions)', suggest));
  console.log(summary('GET /api/policies?limit=10 (newest first, 500 requests)', newest));
  console.log('');

  // ---- 3. Cold and warm Lambdas on DynamoDB Local ----
  if (process.env.BENCH_DYNAMO === '0') return;
  const dynamo = await startDynamoLocal();
  try {
    const tableName = 'bench-library';
    await ensureTable(dynamo.endpoint, tableName);
    const deps = createDeps({ TABLE_NAME: tableName, AWS_REGION: 'local', DYNAMODB_ENDPOINT: dynamo.endpoint, APP_SECRET: 'benchmark-secret-0123456789abcdefghij' });
    const t0 = performance.now();
    await deps.library.importItems(items, NOW.toISOString());
    const importMs = performance.now() - t0;

    const cold: number[] = [];
    for (let run = 0; run < 3; run++) {
      const lambda = new LiveLibraryIndex(deps.library);
      const t1 = performance.now();
      await lambda.current();
      cold.push(performance.now() - t1);
    }
    const queryAll: number[] = [];
    for (let run = 0; run < 3; run++) {
      const t1 = performance.now();
      await deps.library.listItems();
      queryAll.push(performance.now() - t1);
    }
    let clock = 0;
    const warm = new LiveLibraryIndex(deps.library, { clock: () => clock });
    await warm.current();
    const catchUp: number[] = [];
    const unchanged: number[] = [];
    for (let run = 0; run < 20; run++) {
      const current = (await deps.library.getItem(items[run]!.id, { consistent: true }))!;
      const saved = await deps.library.saveItem({ ...current, title: `${current.title}（修订）`, revision: current.revision + 1, updatedAt: NOW.toISOString() }, current.revision);
      if (!saved.ok) throw new Error('unexpected revision conflict');
      clock += 5000;
      const t2 = performance.now();
      await warm.current();
      catchUp.push(performance.now() - t2);
      clock += 5000;
      const t3 = performance.now();
      await warm.current();
      unchanged.push(performance.now() - t3);
    }
    console.log('3. On DynamoDB Local (one Java process on this machine)');
    console.log(`  import of ${ITEMS.toLocaleString('en')} items (BatchWrite + one version bump): ${(importMs / 1000).toFixed(1)} s`);
    console.log(`  cold Lambda, first search: Query all items + build: ${cold.map((c) => `${c.toFixed(0)} ms`).join(', ')}`);
    console.log(`    of which reading the ${ITEMS.toLocaleString('en')} items (8 partitions queried in parallel): ${queryAll.map((c) => `${c.toFixed(0)} ms`).join(', ')}`);
    console.log(summary('warm Lambda, version check, nothing changed', unchanged));
    console.log(summary('warm Lambda, catching up after one change', catchUp));
    console.log(`  (stats: ${JSON.stringify(warm.stats)})\n`);
  } finally {
    await dynamo.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
