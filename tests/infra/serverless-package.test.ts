import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS } from '../../functions/src/adapters/dynamo/table';
import { METRICS_NAMESPACE } from '../../functions/src/lib/log';
import { DEAD_LETTER_METRIC } from '../../functions/src/services/notifications/notifier';
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
  'POST /api/track/case/withdraw',
];

let outDir: string;
let template: { Resources: Record<string, { Type: string; Properties: any; Condition?: string; DependsOn?: unknown }>; Conditions?: Record<string, any> };
const resourcesOf = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'minsheng-package-'));
  // Offline, no credentials: osls packages without talking to AWS.
  await run(process.execPath, [resolve(REPO_ROOT, 'node_modules/serverless/bin/serverless.js'), 'package', '--stage', 'ci', '--package', outDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '', MINSHENG_ALARM_EMAIL: '' },
    // ~70 functions, each bundling the AWS SDK: 2–4 min on 2 busy cores.
    timeout: 420_000,
  });
  template = JSON.parse(readFileSync(join(outDir, 'cloudformation-template-update-stack.json'), 'utf8'));
}, 480_000);

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
        // The table's stream (the framework's grant for the stream events of caseChanges and retimeOpenCases): reading it, nothing else.
        if (JSON.stringify(resource).includes('"CasesTable","StreamArn"')) {
          expect(actions.every((a) => ['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream', 'dynamodb:ListStreams'].includes(a)), actions.join()).toBe(true);
          continue;
        }
        // Either the table's ARN or "<table ARN>/index/*" — never a wildcard over all tables.
        expect(JSON.stringify(resource)).toContain('"CasesTable","Arn"');
      }
    }
  });

  it('packages each function on Node.js 22 with the table name in its environment', () => {
    const functions = resourcesOf('AWS::Lambda::Function');
    expect(functions.length).toBe(Object.keys(readServerlessConfig().functions).length);
    for (const [id, fn] of functions) {
      expect(fn.Properties.Runtime).toBe('nodejs22.x');
      expect(fn.Properties.Environment.Variables.TABLE_NAME).toBe('minsheng-ci');
      const zip = join(outDir, fn.Properties.Code.S3Key.split('/').pop());
      // Bundled per function, the AWS SDK included (tree-shaken, minified): one file, quick to cold-start.
      // Only the sanitising functions carry a native library (sharp + libvips for arm64, checked below).
      expect(statSync(zip).size, id).toBeLessThan(SANITISING.includes(id) ? 16 * 1024 * 1024 : 512 * 1024);
    }
  });

  it('bundles the AWS SDK version the code was tested with into each function, instead of importing the runtime\'s copy', async () => {
    // Lambda's nodejs22.x ships an SDK of its own choosing; a bundled one is the version in package-lock.json.
    const tested = JSON.parse(readFileSync(resolve(REPO_ROOT, 'node_modules/@aws-sdk/client-dynamodb/package.json'), 'utf8')).version as string;
    const bundleOf = async (id: string) => {
      const handler = template.Resources[id]!.Properties.Handler as string;
      return (await zipFile(zipOf(id), `${handler.slice(0, handler.lastIndexOf('.'))}.mjs`)).toString('utf8');
    };
    for (const [id] of resourcesOf('AWS::Lambda::Function')) {
      // (an SDK error message quotes `require("@aws-sdk/signature-v4-crt")`: only import statements count)
      expect(await bundleOf(id), id).not.toMatch(/\bfrom\s*["']@aws-sdk\/|\bimport\(\s*["']@aws-sdk\//);
    }
    // Routes that read the table carry the DynamoDB client itself, at the tested version.
    for (const id of ['ListCategoriesLambdaFunction', 'FileCaseLambdaFunction']) {
      expect(await bundleOf(id), id).toContain(`name:"@aws-sdk/client-dynamodb",version:"${tested}"`);
    }
  }, 120_000);

  it('signs DynamoDB requests with the execution role\'s credentials from the environment, without the SDK\'s default chain', async () => {
    // The Lambda bundles carry a stub in place of @aws-sdk/credential-provider-node (infra/esbuild/plugins.cjs): a
    // client left to the default chain would fail every request in AWS. The packaged GET /api/categories, run as
    // Lambda runs it (role credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, no ~/.aws),
    // must send its DynamoDB request signed with those; a local server stands in for DynamoDB and records it.
    const id = 'ListCategoriesLambdaFunction';
    const handler = template.Resources[id]!.Properties.Handler as string;
    const dir = join(outDir, 'signing');
    mkdirSync(dir, { recursive: true });
    const bundle = join(dir, 'list-categories.mjs');
    writeFileSync(bundle, await zipFile(zipOf(id), `${handler.slice(0, handler.lastIndexOf('.'))}.mjs`));
    expect(readFileSync(bundle, 'utf8')).toContain('@aws-sdk/credential-provider-node is not bundled');

    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message: 'stand-in' }));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as { port: number };
    try {
      const event = { version: '2.0', routeKey: 'GET /api/categories', rawPath: '/api/categories', rawQueryString: '', headers: {}, isBase64Encoded: false, requestContext: { http: { method: 'GET', path: '/api/categories' }, requestId: 'r1' } };
      const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)}); const r = await handler(${JSON.stringify(event)}, { awsRequestId: 'r1', functionName: 'listCategories' }); console.log(JSON.stringify(r));`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
        cwd: dir,
        env: {
          PATH: process.env.PATH,
          HOME: dir,
          AWS_REGION: 'ap-east-1',
          AWS_ACCESS_KEY_ID: 'ASIAROLECREDENTIALS',
          AWS_SECRET_ACCESS_KEY: 'role-secret',
          AWS_SESSION_TOKEN: 'role-session-token',
          AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${port}`,
          TABLE_NAME: 'minsheng-ci',
          APP_SECRET: 'package-test-secret-0123456789abcdefghij',
        },
        timeout: 30_000,
      });
      expect(seen.length, stdout).toBeGreaterThan(0);
      for (const headers of seen) {
        expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIAROLECREDENTIALS\/\d{8}\/ap-east-1\/dynamodb\/aws4_request/);
        expect(headers['x-amz-security-token']).toBe('role-session-token');
      }
    } finally {
      server.close();
    }
  }, 60_000);
});

