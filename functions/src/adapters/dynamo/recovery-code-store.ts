import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { DeleteItemCommand } from 'dynamodb-toolbox/entity/actions/delete';
import { UpdateItemCommand, $add } from 'dynamodb-toolbox/entity/actions/update';
import type { RecoveryCodeStore } from '../../ports/recovery-codes';
import { recoveryEntities } from './entities';
import { isConditionFailed } from './errors';
import { LATEST, type MinshengTable } from './table';

/** Recovery codes, one item per phone hash; removed by TTL an hour after they expire. */
export function createDynamoRecoveryCodeStore(table: MinshengTable): RecoveryCodeStore {
  const { RecoveryCodeEntity } = recoveryEntities(table);
  return {
    async putCode(code) {
      await RecoveryCodeEntity.build(PutItemCommand).item({ ...code, ttl: Math.ceil(code.expiresAt / 1000) + 3600 }).send();
    },

    async getCode(identity) {
      const { Item } = await RecoveryCodeEntity.build(GetItemCommand).key({ identity }).options(LATEST).send();
      return Item ? { identity: Item.identity, codeHash: Item.codeHash, expiresAt: Item.expiresAt, tries: Item.tries } : undefined;
    },

    async countTry(identity) {
      try {
        const { Attributes } = await RecoveryCodeEntity.build(UpdateItemCommand)
          .item({ identity, tries: $add(1) })
          .options({ condition: { attr: 'identity', exists: true }, returnValues: 'UPDATED_NEW' })
          .send();
        return Attributes?.tries;
      } catch (error) {
        if (isConditionFailed(error)) return undefined;
        throw error;
      }
    },

    async removeCode(identity, codeHash) {
      try {
        await RecoveryCodeEntity.build(DeleteItemCommand).key({ identity }).options({ condition: { attr: 'codeHash', eq: codeHash } }).send();
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },
  };
}
