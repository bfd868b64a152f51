/**
 * One cold search "Lambda" for tests/bench/library-cold-start.bench.ts (bundled by it with esbuild
 * and run as a fresh `node` process; not run on its own). Loads the index — from the snapshot in
 * s3rver (MODE=snapshot) or by reading every item and building it (MODE=full) — answers one search
 * through the service (snippets included), then a second one, and prints one JSON line.
 *
 * The items live on disk, one JSON file each (what GetItem returns, without DynamoDB's latency;
 * MODE=full reads them all from one JSON file, cheaper than DynamoDB's Query would be).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LiveLibraryIndex } from '../../functions/src/adapters/search/live-library-index';
import { createS3Storage } from '../../functions/src/adapters/s3/storage';
import type { LibraryItemRecord, LibraryStore } from '../../functions/src/ports/library-store';
import { searchLibrary } from '../../functions/src/services/library/search';

const startedMs = performance.now();
const MORE_QUERIES = [
  '种粮补贴什么时候发', '买农机有补贴吗', '包工头跑了工钱找谁要', '孩子学校要搬走了', '有没有校车接送', '拆迁补偿标准', '征地一亩地补多少钱',
  '房子评估价太低不同意', '灵活就业怎么交社保', '农村老人养老保险一年交多少', '今年退休金涨多少', '医保今年交多少钱', '高血压吃药能报销吗',
  '怎么申请低保', '残疾人有什么补贴', '村里乱收钱', '物业费太贵乱涨价', '公租房怎么申请', '公积金租房能取吗', '工地晚上施工噪音太吵',
  '楼下饭店油烟太大', '工厂偷排污水', '烧秸秆罚款吗', '打12345多久能回复', '申请劳动仲裁要花钱吗', '社保卡丢了怎么补', '五保户政策',
  '老小区加装电梯', '村里垃圾没人清理', '回迁房迟迟不交房过渡费怎么算',
]; // since the process started: node's start and the bundle's evaluation
const env = process.env as Record<string, string>;
const dir = env.ITEMS_DIR!;
const version = Number(env.LIBRARY_VERSION);
const unsupported = async (): Promise<never> => {
  throw new Error('read-only');
};
const store: LibraryStore = {
  getVersion: async () => version,
  listChangesSince: async () => [],
  listItems: async () => JSON.parse(await readFile(join(dir, 'all.json'), 'utf8')) as LibraryItemRecord[],
  getItem: async (id) => JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as LibraryItemRecord,
  getItems: async (ids) => Promise.all(ids.map(async (id) => JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as LibraryItemRecord)),
  getPublishedItemId: async () => undefined,
  saveItem: unsupported,
  deleteItem: unsupported,
  importItems: unsupported,
  getSynonyms: async () => undefined,
  putSynonyms: unsupported,
  deleteSynonyms: unsupported,
};

async function main() {
  const objects = createS3Storage({ bucket: env.BUCKET!, region: 'local', endpoint: env.S3_ENDPOINT! });
  const live = new LiveLibraryIndex(store, env.MODE === 'snapshot' ? { snapshots: objects, checkEveryMs: 600_000 } : { checkEveryMs: 600_000 });
  const now = () => new Date('2025-12-01T02:00:00Z');
  const t0 = performance.now();
  await live.current();
  const loadMs = performance.now() - t0;
  const t1 = performance.now();
  const first = await searchLibrary({ librarySearch: live, now }, { q: env.QUERY!, limit: 10 });
  const firstMs = performance.now() - t1;
  const t2 = performance.now();
  const second = await searchLibrary({ librarySearch: live, now }, { q: env.QUERY2!, limit: 10 });
  const secondMs = performance.now() - t2;
  const gc = (globalThis as { gc?: () => void }).gc;
  const memory = () => {
    gc?.();
    gc?.();
    return process.memoryUsage();
  };
  const m = memory();
  // A warm container over time: many more searches with other words (their shards read and kept).
  const t3 = performance.now();
  for (const q of MORE_QUERIES) await searchLibrary({ librarySearch: live, now }, { q, limit: 10 });
  const moreMs = (performance.now() - t3) / MORE_QUERIES.length;
  const after = memory();
  console.log(
    JSON.stringify({
      startedMs,
      loadMs,
      firstMs,
      secondMs,
      // Process start → first answer (performance.now() counts from the process's start).
      coldAnswerMs: t1 + firstMs,
      hits: first.items.length,
      total: first.total,
      secondTotal: second.total,
      heapMb: (m.heapUsed + m.arrayBuffers) / 1024 / 1024,
      rssMb: m.rss / 1024 / 1024,
      moreQueries: MORE_QUERIES.length,
      moreAvgMs: moreMs,
      heapAfterMoreMb: (after.heapUsed + after.arrayBuffers) / 1024 / 1024,
      stats: live.stats,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
