import { UpdateItemCommand, $add } from 'dynamodb-toolbox/entity/actions/update';
import { DeleteItemCommand } from 'dynamodb-toolbox/entity/actions/delete';
import type { ThrottleStore } from '../../ports/throttle';
import { throttleEntities } from './entities';
import type { MinshengTable } from './table';

/** Attempt counters per key and fixed window, counted atomically with ADD; expired by TTL an hour after the window. */
export function createDynamoThrottleStore(table: MinshengTable): ThrottleStore {
  const { ThrottleEntity } = throttleEntities(table);
  return {
    async countAttempt(throttleKey, windowStart, windowEndsAt, delta) {
      const { Attributes } = await ThrottleEntity.build(UpdateItemCommand)
        .item({ throttleKey, windowStart, attempts: $add(delta), windowEndsAt, ttl: Math.ceil(windowEndsAt / 1000) + 3600 })
        .options({ returnValues: 'UPDATED_NEW' })
        .send();
      return Attributes?.attempts ?? delta;
    },

    async clearAttempts(throttleKey, windowStart) {
      await ThrottleEntity.build(DeleteItemCommand).key({ throttleKey, windowStart }).send();
    },
  };
}
