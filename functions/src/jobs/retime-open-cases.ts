import * as wire from '../app/wiring';
import { streamJob } from '../lib/stream';
import { logger } from '../lib/log';
import { runRetimeJob } from '../services/sla/retime-job';
import type { RescheduleDeps } from '../services/sla/sweep';

/**
 * On the table's stream (serverless.yml `retimeOpenCases`: the INSERT of a re-timing job item,
 * `RETIME#JOB / <id>`, which an admin's calendar change writes in its own transaction). Runs the job:
 * counts the open cases, re-times the working-day ones page by page and writes the progress the
 * console shows. Idempotent on redelivery (services/sla/retime-job.ts); a run that throws is reported
 * and Lambda hands the record over again, and the next run continues from the stored cursor.
 */
export function createRetimeHandler(getDeps: () => RescheduleDeps) {
  return streamJob('retime open cases', getDeps, async (change, deps) => {
    if (change.eventName !== 'INSERT') return;
    const id = (change.newImage?.id ?? change.keys.sk) as string | undefined;
    if (!id) return;
    const job = await runRetimeJob(deps, id);
    if (job) logger.info('retime job', { id, status: job.status, total: job.total, done: job.done, rescheduled: job.rescheduled });
  });
}

export const handler = createRetimeHandler(wire.inject({ cases: wire.cases, queues: wire.queues, now: wire.clock, ...wire.slaSettingsDeps() }));
