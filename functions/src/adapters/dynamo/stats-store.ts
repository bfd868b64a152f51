import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import { string } from 'dynamodb-toolbox/schema/string';
import type { StatCounters } from '@minsheng/shared';
import type { StatsStore } from '../../ports/statistics';
import { statsEntities } from './entities';
import { key } from './keys';
import type { MinshengTable } from './table';

/** The statistics counters: one partition per period, one item per dimension. */
export function createDynamoStatsStore(table: MinshengTable): StatsStore {
  const { StatsEntity } = statsEntities(table);
  const dimensionsOf = StatsEntity.build(AccessPattern)
    .schema(string())
    .pattern((period) => ({ partition: key.statsPartition(period) }))
    .options({ maxPages: Infinity });

  return {
    async getStats(period) {
      const { Items = [] } = await dimensionsOf.query(period).send();
      return Object.fromEntries(Items.map((item) => [item.dim, toCounters(item)]));
    },

    async getStatsTotals(period) {
      const { Item } = await StatsEntity.build(GetItemCommand).key({ period, dim: 'ALL' }).send();
      return Item ? toCounters(Item) : {};
    },
  };
}

function toCounters(item: Record<string, unknown>): StatCounters {
  const { period: _p, dim: _d, ...counters } = item;
  return counters as StatCounters;
}
