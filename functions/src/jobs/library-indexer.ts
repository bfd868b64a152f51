import * as wire from '../app/wiring';
import { scheduledJob } from '../lib/log';
import type { Deps } from '../services/deps';

/**
 * Scheduled every minute (serverless.yml): when the library version moved past the snapshot's,
 * rebuilds the search index from the table and writes the snapshot cold search Lambdas load
 * (`search/library/` in the evidence bucket). Nothing to do → one GetItem and one GET.
 * `{ "force": true }` rewrites it regardless. Logs one line ("library indexer finished") with
 * what it wrote and how long each step took.
 */
export function createIndexerHandler(getDeps: () => Pick<Deps, 'libraryIndexer'>) {
  return scheduledJob('library indexer', async (event: { force?: boolean } | undefined) => getDeps().libraryIndexer.rebuild(event?.force ? { force: true } : {}));
}

export const handler = createIndexerHandler(wire.inject({ libraryIndexer: wire.libraryIndexer }));
