import * as wire from '../app/wiring';
import { streamJob } from '../lib/stream';
import { followQueueCounts } from '../services/console/queue-counts';

/**
 * On the table's stream (serverless.yml: changes of case items and 协办 part items): moves each
 * item's exact queue counts from the partitions it left to those it entered, once per record (the
 * item's marker remembers what it was counted in and at which record). Lambda retries a failed
 * record; a record delivered again changes nothing.
 */
export const handler = streamJob('queue counter', wire.inject({ queueCounts: wire.queueCounts }), async (change, deps) => {
  await followQueueCounts(deps, change);
});
