/**
 * Helpers for the library integration tests (not a test file): a second "warm Lambda" on the same
 * table with its own index and a clock the test moves, so keeping indexes in step across processes
 * can be shown without waiting.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { inject } from 'vitest';
import { createDeps } from '../../../functions/src/app/deps';
import type { Deps } from '../../../functions/src/services/deps';
import { LiveLibraryIndex } from '../../../functions/src/adapters/search/live-library-index';
import { search as searchRoute } from '../../../functions/src/http/citizen/policies';
import { TEST_SECRET, type TestStack } from '../../support/stack';

export interface OtherLambda {
  deps: Deps;
  index: LiveLibraryIndex;
  /** Move this process's monotonic clock (the index re-checks the table every 3 s of it). */
  advance(ms: number): void;
  /** GET /api/policies?… through the real handler on this process's dependencies. */
  search(query: string): Promise<{ status: number; body: any }>;
}

export function otherLambda(stack: TestStack): OtherLambda {
  let clock = 0;
  const base = createDeps({ TABLE_NAME: stack.tableName, AWS_REGION: 'local', DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), APP_SECRET: TEST_SECRET });
  const index = new LiveLibraryIndex(base.library, { clock: () => clock, checkEveryMs: 3000 });
  const deps: Deps = { ...base, now: () => stack.deps.now(), librarySearch: index };
  const handler = searchRoute.withDeps(deps);
  return {
    deps,
    index,
    advance(ms) {
      clock += ms;
    },
    async search(query) {
      const event = {
        version: '2.0',
        routeKey: 'GET /api/policies',
        rawPath: '/api/policies',
        rawQueryString: query,
        headers: { 'user-agent': 'vitest' },
        queryStringParameters: Object.fromEntries(new URLSearchParams(query)),
        requestContext: { http: { method: 'GET', path: '/api/policies', sourceIp: '203.0.113.9' }, requestId: randomUUID() },
        isBase64Encoded: false,
      } as unknown as APIGatewayProxyEventV2;
      const res = await handler(event, { awsRequestId: randomUUID() } as unknown as Context);
      return { status: res.statusCode ?? 0, body: JSON.parse(res.body ?? 'null') };
    },
  };
}

export const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);
export const q = (text: string, extra = '') => `/api/policies?q=${encodeURIComponent(text)}${extra}`;
