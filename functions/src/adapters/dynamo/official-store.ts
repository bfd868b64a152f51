import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { AccessPattern } from 'dynamodb-toolbox/entity/actions/accessPattern';
import type { Official, OfficialStore } from '../../ports/officials';
import { officialEntities } from './entities';
import { isConditionFailed } from './errors';
import { indexKey } from './keys';
import { LATEST, type MinshengTable } from './table';

/** Officials' accounts by username; listed through gsi1 (`OFFICIALS`). */
export function createDynamoOfficialStore(table: MinshengTable): OfficialStore {
  const { OfficialEntity } = officialEntities(table);
  const allOfficials = OfficialEntity.build(AccessPattern)
    .pattern(() => ({ index: 'gsi1', partition: indexKey.officials }))
    .options({ maxPages: Infinity });
  const stored = (official: Official) => ({ ...official, gsi1pk: indexKey.officials, gsi1sk: official.username });

  return {
    async getOfficial(username) {
      const { Item } = await OfficialEntity.build(GetItemCommand).key({ username }).options(LATEST).send();
      return Item ? toOfficial(Item) : undefined;
    },

    async createOfficial(official) {
      try {
        await OfficialEntity.build(PutItemCommand)
          .item(stored(official))
          .options({ condition: { attr: 'username', exists: false } })
          .send();
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async putOfficial(official) {
      await OfficialEntity.build(PutItemCommand).item(stored(official)).send();
    },

    async listOfficials() {
      const { Items = [] } = await allOfficials.query({}).send();
      return Items.map(toOfficial);
    },
  };
}

function toOfficial(item: Official & Record<string, unknown>): Official {
  const { gsi1pk: _a, gsi1sk: _b, ...rest } = item;
  return rest as Official;
}
