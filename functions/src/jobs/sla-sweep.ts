import * as wire from '../app/wiring';
import { scheduledJob } from '../lib/log';
import { deliverNotifications, type NotifierDeps } from '../services/notifications/notifier';
import { sweepSla, type SweepDeps } from '../services/sla/sweep';

/**
 * Scheduled every 5 minutes (serverless.yml). May also be invoked with `{ "now": "<ISO>" }` to
 * sweep as of another moment (tests, demos). Delivers the notifications it caused right away.
 * Logs one line with its counts ("sla sweep finished"), or the error ("sla sweep failed").
 */
export function createSweepHandler(getDeps: () => SweepDeps & NotifierDeps) {
  return scheduledJob('sla sweep', async (event: { now?: string } | undefined) => {
    const deps = getDeps();
    const now = event?.now ? new Date(event.now) : deps.now();
    if (Number.isNaN(now.getTime())) throw new Error(`invalid now: ${event?.now}`);
    const sweep = await sweepSla(deps, now);
    const delivery = await deliverNotifications(deps);
    return { now: now.toISOString(), ...sweep, delivery };
  });
}

export const handler = createSweepHandler(wire.inject({ ...wire.notifierDeps(), queues: wire.queues, ...wire.slaSettingsDeps() }));
