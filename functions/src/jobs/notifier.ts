import * as wire from '../app/wiring';
import { scheduledJob } from '../lib/log';
import { deliverNotifications } from '../services/notifications/notifier';

const deps = wire.inject(wire.notifierDeps());

/**
 * Scheduled every minute: delivers what the outbox holds (at least once, idempotently); an item
 * that keeps failing is dead-lettered after MAX_DELIVERY_ATTEMPTS (services/notifications/notifier.ts).
 * Logs one line with the counts (`deadLettered` among them).
 */
export const handler = scheduledJob('notifier', async () => deliverNotifications(deps()));
