/**
 * The one-off recount's Scan (README: "An existing table"; the CLI is infra/src/recount.ts): every case and 协办
 * item of the table, page by page, handed to services/maintenance/recount.ts. It runs here, with the
 * deployer's credentials, not in a function: the functions' role has no Scan right, and no function scans.
 */
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../../functions/src/services/deps';
import { recountItems, type RecountTotals } from '../../functions/src/services/maintenance/recount';

export async function recountTable(
  deps: Pick<Deps, 'queueCounts' | 'caseSearch'>,
  client: DynamoDBDocumentClient,
  tableName: string,
  onPage: (totals: RecountTotals) => void = () => {},
): Promise<RecountTotals> {
  const total: RecountTotals = { scanned: 0, counted: 0, alreadyCounted: 0, indexed: 0 };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        Limit: 500,
        ConsistentRead: true,
        FilterExpression: 'begins_with(pk, :case) AND (sk = :item OR begins_with(sk, :part))',
        ExpressionAttributeValues: { ':case': 'CASE#', ':item': 'CASE', ':part': 'PART#' },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const done = await recountItems(deps, (page.Items ?? []) as Record<string, unknown>[]);
    for (const k of Object.keys(total) as (keyof RecountTotals)[]) total[k] += done[k];
    onPage(total);
    start = page.LastEvaluatedKey as Record<string, unknown> | undefined;
  } while (start);
  return total;
}
