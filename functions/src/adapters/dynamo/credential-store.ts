import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import type { CredentialStore } from '../../ports/cases';
import { caseEntities } from './entities';
import { LATEST, type MinshengTable } from './table';

/** Password hashes and idempotency records, read strongly consistent (they are read right after they are written). */
export function createDynamoCredentialStore(table: MinshengTable): CredentialStore {
  const { CredentialEntity, IdempotencyEntity } = caseEntities(table);
  return {
    async getPasswordHash(caseNo) {
      const { Item } = await CredentialEntity.build(GetItemCommand).key({ caseNo }).options(LATEST).send();
      return Item?.passwordHash;
    },

    async getIdempotency(keyHash) {
      const { Item } = await IdempotencyEntity.build(GetItemCommand).key({ keyHash }).options(LATEST).send();
      return Item ? { keyHash: Item.keyHash, bodyHash: Item.bodyHash, caseNo: Item.caseNo, createdAt: Item.createdAt } : undefined;
    },
  };
}
