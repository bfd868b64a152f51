import * as wire from '../app/wiring';
import { deliverNotifications, type NotifierDeps } from '../services/notifications/notifier';
import { sweepSla, type SweepDeps } from '../services/sla/sweep';

/**
 * Scheduled every 5 minutes (serverless.yml). May also be invoked with `{ "now": "<ISO>" }` to
 * sweep as of another moment (tests, demos). Delivers the notifications it caused right away.
 */
export function createSweepHandler(getDeps: () => SweepDeps & NotifierDeps) {
  return async (event: { now?: string } | undefined) => {
    const deps = getDeps();
    const now = event?.now ? new Date(event.now) : deps.now();
    if (Number.isNaN(now.getTime())) throw new Error(`invalid now: ${event?.now}`);
    const sweep = await sweepSla(deps, now);
    const delivery = await deliverNotifications(deps);
    const result = { now: now.toISOString(), ...sweep, delivery };
    console.log(JSON.stringify({ level: 'info', msg: 'sla sweep', ...result }));
    return result;
  };
}

export const handler = createSweepHandler(wire.inject({ ...wire.notifierDeps(), queues: wire.queues, now: wire.clock, ...wire.slaSettingsDeps() }));
