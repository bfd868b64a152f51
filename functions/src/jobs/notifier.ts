import { defaultDeps } from '../lib/deps';
import { deliverNotifications } from '../services/notifier';

/** Scheduled every minute: delivers what the outbox holds (at least once, idempotently). */
export const handler = async () => {
  const result = await deliverNotifications(defaultDeps());
  console.log(JSON.stringify({ level: 'info', msg: 'notifications delivered', ...result }));
  return result;
};
