import * as wire from '../app/wiring';
import { rebuildLibrarySnapshot } from '../adapters/search/live-library-index';
import { scheduledJob } from '../lib/log';

const deps = wire.inject({ library: wire.library, storage: wire.storage });

/**
 * Scheduled every minute (serverless.yml): when the library version moved past the snapshot's,
 * rebuilds the search index from the table and writes the snapshot cold search Lambdas load
 * (`search/library/` in the evidence bucket). Nothing to do → one GetItem and one GET.
 * `{ "force": true }` rewrites it regardless. Logs one line ("library indexer finished") with
 * what it wrote and how long each step took.
 */
export const handler = scheduledJob('library indexer', async (event: { force?: boolean } | undefined) => {
  const { library, storage } = deps();
  return rebuildLibrarySnapshot(library, storage, { ...(event?.force ? { force: true } : {}) });
});
