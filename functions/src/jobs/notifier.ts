import * as wire from '../app/wiring';
import { deliverNotifications } from '../services/notifications/notifier';

const deps = wire.inject(wire.notifierDeps());

/** Scheduled every minute: delivers what the outbox holds (at least once, idempotently). */
export const handler = async () => {
  const result = await deliverNotifications(deps());
  console.log(JSON.stringify({ level: 'info', msg: 'notifications delivered', ...result }));
  return result;
};
