/**
 * Citizen API latency: each endpoint's median through its real middy handler (in-process, on
 * DynamoDB Local) next to the bare DynamoDB calls that request makes, in the same run, and the
 * ratio. Also the scrypt hash on its own, since filing and login pay it by design.
 *
 *   npm run bench            (BENCH_ITERATIONS=200 by default)
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { DeleteCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/src/adapters/dynamo/client';
import { key } from '../../functions/src/adapters/dynamo/keys';
import { createDeps } from '../../functions/src/app/deps';
import { hashPassword } from '../../functions/src/lib/secrets';
import { handler as fileCase } from '../../functions/src/http/citizen/file-case';
import { handler as trackLogin } from '../../functions/src/http/citizen/track-login';
import { handler as getTrackedCase } from '../../functions/src/http/citizen/get-tracked-case';
import { seedReferenceData } from '../../infra/src/demo-data';
import { startDynamoLocal } from '../../infra/src/dynamo-local';
import { ensureTable } from '../../infra/src/table-definition';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = 20;

function event(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...headers },
    requestContext: { http: { method, path, sourceIp: `198.51.100.${Math.floor(Math.random() * 250)}` }, requestId: randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}
const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

async function measure(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b);
}
const median = (s: number[]) => s[Math.floor(s.length / 2)]!;
const p95 = (s: number[]) => s[Math.floor(s.length * 0.95)]!;

async function main() {
  const dynamo = await startDynamoLocal();
  try {
    const tableName = 'bench';
    await ensureTable(dynamo.endpoint, tableName);
    const deps = createDeps({ TABLE_NAME: tableName, AWS_REGION: 'local', DYNAMODB_ENDPOINT: dynamo.endpoint, APP_SECRET: 'benchmark-secret-0123456789abcdefghij', CITIZEN_TOKEN_MINUTES: 30 });
    await seedReferenceData(deps);
    const doc = createDocumentClient({ region: 'local', endpoint: dynamo.endpoint });

    const body = { type: 'complaint', categoryId: 'tuoqian-gongzi', title: '工地拖欠工资', content: '县城南安置小区工地拖欠 23 名工人三个月工资，请协调解决。' };
    const file = fileCase.withDeps(deps);
    const login = trackLogin.withDeps(deps);
    const track = getTrackedCase.withDeps(deps);

    // One case to log in to and track.
    const filed = JSON.parse((await file(event('POST', '/api/cases', body), context)).body!);
    const token = JSON.parse((await login(event('POST', '/api/track/login', { caseNo: filed.caseNo, password: filed.password }), context)).body!).token;
    const caseItem = (await doc.send(new GetCommand({ TableName: tableName, Key: key.case(filed.caseNo) }))).Item!;

    const rows: { name: string; api: number[]; bare: number[]; calls: string; hashes: number }[] = [];

    rows.push({
      name: 'file a case (POST /api/cases)',
      calls: 'GetItem category + TransactWrite(case, credential, event)',
      hashes: 1,
      api: await measure(async () => {
        const res = await file(event('POST', '/api/cases', body), context);
        if (res.statusCode !== 201) throw new Error(res.body);
      }),
      bare: await measure(async () => {
        await doc.send(new GetCommand({ TableName: tableName, Key: key.category('tuoqian-gongzi') }));
        const caseNo = `BENCH${randomUUID()}`;
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: tableName, Item: { ...caseItem, ...key.case(caseNo), caseNo }, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: tableName, Item: { ...key.credential(caseNo), caseNo, passwordHash: 'x'.repeat(100) } } },
              { Put: { TableName: tableName, Item: { ...key.event(caseNo, randomUUID()), caseNo, kind: 'submitted' } } },
            ],
          }),
        );
      }),
    });

    rows.push({
      name: 'log in (POST /api/track/login)',
      calls: '2 × UpdateItem ADD attempt ‖ + GetItem credential + (Delete ‖ UpdateItem) on success',
      hashes: 1,
      api: await measure(async () => {
        const res = await login(event('POST', '/api/track/login', { caseNo: filed.caseNo, password: filed.password }), context);
        if (res.statusCode !== 200) throw new Error(res.body);
      }),
      bare: await measure(async () => {
        const add = (k: string, delta: number) =>
          doc.send(new UpdateCommand({ TableName: tableName, Key: key.throttle(k, 0), UpdateExpression: 'ADD attempts :d', ExpressionAttributeValues: { ':d': delta }, ReturnValues: 'UPDATED_NEW' }));
        await Promise.all([add(`case#${filed.caseNo}`, 1), add('client#x', 1)]);
        await doc.send(new GetCommand({ TableName: tableName, Key: key.credential(filed.caseNo) }));
        await Promise.all([doc.send(new DeleteCommand({ TableName: tableName, Key: key.throttle(`case#${filed.caseNo}`, 0) })), add('client#x', -1)]);
      }),
    });

    rows.push({
      name: 'track (GET /api/track/case)',
      calls: 'GetItem case ‖ Query timeline ‖ Query departments ‖ Query categories',
      hashes: 0,
      api: await measure(async () => {
        const res = await track(event('GET', '/api/track/case', undefined, { authorization: `Bearer ${token}` }), context);
        if (res.statusCode !== 200) throw new Error(res.body);
      }),
      bare: await measure(async () => {
        await Promise.all([
          doc.send(new GetCommand({ TableName: tableName, Key: key.case(filed.caseNo) })),
          doc.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :evt)', ExpressionAttributeValues: { ':pk': key.case(filed.caseNo).pk, ':evt': key.eventPrefix } })),
          doc.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': key.department('').pk } })),
          doc.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': key.category('').pk } })),
        ]);
      }),
    });

    const scrypt = await measure(() => hashPassword('ABCDEFGH'));

    const f = (n: number) => n.toFixed(2).padStart(8);
    console.log(`\nCitizen API latency, ${ITERATIONS} requests each after ${WARMUP} warm-up, in-process handlers on DynamoDB Local (Node ${process.version})\n`);
    console.log('endpoint                          api p50  api p95  bare p50   ratio  excl. scrypt  bare calls');
    for (const r of rows) {
      const ratio = median(r.api) / median(r.bare);
      const withoutHash = (median(r.api) - r.hashes * median(scrypt)) / median(r.bare);
      console.log(
        `${r.name.padEnd(32)} ${f(median(r.api))} ${f(p95(r.api))} ${f(median(r.bare))}  ${ratio.toFixed(2).padStart(5)}×  ${withoutHash.toFixed(2).padStart(10)}×  ${r.calls}`,
      );
    }
    console.log(`${'scrypt hash alone (N=2^15)'.padEnd(32)} ${f(median(scrypt))} ${f(p95(scrypt))}`);
    console.log('\n(ms; ratio = api p50 / bare p50; "excl. scrypt" subtracts the one deliberate slow hash filing and login pay.)');
  } finally {
    await dynamo.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
