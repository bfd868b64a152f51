/**
 * The one-off recount of a table carried over from before the queue counts and the case search index were kept
 * from the stream (README: "An existing table"; the Scan itself is infra/src/recount-table.ts): `npm run recount` on the local stack's table, or on a deployed
 * one with the deployer's AWS credentials — `TABLE_NAME=minsheng-prod-cases AWS_REGION=cn-north-1 npm run recount`.
 * Run it once after the deploy that added caseChanges (it is safe beside the running stream, and safe to run
 * again). It reads every item of the table once (a Scan: the functions' role has no Scan right, so it runs
 * from here, not as a Lambda) and writes what was missing.
 */
import { createDynamoQueueCountStore } from '../../functions/src/adapters/dynamo/queue-count-store';
import { createDynamoCaseSearch } from '../../functions/src/adapters/dynamo/case-search';
import { createDocumentClient } from '../../functions/src/adapters/dynamo/client';
import { createTable } from '../../functions/src/adapters/dynamo/table';
import { recountTable } from './recount-table';

const tableName = process.env.TABLE_NAME ?? 'minsheng-local';
const endpoint = process.env.TABLE_NAME ? process.env.DYNAMODB_ENDPOINT : (process.env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${process.env.MINSHENG_DYNAMO_PORT ?? '8000'}`);
const region = process.env.AWS_REGION ?? 'local';
const client = createDocumentClient({ region, ...(endpoint ? { endpoint } : {}) });
const table = createTable(client, tableName);
const deps = { queueCounts: createDynamoQueueCountStore(table), caseSearch: createDynamoCaseSearch(table, {}) };

console.log(`recounting ${tableName}${endpoint ? ` at ${endpoint}` : ` in ${region}`}…`);
const started = Date.now();
let pages = 0;
const total = await recountTable(deps, client, tableName, (sofar) => {
  if (++pages % 10 === 0) console.log(`  ${sofar.scanned} items so far…`);
});
console.log(
  `done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${total.scanned} case and 协办 items read, ${total.counted} counted now, ${total.alreadyCounted} counted already, ${total.indexed} cases' search postings written`,
);
