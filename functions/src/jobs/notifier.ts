import * as wire from '../app/wiring';
import { scheduledJob } from '../lib/log';
import { deliverNotifications } from '../services/notifications/notifier';

const deps = wire.inject(wire.notifierDeps());

/** Scheduled every minute: delivers what the outbox holds (at least once, idempotently). Logs one line with the counts. */
export const handler = scheduledJob('notifier', async () => deliverNotifications(deps()));
