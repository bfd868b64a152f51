import * as wire from '../app/wiring';
import { streamJob } from '../lib/stream';
import { countEvent } from '../services/stats/count-event';

/**
 * On the table's stream (serverless.yml: INSERTs of case events that carry counters): adds each
 * event's counters to the statistics in one transaction with the event's "counted" marker, so a
 * redelivered record counts once. A failed record is reported; Lambda retries from it.
 */
export const handler = streamJob('stats consumer', wire.inject({ stats: wire.stats }), async (change, deps) => {
  await countEvent(deps, change);
});