// ---- Evidence (issue #14): the bucket, and sharp for Lambda arm64 in the functions that sanitise ----

const SANITISING = ['CompleteUploadLambdaFunction', 'ConsoleCompleteUploadLambdaFunction'];

async function zipEntries(zip: string): Promise<string[]> {
  const { stdout } = await run('unzip', ['-Z1', zip], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.split('\n').filter(Boolean);
}
async function zipFile(zip: string, entry: string): Promise<Buffer> {
  const { stdout } = await run('unzip', ['-p', zip, entry], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  return stdout as unknown as Buffer;
}
const zipOf = (logicalId: string) => join(outDir, (template.Resources[logicalId]!.Properties.Code.S3Key as string).split('/').pop()!);

describe('evidence bucket and sanitising (serverless package, offline)', () => {
  it('one private bucket: encrypted, all public access blocked, ACLs disabled, TLS only, uploads/ expired after a day', () => {
    // Besides the framework's own deployment bucket, one bucket: the evidence.
    const buckets = resourcesOf('AWS::S3::Bucket').filter(([id]) => id !== 'ServerlessDeploymentBucket');
    expect(buckets.map(([id]) => id)).toEqual(['EvidenceBucket']);
    const [bucketId, bucket] = buckets[0]!;
    const p = bucket.Properties;
    expect(p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(p.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(p.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    // The orphan cleanup: an upload never attached (an original, or a sanitised copy) is gone after 24 h.
    const rules = p.LifecycleConfiguration.Rules;
    expect(rules).toContainEqual(expect.objectContaining({ Status: 'Enabled', Prefix: 'uploads/', ExpirationInDays: 1 }));
    // Attached files live under cases/, which no rule expires.
    expect(rules.every((r: any) => !'cases/'.startsWith(r.Prefix ?? ''))).toBe(true);
    expect(p.CorsConfiguration.CorsRules[0].AllowedMethods).toContain('POST');
    const [, policy] = resourcesOf('AWS::S3::BucketPolicy').find(([, p]) => JSON.stringify(p.Properties.Bucket) === JSON.stringify(ref(bucketId)))!;
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    // The functions find the bucket by name from their environment.
    for (const [, fn] of resourcesOf('AWS::Lambda::Function')) expect(fn.Properties.Environment.Variables.EVIDENCE_BUCKET).toBe(p.BucketName);
  });

  it('gives the functions object rights on this bucket only (no listing, no bucket-wide or account-wide rights)', () => {
    const [, role] = resourcesOf('AWS::IAM::Role')[0]!;
    const statements = role.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
    const s3 = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('s3:')));
    expect(s3).toHaveLength(1);
    expect([s3[0].Action].flat().sort()).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:PutObject']);
    expect(s3[0].Resource).toEqual([{ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['EvidenceBucket', 'Arn'] }, '/*']] }]);
  });

  it('the sanitising functions carry sharp for Lambda arm64 (linux-arm64 binding + libvips, AArch64 ELF); no other function carries sharp', async () => {
    for (const id of SANITISING) {
      const fn = template.Resources[id]!;
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      const entries = await zipEntries(zipOf(id));
      expect(entries).toContain('node_modules/sharp/package.json');
      const binding = entries.find((e) => /^node_modules\/@img\/sharp-linux-arm64\/lib\/sharp-linux-arm64-[\d.]+\.node$/.test(e));
      const libvips = entries.find((e) => /^node_modules\/@img\/sharp-libvips-linux-arm64\/lib\/libvips-cpp\.so/.test(e));
      expect(binding, `${id}: @img/sharp-linux-arm64`).toBeDefined();
      expect(libvips, `${id}: @img/sharp-libvips-linux-arm64`).toBeDefined();
      // No binary for another platform rides along.
      expect(entries.filter((e) => /@img\/sharp-(libvips-)?(linux-x64|darwin|win32|linuxmusl)/.test(e))).toEqual([]);
      // ELF, 64-bit, machine 183 (EM_AARCH64): what Lambda arm64 loads.
      for (const entry of [binding!, libvips!]) {
        const head = (await zipFile(zipOf(id), entry)).subarray(0, 20);
        expect(head.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
        expect(head[4]).toBe(2);
        expect(head.readUInt16LE(18)).toBe(183);
      }
      // sharp's version in the zip is the one the code was tested with.
      const packaged = JSON.parse((await zipFile(zipOf(id), 'node_modules/sharp/package.json')).toString('utf8'));
      const pinned = JSON.parse(readFileSync(resolve(REPO_ROOT, 'functions/package.json'), 'utf8')).dependencies.sharp;
      expect(packaged.version).toBe(pinned);
      // The bundle imports sharp (external), it does not inline it.
      const handler = fn.Properties.Handler as string;
      const bundle = `${handler.slice(0, handler.lastIndexOf('.'))}.mjs`;
      expect(entries).toContain(bundle);
      expect((await zipFile(zipOf(id), bundle)).toString('utf8')).toMatch(/from\s*"sharp"/);
    }
    for (const [id] of resourcesOf('AWS::Lambda::Function').filter(([id]) => !SANITISING.includes(id))) {
      expect((await zipEntries(zipOf(id))).some((e) => e.startsWith('node_modules/')), id).toBe(false);
    }
  }, 120_000);
});

// ---- Alarms ----

type Resource = { Type: string; Properties: any; Condition?: string };
const alarms = () => resourcesOf('AWS::CloudWatch::Alarm') as [string, Resource][];
const ref = (logicalId: string) => ({ Ref: logicalId });

/** The alarms on a metric, whether named directly or inside a metric-math alarm's Metrics. */
function alarmsOn(namespace: string, metricName: string, dimension?: { Name: string; Value: unknown }): [string, Resource][] {
  const matches = (m: any) =>
    m?.Namespace === namespace && m?.MetricName === metricName && (!dimension || (m.Dimensions ?? []).some((d: any) => d.Name === dimension.Name && JSON.stringify(d.Value) === JSON.stringify(dimension.Value)));
  return alarms().filter(([, a]) => matches(a.Properties) || (a.Properties.Metrics ?? []).some((q: any) => matches(q.MetricStat?.Metric)));
}
function oneAlarmOn(namespace: string, metricName: string, dimension?: { Name: string; Value: unknown }): any {
  const found = alarmsOn(namespace, metricName, dimension);
  expect(found.map(([id]) => id), `an alarm on ${namespace} ${metricName} ${JSON.stringify(dimension ?? {})}`).toHaveLength(1);
  return found[0]![1].Properties;
}

/** The Lambda function a serverless.yml function becomes, checked to be there. */
function lambda(name: string): string {
  const id = `${name[0]!.toUpperCase()}${name.slice(1)}LambdaFunction`;
  expect(template.Resources[id]?.Type, id).toBe('AWS::Lambda::Function');
  return id;
}

describe('alarms (CloudWatch), for the README Runbook', () => {
  it('API 5xx: a metric-math rate of the HTTP API’s 5xx over its requests (with a count for low volume)', () => {
    const alarm = oneAlarmOn('AWS/ApiGateway', '5xx', { Name: 'ApiId', Value: ref('HttpApi') });
    const ids = Object.fromEntries((alarm.Metrics as any[]).map((m) => [m.MetricStat?.Metric.MetricName ?? 'expression', m]));
    expect(ids.Count.MetricStat.Metric.Dimensions).toEqual([{ Name: 'ApiId', Value: ref('HttpApi') }]);
    const expression = (alarm.Metrics as any[]).find((m) => m.Expression);
    expect(expression.ReturnData).toBe(true);
    expect(expression.Expression).toContain(`${ids['5xx'].Id} / ${ids.Count.Id}`);
    expect(alarm.TreatMissingData).toBe('notBreaching');
  });

  it('gateway throttles: a metric filter on the HTTP API’s access log (429s that never reached a function), and an alarm on its metric', () => {
    const [, stage] = resourcesOf('AWS::ApiGatewayV2::Stage')[0]!;
    expect(stage.Properties.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': ['HttpApiLogGroup', 'Arn'] });
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status', integrationStatus: '$context.integrationStatus' });
    // No personal data in the access log: no caller IP, user agent or path (paths hold case numbers).
    expect(JSON.stringify(format)).not.toMatch(/sourceIp|userAgent|\$context\.path/);
    const filters = resourcesOf('AWS::Logs::MetricFilter').filter(([, f]) => JSON.stringify(f.Properties.LogGroupName) === JSON.stringify(ref('HttpApiLogGroup')));
    expect(filters).toHaveLength(1);
    const { FilterPattern, MetricTransformations } = filters[0]![1].Properties;
    expect(FilterPattern).toContain('$.status = "429"');
    expect(FilterPattern).toContain('$.integrationStatus = "-"');
    const [metric] = MetricTransformations;
    expect(metric.Dimensions).toEqual([{ Key: 'service', Value: '$.service' }]);
    expect(format.service).toBe('minsheng-ci');
    const alarm = oneAlarmOn(metric.MetricNamespace, metric.MetricName, { Name: 'service', Value: 'minsheng-ci' });
    expect(alarm).toMatchObject({ Statistic: 'Sum', TreatMissingData: 'notBreaching' });
  });

  it('Lambda Errors and Throttles for the sweep, the notifier, filing and the citizens’ login', () => {
    for (const fn of ['slaSweep', 'notifier', 'fileCase', 'trackLogin']) {
      for (const metric of ['Errors', 'Throttles']) {
        const alarm = oneAlarmOn('AWS/Lambda', metric, { Name: 'FunctionName', Value: ref(lambda(fn)) });
        expect(alarm, `${fn} ${metric}`).toMatchObject({ Statistic: 'Sum', ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 1, TreatMissingData: 'notBreaching' });
      }
    }
  });

  it('statistics behind: the stream consumer failing (Errors) or more than 5 minutes behind the stream (IteratorAge, Maximum)', () => {
    const id = ref(lambda('caseChanges'));
    expect(oneAlarmOn('AWS/Lambda', 'Errors', { Name: 'FunctionName', Value: id })).toMatchObject({ Statistic: 'Sum', Threshold: 1, TreatMissingData: 'notBreaching' });
    expect(oneAlarmOn('AWS/Lambda', 'IteratorAge', { Name: 'FunctionName', Value: id })).toMatchObject({
      Statistic: 'Maximum',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 300_000,
      TreatMissingData: 'notBreaching',
    });
  });

  it('the sweep and the notifier not running: no invocation in 15 and 5 minutes, missing data breaching', () => {
    const config = readServerlessConfig().functions;
    expect(config.slaSweep.events[0].schedule).toBe('rate(5 minutes)');
    expect(config.notifier.events[0].schedule).toBe('rate(1 minute)');
    for (const [fn, period] of [['slaSweep', 900], ['notifier', 300]] as const) {
      const alarm = oneAlarmOn('AWS/Lambda', 'Invocations', { Name: 'FunctionName', Value: ref(lambda(fn)) });
      expect(alarm, fn).toMatchObject({ Statistic: 'Sum', Period: period, ComparisonOperator: 'LessThanThreshold', Threshold: 1, TreatMissingData: 'breaching' });
    }
  });

  it('dead-lettered notifications: an alarm on the metric the notifier writes (EMF), with the dimension its log lines carry', () => {
    const [, notifier] = [...resourcesOf('AWS::Lambda::Function')].find(([id]) => id === lambda('notifier'))!;
    const service = notifier.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME;
    expect(service).toBe('minsheng-ci');
    const alarm = oneAlarmOn(METRICS_NAMESPACE, DEAD_LETTER_METRIC, { Name: 'service', Value: service });
    expect(alarm).toMatchObject({ Statistic: 'Sum', ComparisonOperator: 'GreaterThanThreshold', Threshold: 0, TreatMissingData: 'notBreaching' });
    expect(alarm.Dimensions).toHaveLength(1);
  });

  it('every alarm notifies one SNS topic when it fires and clears; the e-mail subscription exists only when MINSHENG_ALARM_EMAIL is set', () => {
    const topics = resourcesOf('AWS::SNS::Topic');
    expect(topics).toHaveLength(1);
    const [topicId] = topics[0]!;
    expect(alarms().length).toBeGreaterThanOrEqual(13);
    for (const [id, a] of alarms()) {
      expect(a.Properties.AlarmActions, id).toEqual([ref(topicId)]);
      expect(a.Properties.OKActions, id).toEqual([ref(topicId)]);
    }
    const subscriptions = resourcesOf('AWS::SNS::Subscription') as [string, Resource][];
    expect(subscriptions).toHaveLength(1);
    const [, sub] = subscriptions[0]!;
    expect(sub.Properties).toMatchObject({ TopicArn: ref(topicId), Protocol: 'email' });
    // Packaged without the variable: the condition is false, so CloudFormation creates no subscription.
    const condition = template.Conditions?.[sub.Condition!];
    expect(condition).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [sub.Properties.Endpoint, ''] }] });
    expect(sub.Properties.Endpoint).toBe('');
  });

  it('every alarm names its README Runbook entry, and the README has it', () => {
    const readme = readFileSync(resolve(REPO_ROOT, 'README.md'), 'utf8');
    const runbook = readme.slice(readme.indexOf('\n## Runbook'));
    expect(runbook.length, 'README has a "## Runbook" section').toBeGreaterThan(20);
    for (const [id, a] of alarms()) {
      const entry = /README Runbook: ([^.]+)\./.exec(a.Properties.AlarmDescription)?.[1];
      expect(entry, `${id} names its Runbook entry`).toBeTruthy();
      expect(runbook, `${id}: README Runbook has "### ${entry}"`).toContain(`\n### ${entry}\n`);
    }
  });
});
