import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AssessmentStore, ExemptionListing, PublishedRanking } from '../../ports/assessment';
import { isConditionFailed } from './errors';
import { key } from './keys';
import { queryAll } from './query-all';
import type { MinshengTable } from './table';

const EXEMPTION_FIELDS = ['month', 'at', 'caseNo', 'reason', 'by', 'unitPath', 'unitId', 'departmentId'] as const;

/**
 * Exemptions of a month (EXEMPT#<month> / <at>#<caseNo>, written with each exemption by the case store)
 * and published rankings (ASSESS#PUBLISHED / <month>, the public figures as JSON, each written once).
 */
export function createDynamoAssessmentStore(table: MinshengTable): AssessmentStore {
  const client = () => table.getDocumentClient();
  const name = table.getName();

  return {
    async listExemptions(month) {
      const items = await queryAll(table, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': key.assessmentExemptions(month) }, ConsistentRead: true });
      return items.map((item) => Object.fromEntries(EXEMPTION_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as unknown as ExemptionListing);
    },

    async publish(ranking) {
      try {
        await client().send(
          new PutCommand({
            TableName: name,
            Item: { ...key.publishedRanking(ranking.month), month: ranking.month, publishedAt: ranking.publishedAt, publishedBy: ranking.publishedBy, ranking: JSON.stringify(ranking.ranking) },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return 'published';
      } catch (error) {
        if (isConditionFailed(error)) return 'already_published';
        throw error;
      }
    },

    async getPublished(month) {
      const { Item } = await client().send(new GetCommand({ TableName: name, Key: key.publishedRanking(month), ConsistentRead: true }));
      return Item ? toPublished(Item) : undefined;
    },

    async listPublished() {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': key.publishedRankings },
        ProjectionExpression: '#m, publishedAt',
        ExpressionAttributeNames: { '#m': 'month' },
        ScanIndexForward: false,
      });
      return items.map((i) => ({ month: String(i.month), publishedAt: String(i.publishedAt) }));
    },
  };
}

function toPublished(item: Record<string, unknown>): PublishedRanking {
  return { month: String(item.month), publishedAt: String(item.publishedAt), publishedBy: String(item.publishedBy), ranking: JSON.parse(String(item.ranking)) };
}
