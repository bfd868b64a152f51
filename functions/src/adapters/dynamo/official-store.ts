import { GetItemCommand } from 'dynamodb-toolbox/entity/actions/get';
import { PutItemCommand } from 'dynamodb-toolbox/entity/actions/put';
import { BatchGetRequest } from 'dynamodb-toolbox/entity/actions/batchGet';
import { QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Official, OfficialStore } from '../../ports/officials';
import { officialEntities } from './entities';
import { isConditionFailed } from './errors';
import { indexKey } from './keys';
import { consistentBatchGet, LATEST, type MinshengTable } from './table';

/**
 * Officials' accounts by username; listed through gsi1 (`OFFICIALS` / <username>). gsi1 is the
 * queues' index and projects only keys and the queue summary, so the list reads the usernames there
 * and the accounts with consistent BatchGets (an admin's page, rarely opened; no password hash is
 * ever copied into an index).
 */
export function createDynamoOfficialStore(table: MinshengTable): OfficialStore {
  const { OfficialEntity } = officialEntities(table);
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
      const usernames: string[] = [];
      let exclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page: QueryCommandOutput = await table.getDocumentClient().send(
          new QueryCommand({
            TableName: table.getName(),
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': indexKey.officials },
            ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
          }),
        );
        for (const item of page.Items ?? []) usernames.push(String(item.gsi1sk));
        exclusiveStartKey = page.LastEvaluatedKey;
      } while (exclusiveStartKey);
      const items = await consistentBatchGet(table, usernames.map((username) => OfficialEntity.build(BatchGetRequest).key({ username })));
      return items.filter((item) => item !== undefined).map((item) => toOfficial(item as Official & Record<string, unknown>));
    },
  };
}

function toOfficial(item: Official & Record<string, unknown>): Official {
  const { gsi1pk: _a, gsi1sk: _b, ...rest } = item;
  return rest as Official;
}
