import * as wire from '../app/wiring';
import { streamJob } from '../lib/stream';
import { indexCaseChange } from '../services/search/index-case';

/**
 * On the table's stream (serverless.yml: writes of case items): keeps the case search index — the
 * postings of the words of each case's title and content, and of its place and category — in step.
 * A failed record is reported; Lambda retries from it (the writes are idempotent).
 */
export const handler = streamJob('case indexer', wire.inject({ caseSearch: wire.caseSearch }), async (change, deps) => {
  await indexCaseChange(deps, change);
});
