import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS } from '../../functions/src/adapters/dynamo/table';
import { readServerlessConfig, REPO_ROOT } from '../../infra/src/table-definition';

const run = promisify(execFile);

/** The citizen routes the foundation promises (DESIGN.md "HTTP API"). */
const CITIZEN_ROUTES = [
  'GET /api/categories',
  'GET /api/departments',
  'POST /api/cases',
  'POST /api/track/login',
  'GET /api/track/case',
  'POST /api/track/case/supplements',
  'POST /api/track/case/rating',
];

let outDir: string;
let template: { Resources: Record<string, { Type: string; Properties: any }> };
const resourcesOf = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'minsheng-package-'));
  // Offline, no credentials: osls packages without talking to AWS.
  await run(process.execPath, [resolve(REPO_ROOT, 'node_modules/serverless/bin/serverless.js'), 'package', '--stage', 'ci', '--package', outDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '' },
    timeout: 120_000,
  });
  template = JSON.parse(readFileSync(join(outDir, 'cloudformation-template-update-stack.json'), 'utf8'));
}, 180_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('serverless package (offline)', () => {
  it('declares one on-demand table whose keys and indexes are the ones the code uses', () => {
    const tables = resourcesOf('AWS::DynamoDB::Table');
    expect(tables).toHaveLength(1);
    const props = tables[0]![1].Properties;
    expect(props.TableName).toBe('minsheng-ci');
    expect(props.BillingMode).toBe('PAY_PER_REQUEST');
    expect(props.KeySchema).toEqual([
      { AttributeName: KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: KEYS.sortKey, KeyType: 'RANGE' },
    ]);
    const indexes = Object.fromEntries(
      (props.GlobalSecondaryIndexes as any[]).map((gsi) => [gsi.IndexName, gsi.KeySchema.map((k: any) => k.AttributeName)]),
    );
    expect(indexes).toEqual(Object.fromEntries(Object.entries(KEYS.indexes).map(([name, k]) => [name, [k.partitionKey, k.sortKey]])));
    expect(props.TimeToLiveSpecification).toEqual({ AttributeName: KEYS.ttl, Enabled: true });
    expect(props.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled).toBe(true);
  });

  it('routes every citizen endpoint, and every route in serverless.yml, through the HTTP API', () => {
    const routeKeys = resourcesOf('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);
    for (const route of CITIZEN_ROUTES) expect(routeKeys).toContain(route);
    const declared = Object.values<any>(readServerlessConfig().functions).flatMap((fn) =>
      (fn.events ?? []).filter((e: any) => e.httpApi).map((e: any) => `${e.httpApi.method} ${e.httpApi.path}`),
    );
    expect(new Set(routeKeys)).toEqual(new Set(declared));
  });

  it('throttles the whole API at the gateway, and public search (called while citizens type) more tightly', () => {
    const stages = resourcesOf('AWS::ApiGatewayV2::Stage');
    expect(stages).toHaveLength(1);
    const props = stages[0]![1].Properties;
    expect(props.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: expect.any(Number), ThrottlingBurstLimit: expect.any(Number) });
    const search = props.RouteSettings['GET /api/policies'];
    expect(search.ThrottlingRateLimit).toBeLessThan(props.DefaultRouteSettings.ThrottlingRateLimit);
    expect(search.ThrottlingBurstLimit).toBeLessThan(props.DefaultRouteSettings.ThrottlingBurstLimit);
    // The route settings name a route that exists.
    expect(resourcesOf('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey)).toContain('GET /api/policies');
  });

  it('gives the functions DynamoDB rights on this table and its indexes only, and no Scan', () => {
    const [, role] = resourcesOf('AWS::IAM::Role')[0]!;
    const statements = role.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
    const dynamo = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('dynamodb:')));
    expect(dynamo.length).toBeGreaterThan(0);
    for (const statement of dynamo) {
      const actions: string[] = [statement.Action].flat();
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions).not.toContain('dynamodb:*');
      const resources = [statement.Resource].flat();
      for (const resource of resources) {
        // Either the table's ARN or "<table ARN>/index/*" — never a wildcard over all tables.
        expect(JSON.stringify(resource)).toContain('"CasesTable","Arn"');
      }
    }
  });

  it('packages each function on Node.js 22 with the table name in its environment', () => {
    const functions = resourcesOf('AWS::Lambda::Function');
    expect(functions.length).toBe(Object.keys(readServerlessConfig().functions).length);
    for (const [, fn] of functions) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Environment.Variables.TABLE_NAME).toBe('minsheng-ci');
      const zip = join(outDir, fn.Properties.Code.S3Key.split('/').pop());
      // Bundled per function with the AWS SDK left to the runtime: small, quick to cold-start.
      expect(statSync(zip).size).toBeLessThan(512 * 1024);
    }
  });
});
