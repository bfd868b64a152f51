import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Open311Partner, Open311PartnerStore, PublicCaseIndex, PublicCaseSummary } from '../../ports/open311';
import { monthsBetween } from './case-search';
import { PUBLIC_SUMMARY_ATTR } from './case-index-keys';
import { cancellationReasons, isConditionFailed } from './errors';
import { indexKey, key } from './keys';
import type { MinshengTable } from './table';

const PARTNER_FIELDS = ['id', 'name', 'enabled', 'createdAt', 'createdBy', 'disabledAt'] as const;

function toPartner(item: Record<string, unknown> | undefined): Open311Partner | undefined {
  if (!item) return undefined;
  return Object.fromEntries(PARTNER_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as unknown as Open311Partner;
}

/**
 * Open311 partners (REF#O311PARTNER / <id>, one small partition) and the lookup of an api_key
 * (O311KEY#<keyed hash> / KEY → partner id): written together, each only if new. Neither holds the key.
 */
export function createDynamoOpen311PartnerStore(table: MinshengTable): Open311PartnerStore {
  const client = () => table.getDocumentClient();
  const name = table.getName();

  const getPartner = async (id: string) => toPartner((await client().send(new GetCommand({ TableName: name, Key: key.open311Partner(id), ConsistentRead: true }))).Item);

  return {
    async createPartner(partner, keyHash) {
      try {
        await client().send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: name, Item: { ...key.open311Partner(partner.id), ...partner }, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: name, Item: { ...key.open311Key(keyHash), partnerId: partner.id, createdAt: partner.createdAt }, ConditionExpression: 'attribute_not_exists(pk)' } },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (cancellationReasons(error).includes('ConditionalCheckFailed')) return false;
        throw error;
      }
    },

    getPartner,

    async partnerOfKey(keyHash) {
      const { Item } = await client().send(new GetCommand({ TableName: name, Key: key.open311Key(keyHash), ConsistentRead: true }));
      return typeof Item?.partnerId === 'string' ? getPartner(Item.partnerId) : undefined;
    },

    async listPartners() {
      const out: Open311Partner[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page: QueryCommandOutput = await client().send(
          new QueryCommand({ TableName: name, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': key.open311Partners }, ...(start ? { ExclusiveStartKey: start } : {}) }),
        );
        for (const item of page.Items ?? []) out.push(toPartner(item)!);
        start = page.LastEvaluatedKey;
      } while (start);
      return out;
    },

    async disablePartner(id, at) {
      try {
        const { Attributes } = await client().send(
          new UpdateCommand({
            TableName: name,
            Key: key.open311Partner(id),
            UpdateExpression: 'SET enabled = :f, disabledAt = if_not_exists(disabledAt, :at)',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':f': false, ':at': at },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return toPartner(Attributes);
      } catch (error) {
        if (isConditionFailed(error)) return undefined;
        throw error;
      }
    },
  };
}

/** Index items read per Query page of the public listing. */
const PAGE = 500;

/**
 * The public listing: gsi9, one partition per Shanghai month of filing, newest first; each month's
 * Query is bounded by the window on the sort key, and the whole answer by `limit` kept and `maxRead` read.
 */
export function createDynamoPublicCaseIndex(table: MinshengTable): PublicCaseIndex {
  return {
    async listFiled(window, keep, limits) {
      const out: PublicCaseSummary[] = [];
      let read = 0;
      for (const month of monthsBetween(window.from, window.to)) {
        let start: Record<string, unknown> | undefined;
        do {
          const page: QueryCommandOutput = await table.getDocumentClient().send(
            new QueryCommand({
              TableName: table.getName(),
              IndexName: 'gsi9',
              KeyConditionExpression: 'gsi9pk = :pk AND gsi9sk BETWEEN :from AND :to',
              // '~' sorts after '#': a case filed at `to` itself is in.
              ExpressionAttributeValues: { ':pk': indexKey.publicMonth(month), ':from': window.from, ':to': `${window.to}~` },
              ScanIndexForward: false,
              Limit: Math.min(PAGE, limits.maxRead - read),
              ...(start ? { ExclusiveStartKey: start } : {}),
            }),
          );
          for (const item of page.Items ?? []) {
            read++;
            const summary = item[PUBLIC_SUMMARY_ATTR] as PublicCaseSummary | undefined;
            if (summary && keep(summary)) out.push(summary);
            if (out.length >= limits.limit) return out;
          }
          start = page.LastEvaluatedKey;
          if (read >= limits.maxRead) return out;
        } while (start);
      }
      return out;
    },
  };
}
