import { $add } from 'dynamodb-toolbox/entity/actions/update';
import { UpdateTransaction } from 'dynamodb-toolbox/entity/actions/transactUpdate';
import { execute } from 'dynamodb-toolbox/entity/actions/transactWrite';
import { shardOf, statPeriods, STAT_METRICS, type CounterDelta, type StatCounters } from '@minsheng/shared';
import type { StatsStore } from '../../ports/statistics';
import { caseEntities, statsEntities } from './entities';
import { conditionFailedAt, ON_CONFLICT_ONLY, retryTransaction } from './errors';
import { key } from './keys';
import { queryAll } from './query-all';
import type { MinshengTable } from './table';

/**
 * Each (period, dimension) counter is spread over this many items (`<dim>~<shard>`, the shard a hash
 * of the event id), so consumers counting events at once rarely write the same item. Readers sum them.
 */
export const STATS_SHARDS = 8;

const SEP = key.statsShardSeparator;

/** The dimension of a counter item's `dim` (`ALL~3` → `ALL`; an unsharded item from before is its own dimension). */
export const dimensionOf = (dim: string) => (dim.includes(SEP) ? dim.slice(0, dim.indexOf(SEP)) : dim);

/** The statistics counters: one partition per period, `STATS_SHARDS` items per dimension. */
export function createDynamoStatsStore(table: MinshengTable): StatsStore {
  const { StatsEntity } = statsEntities(table);
  const { CaseEventEntity } = caseEntities(table);
  /**
   * A period's counter items (those whose sort key begins with `prefix`, or all), every page. Read raw, not
   * through the entity's formatter: a month of 1,000 departments is ~11,000 items, and formatting them
   * took twice as long as reading them (tests/bench/assessment-ranking.bench.ts).
   */
  function counterItems(period: string, prefix?: string): Promise<Record<string, unknown>[]> {
    return queryAll(table, {
      KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
      ExpressionAttributeValues: { ':pk': key.statsPartition(period), ...(prefix ? { ':prefix': prefix } : {}) },
    });
  }

  /** One UpdateItem per (period, dimension) — on the event's shard — with every metric the event adds to it. */
  function counterTransactions(eventId: string, deltas: CounterDelta[], at: Date) {
    const shard = shardOf(eventId, STATS_SHARDS);
    const grouped = new Map<string, { period: string; dim: string; adds: Record<string, number> }>();
    for (const delta of deltas) {
      // An exemption's take-backs name the month they were counted in; every other delta counts in the event's.
      for (const period of delta.month ? ['ALL', delta.month] : statPeriods(at)) {
        for (const dim of delta.dims) {
          const id = `${period}|${dim}`;
          const entry = grouped.get(id) ?? { period, dim: `${dim}${SEP}${shard}`, adds: {} };
          entry.adds[delta.metric] = (entry.adds[delta.metric] ?? 0) + delta.by;
          grouped.set(id, entry);
        }
      }
    }
    return [...grouped.values()].map(({ period, dim, adds }) =>
      StatsEntity.build(UpdateTransaction).item({ period, dim, ...Object.fromEntries(Object.entries(adds).map(([m, by]) => [m, $add(by)])) } as never),
    );
  }

  return {
    async getStats(period) {
      const byDim: Record<string, StatCounters> = {};
      for (const item of await counterItems(period)) {
        const dim = dimensionOf(String(item.sk));
        byDim[dim] = addCounters(byDim[dim] ?? {}, item);
      }
      return byDim;
    },

    async getStatsTotals(period, dimension = 'ALL') {
      // One dimension's shards (a unit's figures: `UNIT#<id>~<shard>`; the separator keeps `UNIT#hexi` from matching
      // `UNIT#hexi-xinhua`); `ALL~<shard>` and a bare `ALL` from before sharding.
      const items = await counterItems(period, dimension === 'ALL' ? 'ALL' : `${dimension}${SEP}`);
      return items.filter((item) => dimensionOf(String(item.sk)) === dimension).reduce<StatCounters>((sum, item) => addCounters(sum, item), {});
    },

    async countEvent({ caseNo, eventId, at, counters }) {
      const marker = CaseEventEntity.build(UpdateTransaction)
        .item({ caseNo, eventId, countedAt: new Date().toISOString() })
        .options({ condition: { and: [{ attr: 'eventId', exists: true }, { attr: 'countedAt', exists: false }] } });
      try {
        // Counters of different events on the same shard can still collide: such a transaction is retried.
        await retryTransaction(() => execute(marker, ...counterTransactions(eventId, counters, new Date(at))), ON_CONFLICT_ONLY);
        return 'counted';
      } catch (error) {
        if (conditionFailedAt(error, 0)) return 'already_counted';
        throw error;
      }
    },
  };
}

function addCounters(sum: StatCounters, item: Record<string, unknown>): StatCounters {
  const out: StatCounters = { ...sum };
  for (const metric of STAT_METRICS) {
    const value = item[metric];
    if (typeof value === 'number') out[metric] = (out[metric] ?? 0) + value;
  }
  return out;
}
