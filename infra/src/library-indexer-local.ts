/**
 * The library indexer's schedule on the local stack (serverless-offline runs no schedules): the
 * same code as the `libraryIndexer` function (jobs/library-indexer.ts), now and every minute, in
 * the `npm start` process. Search works without it too (a cold index then builds from the table).
 */
import type { Deps } from '../../functions/src/services/deps';

export function startLocalLibraryIndexer(deps: Pick<Deps, 'libraryIndexer'>, log: (line: string) => void, everyMs = 60_000): { stop(): void } {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const result = await deps.libraryIndexer.rebuild();
      if (result.written) log(`library index snapshot written: version ${result.version}, ${result.docs} items, ${result.shards} shards`);
    } catch (error) {
      log(`library indexer failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
