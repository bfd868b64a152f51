/**
 * Open311 GeoReport v2 (issue #18; README "Open311 GeoReport v2"): services, public requests in JSON
 * and XML with the spec's field names, partner filing with an api_key through the citizens' filing
 * service, the spec's error format for every bad input (and nothing stored), the partner key lifecycle.
 */
import { DynamoDBClient, ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deliverNotifications } from '../../functions/src/services/notifications/notifier';
import { createTestStack, type ApiResponse, type TestStack } from '../support/stack';
import { act, complaintBody, fileAs, show } from '../support/console';
import { withFakes, type Fakes } from './reach/sms-kit';
import { after, DAY, HOUR, Session, T0 } from './console/console-kit';

let stack: TestStack;
let session: Session;
let fakes: Fakes;
let apiKey = '';
let partnerId = '';

/** The spec's request fields (GET Service Requests, "Response"), in its order. */
const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
];
const ISO_SHANGHAI = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (path: string, fields: Record<string, string>) =>
  stack.request('POST', path, { rawBody: form(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' } });

const XML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
/** A tiny parser of the spec's flat XML: `<root><item><field>text</field>|<field/>…</item>…</root>` → rows (empty → null). */
function parseXml(xml: string, root: string, item: string): Record<string, string | null>[] {
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const body = new RegExp(`<${root}>([\\s\\S]*)</${root}>$`).exec(xml);
  expect(body, xml.slice(0, 200)).not.toBeNull();
  return [...body![1]!.matchAll(new RegExp(`<${item}>([\\s\\S]*?)</${item}>`, 'g'))].map((m) =>
    Object.fromEntries([...m[1]!.matchAll(/<(\w+)\/>|<(\w+)>([^<]*)<\/\2>/g)].map((f) => (f[1] ? [f[1], null] : [f[2]!, f[3]!.replace(/&(amp|lt|gt|quot|apos);/g, (e) => XML_ENTITIES[e]!)]))),
  );
}
/** A JSON row as XML carries it: every value as text, null as null. */
const asText = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? null : String(v)]));

/** Every item of the table (the test may Scan; the product never does). */
async function items(): Promise<Record<string, unknown>[]> {
  const client = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const out: Record<string, unknown>[] = [];
  let start: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await client.send(new ScanCommand({ TableName: stack.tableName, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
    out.push(...(page.Items ?? []).map((i) => unmarshall(i)));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}
const caseCount = async () => (await items()).filter((i) => String(i.pk).startsWith('CASE#') && i.sk === 'CASE').length;

function expectSpecError(res: ApiResponse, status: number, format: 'json' | 'xml' = 'json'): string {
  expect(res.status, show(res)).toBe(status);
  if (format === 'xml') {
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    const [error] = parseXml(res.body, 'errors', 'error');
    expect(error!.code).toBe(String(status));
    expect(error!.description).toMatch(/[\u4e00-\u9fa5]/);
    return error!.description!;
  }
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual([{ code: status, description: expect.stringMatching(/[\u4e00-\u9fa5]/) }]);
  return res.body[0].description;
}

const good = (over: Record<string, string> = {}) => ({
  api_key: apiKey,
  service_code: 'daolu-jiaotong',
  lat: '41.80',
  long: '123.43',
  address_string: '城南镇解放路 12 号门口',
  address_id: 'qs-chengnan',
  description: '解放路人行道塌陷，有一个大坑，夜里看不见。',
  first_name: '明',
  last_name: '王',
  phone: '13912345678',
  email: 'wang.ming@example.com',
  ...over,
});

beforeAll(async () => {
  stack = await createTestStack();
  fakes = await withFakes(stack);
  session = await Session.start(stack, T0);
  const issued = await stack.request('POST', '/api/console/admin/open311-partners', { token: await session.token('admin'), body: { name: '随手拍（FixMyStreet 式站点）' } });
  expect(issued.status, show(issued)).toBe(201);
  apiKey = issued.body.apiKey;
  partnerId = issued.body.partner.id;
}, 60_000);

afterAll(async () => {
  await fakes?.stop();
});

describe('GET services', () => {
  it('lists the categories as services with the spec fields, in JSON and XML alike; a report-only category is not offered', async () => {
    const json = await stack.request('GET', '/open311/v2/services.json');
    expect(json.status, show(json)).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json; charset=utf-8/);
    const road = json.body.find((s: { service_code: string }) => s.service_code === 'daolu-jiaotong');
    expect(road).toEqual({ service_code: 'daolu-jiaotong', service_name: '道路交通', description: '道路破损、公交线路、农村客运', metadata: false, type: 'realtime', keywords: '道路破损, 公交线路, 农村客运', group: '投诉' });
    for (const s of json.body) expect(Object.keys(s)).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);

    // A category that takes only reports is never a service.
    await stack.request('POST', '/api/console/admin/categories', { token: await session.token('admin'), body: { id: 'jubao-only', name: '只收举报', types: ['report'] } });
    const again = await stack.request('GET', '/open311/v2/services.json');
    expect(again.body.map((s: { service_code: string }) => s.service_code)).not.toContain('jubao-only');

    const xml = await stack.request('GET', '/open311/v2/services.xml');
    expect(xml.status).toBe(200);
    expect(xml.headers['content-type']).toMatch(/^text\/xml; charset=utf-8/);
    expect(parseXml(xml.body, 'services', 'service')).toEqual(again.body.map(asText));
  });
});

describe('POST then GET: round trip in JSON and XML', () => {
  let caseNo = '';

  it('files through the citizens\' filing service, channel open311 with the partner recorded; the answer is the spec\'s', async () => {
    const before = await caseCount();
    const res = await post('/open311/v2/requests.json', good());
    expect(res.status, show(res)).toBe(201);
    expect(res.body).toHaveLength(1);
    expect(Object.keys(res.body[0])).toEqual(['service_request_id', 'service_notice', 'account_id']);
    caseNo = res.body[0].service_request_id;
    expect(caseNo).toMatch(/^\d{14}$/);
    expect(res.body[0].service_notice).toContain(caseNo);
    expect(res.body[0].account_id).toBeNull();
    expect(await caseCount()).toBe(before + 1);

    const stored = await stack.deps.cases.getCase(caseNo);
    expect(stored).toMatchObject({ channel: 'open311', partnerId, type: 'complaint', categoryId: 'daolu-jiaotong', status: 'submitted', contact: { name: '王明', phone: '13912345678' }, location: { unitId: 'qs-chengnan', lat: 41.8, lng: 123.43 } });
    // A password exists like any case's, and it is not handed to the partner.
    expect(await stack.deps.credentials.getPasswordHash(caseNo)).toBeTruthy();
    expect(JSON.stringify(res.body)).not.toMatch(/password|密码[:：]/i);
  });

  it('officials see where it came from: 来源渠道 Open311 合作方 with the partner, and in the statistics by channel', async () => {
    const detail = await stack.request('GET', `/api/console/cases/${caseNo}`, { token: await session.token('shouli') });
    expect(detail.status, show(detail)).toBe(200);
    expect(detail.body).toMatchObject({ channel: 'open311', channelLabel: 'Open311 合作方', partnerId });
    await stack.settle();
    const stats = await stack.request('GET', '/api/console/stats', { token: await session.token('shouli') });
    expect(stats.status, show(stats)).toBe(200);
    expect(stats.body.byChannel.find((r: { key: string }) => r.key === 'open311')).toMatchObject({ name: 'Open311 合作方', filed: 1 });
  });

  it('the citizen is texted the case number at the phone given (the existing filing SMS)', async () => {
    await deliverNotifications(stack.deps);
    const sent = fakes.sms.messagesTo('13912345678').map((m) => m.text);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain(caseNo);
  });

  it('GET by id in JSON and XML: the spec\'s fields, the same values, and nothing personal', async () => {
    const json = await stack.request('GET', `/open311/v2/requests/${caseNo}.json`);
    expect(json.status, show(json)).toBe(200);
    expect(json.body).toHaveLength(1);
    const r = json.body[0];
    expect(Object.keys(r)).toEqual(REQUEST_FIELDS);
    expect(r).toMatchObject({
      service_request_id: caseNo,
      status: 'open',
      status_notes: '待受理',
      service_name: '道路交通',
      service_code: 'daolu-jiaotong',
      description: '投诉：道路交通（城南镇）',
      address: '城南镇，青山县',
      address_id: 'qs-chengnan',
      lat: null,
      long: null,
      media_url: null,
    });
    expect(r.requested_datetime).toMatch(ISO_SHANGHAI);
    expect(r.expected_datetime).toMatch(ISO_SHANGHAI);
    expect(new Date(r.requested_datetime).getTime()).toBe(T0.getTime());

    const xml = await stack.request('GET', `/open311/v2/requests/${caseNo}.xml`);
    expect(xml.status).toBe(200);
    const rows = parseXml(xml.body, 'service_requests', 'request');
    expect(rows).toEqual([asText(r)]);
    expect(Object.keys(rows[0]!)).toEqual(REQUEST_FIELDS);

    for (const text of [json.body, xml.body].map((b) => (typeof b === 'string' ? b : JSON.stringify(b)))) {
      for (const secret of ['13912345678', '王明', 'wang.ming@example.com', '解放路', '人行道塌陷', '41.8', '123.43']) expect(text).not.toContain(secret);
    }
  });

  it('POST .xml answers in XML; once a department works it and answers, the request is closed with its agency', async () => {
    const res = await post('/open311/v2/requests.xml', good({ phone: '', first_name: '', last_name: '', email: '', lat: '', long: '', description: '公交站牌被撞倒 <b>&amp;</b>' }));
    expect(res.status, show(res)).toBe(201);
    const [row] = parseXml(res.body, 'service_requests', 'request');
    expect(Object.keys(row!)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    expect(row!.account_id).toBeNull();
    const stored = await stack.deps.cases.getCase(row!.service_request_id!);
    expect(stored?.content).toContain('公交站牌被撞倒 <b>&amp;</b>');
    expect(stored?.contact).toBeUndefined();

    const intake = await session.token('shouli');
    const accepted = await act(stack, intake, caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
    expect(accepted.status, show(accepted)).toBe(200);
    const handler = await session.token('rsj');
    const replied = await act(stack, handler, caseNo, { action: 'reply', result: 'resolved', expectedVersion: accepted.body.version, answer: '已修复路面。' });
    expect(replied.status, show(replied)).toBe(200);
    const r = (await stack.request('GET', `/open311/v2/requests/${caseNo}.json`)).body[0];
    expect(r).toMatchObject({ status: 'closed', status_notes: '已答复', agency_responsible: '人力资源和社会保障局' });
    expect(r.updated_datetime).toMatch(ISO_SHANGHAI);
  });
});

describe('GET requests: the filters, the window, no reports', () => {
  let reportNo = '';
  let suggestionNo = '';
  let oldNo = '';

  beforeAll(async () => {
    // A report filed by a citizen (never public), a suggestion, and a complaint filed 40 days earlier.
    reportNo = (await fileAs(stack, { type: 'report', categoryId: 'luan-shoufei', title: '举报乱收费', content: '某单位违规收费。', contact: { phone: '13800009999' } })).caseNo;
    suggestionNo = (await fileAs(stack, { type: 'suggestion', categoryId: 'daolu-jiaotong', title: '建议加开公交', content: '建议加开早班车。' })).caseNo;
    session.setNow(after(T0, -40 * DAY));
    oldNo = (await fileAs(stack, complaintBody({ title: '旧的欠薪投诉' }))).caseNo;
    session.setNow(after(T0, HOUR));
  });

  const ids = (res: ApiResponse) => res.body.map((r: { service_request_id: string }) => r.service_request_id);

  it('default window (most recent 90 days) lists every case but the report, newest first, JSON = XML', async () => {
    const json = await stack.request('GET', '/open311/v2/requests.json');
    expect(json.status, show(json)).toBe(200);
    expect(ids(json)).toContain(suggestionNo);
    expect(ids(json)).toContain(oldNo);
    expect(ids(json)).not.toContain(reportNo);
    const times = json.body.map((r: { requested_datetime: string }) => new Date(r.requested_datetime).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const r of json.body) expect(Object.keys(r)).toEqual(REQUEST_FIELDS);
    const xml = await stack.request('GET', '/open311/v2/requests.xml');
    expect(parseXml(xml.body, 'service_requests', 'request')).toEqual(json.body.map(asText));
    expect(JSON.stringify(json.body)).not.toContain('13800009999');
  });

  it('a report is not found by id, alone or in a list', async () => {
    expectSpecError(await stack.request('GET', `/open311/v2/requests/${reportNo}.json`), 404);
    expectSpecError(await stack.request('GET', `/open311/v2/requests/${reportNo}.xml`), 404, 'xml');
    const listed = await stack.request('GET', `/open311/v2/requests.json?service_request_id=${reportNo},${oldNo}`);
    expect(ids(listed)).toEqual([oldNo]);
  });

  it('service_code, status, start_date/end_date and service_request_id filter', async () => {
    const byCode = await stack.request('GET', '/open311/v2/requests.json?service_code=tuoqian-gongzi');
    expect(ids(byCode)).toContain(oldNo);
    expect(byCode.body.every((r: { service_code: string }) => r.service_code === 'tuoqian-gongzi')).toBe(true);
    expect(ids(byCode)).not.toContain(suggestionNo);

    const closed = await stack.request('GET', '/open311/v2/requests.json?status=closed');
    expect(closed.body.length).toBeGreaterThan(0);
    expect(closed.body.every((r: { status: string }) => r.status === 'closed')).toBe(true);
    const open = await stack.request('GET', '/open311/v2/requests.json?status=open');
    expect(open.body.every((r: { status: string }) => r.status === 'open')).toBe(true);
    expect(ids(open)).toContain(suggestionNo);
    expect(new Set([...ids(open), ...ids(closed)])).toEqual(new Set(ids(await stack.request('GET', '/open311/v2/requests.json'))));

    const window = (from: Date, to: Date) => `start_date=${encodeURIComponent(from.toISOString())}&end_date=${encodeURIComponent(to.toISOString())}`;
    const old = await stack.request('GET', `/open311/v2/requests.json?${window(after(T0, -41 * DAY), after(T0, -39 * DAY))}`);
    expect(ids(old)).toEqual([oldNo]);
    const recent = await stack.request('GET', `/open311/v2/requests.json?start_date=${encodeURIComponent('2030-03-31T12:00:00+08:00')}`);
    expect(ids(recent)).not.toContain(oldNo);
    expect(ids(recent)).toContain(suggestionNo);

    const some = await stack.request('GET', `/open311/v2/requests.xml?service_request_id=${oldNo},${suggestionNo}`);
    expect(parseXml(some.body, 'service_requests', 'request').map((r) => r.service_request_id).sort()).toEqual([oldNo, suggestionNo].sort());
  });

  it('bad filters and pagination abuse answer the spec\'s error format', async () => {
    expect(expectSpecError(await stack.request('GET', '/open311/v2/requests.json?start_date=2030-01-01T00:00:00Z&end_date=2030-06-01T00:00:00Z'), 400)).toContain('90');
    expectSpecError(await stack.request('GET', '/open311/v2/requests.xml?start_date=yesterday'), 400, 'xml');
    expectSpecError(await stack.request('GET', '/open311/v2/requests.json?end_date=2030-04-01'), 400);
    expectSpecError(await stack.request('GET', '/open311/v2/requests.json?start_date=2030-04-02T00:00:00Z&end_date=2030-04-01T00:00:00Z'), 400);
    expectSpecError(await stack.request('GET', '/open311/v2/requests.json?status=pending'), 400);
    expectSpecError(await stack.request('GET', '/open311/v2/requests.json?service_code=no-such-service'), 404);
    const tooMany = Array.from({ length: 51 }, (_, i) => `2030040100${String(i).padStart(4, '0')}`).join(',');
    expect(expectSpecError(await stack.request('GET', `/open311/v2/requests.json?service_request_id=${tooMany}`), 400)).toContain('50');
    expectSpecError(await stack.request('GET', '/open311/v2/requests.json?service_request_id=abc'), 400);
    expectSpecError(await stack.request('GET', '/open311/v2/requests/abc.json'), 404);
    expectSpecError(await stack.request('GET', '/open311/v2/requests/20300401000000.xml'), 404, 'xml');
    expectSpecError(await stack.request('GET', `/open311/v2/requests/${oldNo}.html`), 404);
  });
});

describe('bad input to POST: the spec\'s error, nothing stored', () => {
  const cases: [string, Record<string, string> | (() => Record<string, string>), number][] = [
    ['missing api_key', { ...good(), api_key: '' }, 403],
    ['unknown api_key', { ...good(), api_key: 'o311_guessed' }, 403],
    ['unknown service_code', { service_code: 'no-such-service' }, 404],
    ['a report-only service_code', { service_code: 'jubao-only' }, 404],
    ['missing service_code', { service_code: '' }, 400],
    ['latitude out of range', { lat: '91', long: '123' }, 400],
    ['longitude out of range', { lat: '41', long: '-181' }, 400],
    ['non-numeric coordinates', { lat: '北纬41度', long: '123' }, 400],
    ['lat without long', { long: '', address_string: '', address_id: '' }, 400],
    ['no location at all', { lat: '', long: '', address_string: '', address_id: '' }, 400],
    ['unknown address_id', { address_id: 'nowhere-town' }, 400],
    ['missing description', { description: '' }, 400],
    ['bad phone', { phone: '12345' }, 400],
    ['bad email', { email: 'not-an-email' }, 400],
    ['media_url not http', { media_url: 'javascript:alert(1)' }, 400],
  ];
  for (const [name, over, status] of cases) {
    it(`${name} → ${status}`, async () => {
      const before = await caseCount();
      const fields = { ...good(), ...(typeof over === 'function' ? over() : over) };
      if (name === 'missing api_key') delete (fields as Record<string, string>).api_key;
      expectSpecError(await post('/open311/v2/requests.json', fields), status);
      expectSpecError(await post('/open311/v2/requests.xml', fields), status, 'xml');
      expect(await caseCount()).toBe(before);
    });
  }

  it('a body that is neither form-encoded nor JSON → 400, nothing stored', async () => {
    const before = await caseCount();
    expectSpecError(await stack.request('POST', '/open311/v2/requests.json', { rawBody: 'api_key=x', headers: { 'Content-Type': 'text/plain' } }), 400);
    expect(await caseCount()).toBe(before);
  });

  it('JSON is accepted too', async () => {
    const res = await stack.request('POST', '/open311/v2/requests.json', { body: good({ phone: '13912340000' }) });
    expect(res.status, show(res)).toBe(201);
  });
});

describe('partner keys', () => {
  it('issue → works → disable → 403; the key is never listed and never stored in the clear', async () => {
    const admin = await session.token('admin');
    const issued = await stack.request('POST', '/api/console/admin/open311-partners', { token: admin, body: { name: '12345 兄弟平台' } });
    expect(issued.status, show(issued)).toBe(201);
    const key: string = issued.body.apiKey;
    expect(key.length).toBeGreaterThanOrEqual(40);

    expect((await post('/open311/v2/requests.json', good({ api_key: key }))).status).toBe(201);

    const listed = await stack.request('GET', '/api/console/admin/open311-partners', { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((p: { id: string }) => p.id === issued.body.partner.id)).toMatchObject({ name: '12345 兄弟平台', enabled: true });
    expect(JSON.stringify(listed.body)).not.toContain(key);
    const raw = JSON.stringify(await items());
    expect(raw).not.toContain(key);
    expect(raw).not.toContain(key.slice(5, 30));

    const disabled = await stack.request('POST', `/api/console/admin/open311-partners/${issued.body.partner.id}/disable`, { token: admin });
    expect(disabled.status, show(disabled)).toBe(200);
    expect(disabled.body).toMatchObject({ enabled: false });
    const before = await caseCount();
    expect(expectSpecError(await post('/open311/v2/requests.json', good({ api_key: key })), 403)).toContain('停用');
    expectSpecError(await post('/open311/v2/requests.xml', good({ api_key: key })), 403, 'xml');
    expect(await caseCount()).toBe(before);
    // The other partner's key still works.
    expect((await post('/open311/v2/requests.json', good({ phone: '' }))).status).toBe(201);
    expect((await stack.request('POST', '/api/console/admin/open311-partners/p-0000000000000000/disable', { token: admin })).status).toBe(404);
  });
});
