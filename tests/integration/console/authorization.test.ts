/**
 * Who may call what. A table of every console route in serverless.yml × every caller (intake,
 * the handler of the case's department, a handler of another department, supervisor, admin, and
 * callers with no, garbage, forged or citizen tokens) → the expected answer: allowed (2xx), 401,
 * 403, or 404 (a handler asking about a case outside their department). Run against DynamoDB Local
 * through the real handlers. A console route added to serverless.yml without a row here fails.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTBOX_SHARDS } from '@minsheng/shared';
import { createTestStack, routesFromServerless, TEST_SECRET, type ApiResponse, type TestStack } from '../../support/stack';
import { act, complaintBody, fileAs, show, uniqueIp } from '../../support/console';
import { DEMO_OFFICIAL_PASSWORD } from '../../../infra/src/demo-data';
import { createTokenService } from '../../../functions/src/lib/tokens';
import { deriveKey } from '../../../functions/src/lib/secrets';
import { after, citizenToken, DAY, expectApiError, HOUR, Session, snapshot, T0 } from './console-kit';

type Official = 'intake' | 'handler' | 'otherHandler' | 'supervisor' | 'admin';
type Caller = Official | 'none' | 'garbage' | 'forged' | 'citizen';
const OFFICIALS: Official[] = ['intake', 'handler', 'otherHandler', 'supervisor', 'admin'];
const UNAUTHENTICATED: Caller[] = ['none', 'garbage', 'forged', 'citizen'];
const CALLERS: Caller[] = [...OFFICIALS, ...UNAUTHENTICATED];

/** 'ok' = a 2xx answer; otherwise the exact refusal. */
type Outcome = 'ok' | 401 | 403 | 404 | 409;
const ok = 'ok' as const;
/** 409: the role may take the action, but not on this case (e.g. the root's intake has no higher unit to escalate to). */
const CODE_FOR: Record<401 | 403 | 404 | 409, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'CASE_NOT_FOUND', 409: 'INVALID_TRANSITION' };

interface Req {
  path: string;
  body?: unknown;
  /** For a case-changing request: the case that must be left untouched when the request is refused. */
  caseNo?: string;
}

interface Probe {
  name: string;
  /** Expected answer per official; callers without a valid console token always get 401. */
  expect: Record<Official, Outcome>;
  /** Prepares what the probe's requests need (run once, before the table). */
  setup?(): Promise<void>;
  /** The request as `caller` sends it. */
  build(caller: Caller, allowed: boolean): Promise<Req>;
}

let stack: TestStack;
let session: Session;
const tokens = {} as Record<Caller, string | undefined>;

/** Cases the read-only probes look at: dispatched to rsj (人社局). */
let dispatched: string;
/** A case other cases are merged into. */
let kept: string;
/** Cases replied nine days ago (their rating window is over), for `close`. */
const oldReplied: { caseNo: string; version: number }[] = [];

// ---- Preparing cases in the state an action needs, through the console API ----

async function fileComplaint(): Promise<string> {
  return (await fileAs(stack, complaintBody({ title: '授权测试：工地欠薪' }))).caseNo;
}

async function inProgress(): Promise<{ caseNo: string; version: number }> {
  const caseNo = await fileComplaint();
  const res = await act(stack, await session.token('shouli'), caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
  expect(res.status, show(res)).toBe(200);
  return { caseNo, version: res.body.version };
}

async function extensionPending(): Promise<{ caseNo: string; version: number }> {
  const c = await inProgress();
  const res = await act(stack, await session.token('rsj'), c.caseNo, { action: 'request_extension', expectedVersion: c.version, days: 5, reason: '需要现场核查' });
  expect(res.status, show(res)).toBe(200);
  return { caseNo: c.caseNo, version: res.body.version };
}

async function disputePending(): Promise<{ caseNo: string; version: number }> {
  const c = await inProgress();
  const res = await act(stack, await session.token('rsj'), c.caseNo, { action: 'dispute', expectedVersion: c.version, reason: '不属本部门职责' });
  expect(res.status, show(res)).toBe(200);
  return { caseNo: c.caseNo, version: res.body.version };
}

/** 协办: led by 人社局 (handler) with 住建局 (otherHandler) assisting; optionally its part already submitted. */
async function assisted(submitted: boolean): Promise<{ caseNo: string; version: number }> {
  const caseNo = await fileComplaint();
  const res = await act(stack, await session.token('shouli'), caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj', assisting: [{ departmentId: 'zjj' }] });
  expect(res.status, show(res)).toBe(200);
  if (!submitted) return { caseNo, version: res.body.version };
  const part = await act(stack, await session.token('zjj'), caseNo, { action: 'submit_part', expectedVersion: res.body.version, text: '住建局协办意见' });
  expect(part.status, show(part)).toBe(200);
  return { caseNo, version: part.body.version };
}

type State = 'submitted' | 'in_progress' | 'extension_pending' | 'dispute_pending' | 'replied_9_days_ago' | 'assisted' | 'part_submitted';

async function prepare(state: State): Promise<{ caseNo: string; version: number }> {
  switch (state) {
    case 'submitted':
      return { caseNo: await fileComplaint(), version: 1 };
    case 'in_progress':
      return inProgress();
    case 'extension_pending':
      return extensionPending();
    case 'dispute_pending':
      return disputePending();
    case 'assisted':
      return assisted(false);
    case 'part_submitted':
      return assisted(true);
    case 'replied_9_days_ago': {
      const c = oldReplied.shift();
      if (!c) throw new Error('prepared too few replied cases');
      return c;
    }
  }
}

/**
 * One probe per action: denied callers all try the same prepared case (which must stay as it
 * was); each allowed caller gets a case of its own in the right state, so its change succeeds.
 * Cases are prepared up front (in parallel) by `setup`.
 */
function actionProbe(action: string, state: State, expectations: Record<Official, Outcome>, extra: () => Record<string, unknown>): Probe {
  const prepared = new Map<Caller | 'shared', { caseNo: string; version: number }>();
  return {
    name: `action=${action}`,
    expect: expectations,
    async setup() {
      const allowed = OFFICIALS.filter((o) => expectations[o] === ok);
      await Promise.all(
        (['shared', ...allowed] as const).map(async (who) => {
          prepared.set(who, await prepare(state));
        }),
      );
    },
    async build(caller, allowed) {
      const c = prepared.get(allowed ? caller : 'shared');
      if (!c) throw new Error(`no case prepared for ${caller} (${action})`);
      return { path: `/api/console/cases/${c.caseNo}/actions`, body: { action, expectedVersion: c.version, ...extra() }, caseNo: c.caseNo };
    },
  };
}

const get = (name: string, expectations: Record<Official, Outcome>, path: (caller: Caller) => string): Probe => ({
  name,
  expect: expectations,
  build: async (caller) => ({ path: path(caller) }),
});

const adminOnly: Record<Official, Outcome> = { intake: 403, handler: 403, otherHandler: 403, supervisor: 403, admin: ok };

// ---- Policy library (issue #7): items to edit and delete, and an answered consultation to publish ----

const policyBody = (title: string) => ({ title, issuer: '民安县人力资源和社会保障局', issuedAt: '2030-03-01', body: '授权测试用的政策正文。' });
const libraryItems: Record<'read' | 'update' | 'delete', string | undefined> = { read: undefined, update: undefined, delete: undefined };

async function createPolicy(title: string): Promise<string> {
  const res = await stack.request('POST', '/api/console/admin/policies', { token: await session.token('admin'), body: policyBody(title) });
  expect(res.status, show(res)).toBe(201);
  return res.body.id as string;
}

/** A consultation filed with consent to publish, dispatched to rsj and answered. */
async function answeredConsultation(): Promise<string> {
  const { caseNo } = await fileAs(stack, { type: 'consultation', categoryId: 'tuoqian-gongzi', title: '授权测试：欠薪咨询', content: '工地欠薪怎么办？', publishConsent: true });
  const accepted = await act(stack, await session.token('shouli'), caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
  expect(accepted.status, show(accepted)).toBe(200);
  const replied = await act(stack, await session.token('rsj'), caseNo, { action: 'reply', result: 'resolved', expectedVersion: accepted.body.version, answer: '可向劳动保障监察大队投诉。' });
  expect(replied.status, show(replied)).toBe(200);
  return caseNo;
}
let publishable: string;
let deadLetterId: string;

// ---- Evidence (issue #14): a dispatched case with a photo, and each official's own uploaded file ----

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
let withPhoto: { caseNo: string; attachmentId: string };
const ownUploads = {} as Record<Official, string>;

async function postToBucket(ticket: { url: string; fields: Record<string, string> }, bytes: Buffer, type: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)], { type }));
  expect((await fetch(ticket.url, { method: 'POST', body: form })).status).toBe(204);
}

async function officialUpload(username: string): Promise<string> {
  const res = await stack.request('POST', '/api/console/uploads', { token: await session.token(username), body: { contentType: 'application/pdf' } });
  expect(res.status, show(res)).toBe(201);
  await postToBucket(res.body, PDF, 'application/pdf');
  return res.body.uploadId as string;
}

async function dispatchedWithPhoto() {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
  const ticket = await stack.request('POST', '/api/uploads', { body: { purpose: 'filing', contentType: 'image/png' }, ip: uniqueIp() });
  await postToBucket(ticket.body, png, 'image/png');
  const done = await stack.request('POST', `/api/uploads/${ticket.body.uploadId}/complete`, { body: { uploadToken: ticket.body.uploadToken } });
  expect(done.status, show(done)).toBe(200);
  const { caseNo } = await fileAs(stack, complaintBody({ title: '授权测试：附件', attachments: [{ uploadId: ticket.body.uploadId, uploadToken: ticket.body.uploadToken }] }));
  const accepted = await act(stack, await session.token('shouli'), caseNo, { action: 'accept', expectedVersion: 1, departmentId: 'rsj' });
  expect(accepted.status, show(accepted)).toBe(200);
  withPhoto = { caseNo, attachmentId: (await stack.deps.cases.getCase(caseNo))!.attachments![0]!.id };
}
const publishers: Record<Official, Outcome> = { intake: ok, handler: 403, otherHandler: 403, supervisor: ok, admin: 403 };
const slug = (caller: Caller) => caller.toLowerCase();

/** THE TABLE: route (as serverless.yml declares it) → probes → expected answer per official. */
const TABLE: Record<string, Probe[]> = {
  'GET /api/console/me': [get('me', { intake: ok, handler: ok, otherHandler: ok, supervisor: ok, admin: ok }, () => '/api/console/me')],

  'GET /api/console/cases': [
    get('queue=intake', { intake: ok, handler: 403, otherHandler: 403, supervisor: ok, admin: 403 }, () => '/api/console/cases?queue=intake'),
    get('queue=department', { intake: ok, handler: ok, otherHandler: ok, supervisor: ok, admin: 403 }, (caller) =>
      caller === 'handler' || caller === 'otherHandler' ? '/api/console/cases?queue=department' : '/api/console/cases?queue=department&departmentId=rsj',
    ),
    get('queue=answered', { intake: ok, handler: ok, otherHandler: ok, supervisor: ok, admin: 403 }, (caller) =>
      caller === 'handler' || caller === 'otherHandler' ? '/api/console/cases?queue=answered' : '/api/console/cases?queue=answered&departmentId=rsj',
    ),
    get('queue=due_soon', { intake: ok, handler: ok, otherHandler: ok, supervisor: ok, admin: 403 }, () => '/api/console/cases?queue=due_soon'),
    get('queue=overdue', { intake: ok, handler: ok, otherHandler: ok, supervisor: ok, admin: 403 }, () => '/api/console/cases?queue=overdue'),
    get('queue=escalated', { intake: 403, handler: 403, otherHandler: 403, supervisor: ok, admin: 403 }, () => '/api/console/cases?queue=escalated'),
    get('queue=closed', { intake: ok, handler: ok, otherHandler: ok, supervisor: ok, admin: 403 }, () => '/api/console/cases?queue=closed'),
    get('queue=mine', { intake: ok, handler: 403, otherHandler: 403, supervisor: 403, admin: 403 }, () => '/api/console/cases?queue=mine'),
    // 回访 (issue #16): intake calls the citizens back.
    get('queue=revisit', { intake: ok, handler: 403, otherHandler: 403, supervisor: 403, admin: 403 }, () => '/api/console/cases?queue=revisit'),
  ],

  // 来电登记 (issue #16): only intake files on behalf of a caller.
  'POST /api/console/cases': [
    {
      name: 'file on behalf of a caller',
      expect: { intake: ok, handler: 403, otherHandler: 403, supervisor: 403, admin: 403 },
      build: async (caller) => ({
        path: '/api/console/cases',
        body: { type: 'complaint', categoryId: 'tuoqian-gongzi', title: `授权测试：来电登记 ${caller}`, content: '来电反映工地欠薪。', channel: 'phone', callerPhone: '13800138000' },
      }),
    },
  ],

  'GET /api/console/cases/{caseNo}': [
    get('detail', { intake: ok, handler: ok, otherHandler: 404, supervisor: ok, admin: 403 }, () => `/api/console/cases/${dispatched}`),
    // The lead department's handler may call a complainant back (never a reporter: privacy.test.ts).
    get('detail?reveal=1', { intake: ok, handler: ok, otherHandler: 404, supervisor: ok, admin: 403 }, () => `/api/console/cases/${dispatched}?reveal=1`),
  ],

  // Search (issue #16): every desk role, each within its scope (case-search.test.ts); an out-of-scope number is an empty list, not 404.
  'GET /api/console/search': [
    get('search by number', { intake: ok, handler: ok, otherHandler: ok, supervisor: ok, admin: 403 }, () => `/api/console/search?caseNo=${dispatched}`),
    get('search by phone', { intake: ok, handler: ok, otherHandler: ok, supervisor: ok, admin: 403 }, () => '/api/console/search?phone=13800138000'),
    get('search by words', { intake: ok, handler: ok, otherHandler: ok, supervisor: ok, admin: 403 }, () => '/api/console/search?q=工资'),
  ],
  // Duplicate candidates are an intake's (and supervisor's) triage aid; handlers are refused whatever the case.
  'GET /api/console/cases/{caseNo}/duplicates': [
    get('duplicates', { intake: ok, handler: 403, otherHandler: 403, supervisor: ok, admin: 403 }, () => `/api/console/cases/${dispatched}/duplicates`),
  ],

  'POST /api/console/cases/{caseNo}/actions': [
    // A submitted case belongs to no department yet: to every handler it does not exist.
    actionProbe('accept', 'submitted', { intake: ok, handler: 404, otherHandler: 404, supervisor: 403, admin: 403 }, () => ({ departmentId: 'rsj' })),
    actionProbe('reject', 'submitted', { intake: ok, handler: 404, otherHandler: 404, supervisor: 403, admin: 403 }, () => ({ reason: '不属于受理范围' })),
    actionProbe('merge', 'in_progress', { intake: ok, handler: 403, otherHandler: 404, supervisor: 403, admin: 403 }, () => ({ intoCaseNo: kept })),
    actionProbe('transfer', 'in_progress', { intake: ok, handler: 403, otherHandler: 404, supervisor: ok, admin: 403 }, () => ({ departmentId: 'zjj', reason: '属住建局职责' })),
    actionProbe('send_back', 'in_progress', { intake: 403, handler: ok, otherHandler: 404, supervisor: 403, admin: 403 }, () => ({ reasonCode: 'not_our_duty', reason: '非本部门职责' })),
    // The city's intake has no higher unit: its 上报 is refused for the case, not for the role (dispatch.test.ts escalates from a township).
    actionProbe('escalate_up', 'submitted', { intake: 409, handler: 404, otherHandler: 404, supervisor: 403, admin: 403 }, () => ({ reason: '需上级协调' })),
    actionProbe('dispute', 'in_progress', { intake: 403, handler: ok, otherHandler: 404, supervisor: 403, admin: 403 }, () => ({ reason: '不属本部门职责' })),
    actionProbe('decide_dispute', 'dispute_pending', { intake: ok, handler: 403, otherHandler: 404, supervisor: 403, admin: 403 }, () => ({ uphold: true, note: '属本部门职责，请办理' })),
    actionProbe('request_info', 'in_progress', { intake: 403, handler: ok, otherHandler: 404, supervisor: 403, admin: 403 }, () => ({ question: '请提供劳动合同' })),
    actionProbe('reply', 'in_progress', { intake: 403, handler: ok, otherHandler: 404, supervisor: 403, admin: 403 }, () => ({ answer: '已责令限期支付。', result: 'resolved' })),
    actionProbe('request_extension', 'in_progress', { intake: 403, handler: ok, otherHandler: 404, supervisor: 403, admin: 403 }, () => ({ days: 5, reason: '需要现场核查' })),
    actionProbe('approve_extension', 'extension_pending', { intake: 403, handler: 403, otherHandler: 404, supervisor: ok, admin: 403 }, () => ({ note: '同意' })),
    actionProbe('deny_extension', 'extension_pending', { intake: 403, handler: 403, otherHandler: 404, supervisor: ok, admin: 403 }, () => ({ reason: '理由不充分' })),
    actionProbe('urge', 'in_progress', { intake: 403, handler: 403, otherHandler: 404, supervisor: ok, admin: 403 }, () => ({ note: '请加快办理' })),
    // 免于考核 (issue #18): supervisors only.
    actionProbe('exempt', 'in_progress', { intake: 403, handler: 403, otherHandler: 404, supervisor: ok, admin: 403 }, () => ({ reason: '同一诉求已多次答复，属不合理诉求' })),
    // 协办: only the assisting department submits its part; only the lead returns it (once).
    actionProbe('submit_part', 'assisted', { intake: 403, handler: 403, otherHandler: ok, supervisor: 403, admin: 403 }, () => ({ text: '住建局协办意见' })),
    actionProbe('return_part', 'part_submitted', { intake: 403, handler: ok, otherHandler: 403, supervisor: 403, admin: 403 }, () => ({ departmentId: 'zjj', reason: '请补充' })),
    // 回访: an answer unrated for 9 days is due; only intake records the call.
    actionProbe('revisit', 'replied_9_days_ago', { intake: ok, handler: 403, otherHandler: 404, supervisor: 403, admin: 403 }, () => ({ outcome: 'satisfied', note: '电话回访，群众满意' })),
    actionProbe('close', 'replied_9_days_ago', { intake: ok, handler: 403, otherHandler: 404, supervisor: ok, admin: 403 }, () => ({ reason: '已答复，评价期满' })),
  ],

  'GET /api/console/cases/{caseNo}/attachments/{attachmentId}': [
    {
      name: 'attachment link (audited)',
      expect: { intake: ok, handler: ok, otherHandler: 404, supervisor: ok, admin: 403 },
      setup: dispatchedWithPhoto,
      build: async () => ({ path: `/api/console/cases/${withPhoto.caseNo}/attachments/${withPhoto.attachmentId}` }),
    },
  ],
  'POST /api/console/uploads': [
    { name: 'ask to upload', expect: { intake: ok, handler: ok, otherHandler: ok, supervisor: ok, admin: 403 }, build: async () => ({ path: '/api/console/uploads', body: { contentType: 'application/pdf' } }) },
  ],
  'POST /api/console/uploads/{uploadId}/complete': [
    {
      name: 'complete one’s own upload',
      expect: { intake: ok, handler: ok, otherHandler: ok, supervisor: ok, admin: 403 },
      async setup() {
        const usernames: Record<Exclude<Official, 'admin'>, string> = { intake: 'shouli', handler: 'rsj', otherHandler: 'zjj', supervisor: 'duban' };
        for (const [who, username] of Object.entries(usernames)) ownUploads[who as Official] = await officialUpload(username);
      },
      build: async (caller) => ({ path: `/api/console/uploads/${ownUploads[caller as Official] ?? ownUploads.intake}/complete` }),
    },
  ],

  'GET /api/console/audit': [get('audit', { intake: ok, handler: ok, otherHandler: 404, supervisor: ok, admin: ok }, () => `/api/console/audit?caseNo=${dispatched}`)],

  'GET /api/console/stats': [get('stats', { intake: ok, handler: 403, otherHandler: 403, supervisor: ok, admin: ok }, () => '/api/console/stats')],
  // Open data (issue #18): supervisors and admins export an ended month; the default CSV and the JSON alike.
  'GET /api/console/open-data/{month}': [
    get('open data (CSV)', { intake: 403, handler: 403, otherHandler: 403, supervisor: ok, admin: ok }, () => '/api/console/open-data/2030-03'),
    get('open data (JSON)', { intake: 403, handler: 403, otherHandler: 403, supervisor: ok, admin: ok }, () => '/api/console/open-data/2030-03?format=json&k=3'),
  ],

  // 考核 (issue #18): the ranking and its exemptions for the desk's and the supervisors' roles and admins (not handlers); only a
  // supervisor (of the city) publishes an ended month.
  'GET /api/console/assessment/{month}': [get('assessment ranking', { intake: ok, handler: 403, otherHandler: 403, supervisor: ok, admin: ok }, () => '/api/console/assessment/2030-03')],
  'GET /api/console/assessment/{month}/exemptions': [get('assessment exemptions', { intake: ok, handler: 403, otherHandler: 403, supervisor: ok, admin: ok }, () => '/api/console/assessment/2030-03/exemptions')],
  'POST /api/console/assessment/{month}/publish': [
    { name: 'publish the ranking', expect: { intake: 403, handler: 403, otherHandler: 403, supervisor: ok, admin: 403 }, build: async () => ({ path: '/api/console/assessment/2030-03/publish' }) },
  ],

  // Each official reads their own inbox (their department's, or their role's).
  // Exact tab counts (issue #16): the desk roles, each for their own queues; admins work no queue.
  'GET /api/console/queue-counts': [
    get('queue counts', { intake: ok, handler: ok, otherHandler: ok, supervisor: ok, admin: 403 }, () => '/api/console/queue-counts'),
    get('queue counts of a department', { intake: ok, handler: ok, otherHandler: ok, supervisor: ok, admin: 403 }, () => '/api/console/queue-counts?departmentId=rsj'),
  ],
  'GET /api/console/inbox': [get('inbox', { intake: ok, handler: ok, otherHandler: ok, supervisor: ok, admin: ok }, () => '/api/console/inbox')],
  // …and marks only their own messages read.
  'POST /api/console/inbox/read': [
    { name: 'mark inbox read', expect: { intake: ok, handler: ok, otherHandler: ok, supervisor: ok, admin: ok }, build: async () => ({ path: '/api/console/inbox/read', body: { upTo: '2030-04-01T09:00:00+08:00' } }) },
  ],

  'GET /api/console/admin/departments': [get('list departments', adminOnly, () => '/api/console/admin/departments')],
  'GET /api/console/admin/dispatch-rules': [get('list dispatch rules', adminOnly, () => '/api/console/admin/dispatch-rules')],
  'POST /api/console/admin/dispatch-rules': [
    { name: 'put dispatch rule', expect: adminOnly, build: async () => ({ path: '/api/console/admin/dispatch-rules', body: { categoryId: 'shebao', unitId: 'qingshan', departmentId: 'qs-rsj' } }) },
  ],
  'DELETE /api/console/admin/dispatch-rules': [
    {
      name: 'delete dispatch rule',
      expect: adminOnly,
      async setup() {
        await stack.deps.reference.putDispatchRule({ categoryId: 'yibao', unitId: 'hexi', departmentId: 'ybj' });
      },
      build: async () => ({ path: '/api/console/admin/dispatch-rules?categoryId=yibao&unitId=hexi' }),
    },
  ],
  'POST /api/console/admin/departments': [
    { name: 'put department', expect: adminOnly, build: async (caller) => ({ path: '/api/console/admin/departments', body: { id: `probe-${slug(caller)}`, name: '授权测试部门' } }) },
  ],
  // The jurisdiction tree: admins only (a unit per caller, under 城南镇).
  'GET /api/console/admin/units': [get('list units', adminOnly, () => '/api/console/admin/units')],
  'POST /api/console/admin/units': [
    { name: 'put unit', expect: adminOnly, build: async (caller) => ({ path: '/api/console/admin/units', body: { id: `probe-${slug(caller)}`, name: '授权测试社区', parentId: 'qs-chengnan' } }) },
  ],
  'GET /api/console/admin/categories': [get('list categories', adminOnly, () => '/api/console/admin/categories')],
  'POST /api/console/admin/categories': [
    {
      name: 'put category',
      expect: adminOnly,
      build: async (caller) => ({ path: '/api/console/admin/categories', body: { id: `probe-${slug(caller)}`, name: '授权测试类别', types: ['complaint'] } }),
    },
  ],
  'GET /api/console/admin/officials': [get('list officials', adminOnly, () => '/api/console/admin/officials')],
  'POST /api/console/admin/officials': [
    {
      name: 'create official',
      expect: adminOnly,
      build: async (caller) => ({
        path: '/api/console/admin/officials',
        body: { username: `probe-${slug(caller)}`, displayName: '授权测试', role: 'intake', password: 'probe-password-1' },
      }),
    },
  ],
  'POST /api/console/admin/officials/{username}/disable': [get('disable official', adminOnly, () => '/api/console/admin/officials/probe-target/disable')],
  'POST /api/console/admin/officials/{username}/enable': [get('enable official', adminOnly, () => '/api/console/admin/officials/probe-target/enable')],
  'POST /api/console/admin/officials/{username}/reset-password': [get('reset password', adminOnly, () => '/api/console/admin/officials/probe-target/reset-password')],
  'POST /api/console/admin/officials/{username}/assignment': [
    { name: 'move official', expect: adminOnly, build: async () => ({ path: '/api/console/admin/officials/probe-target/assignment', body: { unitId: 'qingshan' } }) },
  ],

  // Dead letters (notifications given up on): admins only.
  // Open311 partners: admins only (a partner per caller; the disable row names one made for it).
  'GET /api/console/admin/open311-partners': [get('list Open311 partners', adminOnly, () => '/api/console/admin/open311-partners')],
  'POST /api/console/admin/open311-partners': [
    { name: 'issue Open311 partner', expect: adminOnly, build: async (caller) => ({ path: '/api/console/admin/open311-partners', body: { name: `授权测试合作方 ${slug(caller)}` } }) },
  ],
  'POST /api/console/admin/open311-partners/{partnerId}/disable': [
    {
      name: 'disable Open311 partner',
      expect: adminOnly,
      build: async () => {
        const issued = await stack.request('POST', '/api/console/admin/open311-partners', { token: await session.token('admin'), body: { name: '待停用合作方' } });
        expect(issued.status, show(issued)).toBe(201);
        return { path: `/api/console/admin/open311-partners/${issued.body.partner.id}/disable` };
      },
    },
  ],
  'GET /api/console/admin/dead-letters': [get('list dead letters', adminOnly, () => '/api/console/admin/dead-letters')],
  'POST /api/console/admin/dead-letters/{id}/replay': [
    {
      name: 'replay a dead letter',
      expect: adminOnly,
      async setup() {
        // One notification the changes above put in the outbox, dead-lettered as the notifier would.
        const [item] = (await Promise.all(Array.from({ length: OUTBOX_SHARDS }, (_, shard) => stack.deps.notifications.listOutbox(shard, 1)))).flat();
        if (!item) throw new Error('no outbox item to dead-letter');
        expect(await stack.deps.notifications.moveToDeadLetter(item, { attempts: 10, lastError: 'authorisation probe', deadAt: T0.toISOString() })).toBe(true);
        deadLetterId = item.id;
      },
      build: async () => ({ path: `/api/console/admin/dead-letters/${deadLetterId}/replay` }),
    },
  ],

  // SLA settings: supervisors may read them; only admins change them. (The policy written is the default, so nothing else in this file moves.)
  'GET /api/console/admin/sla-policies': [get('list SLA policies', { ...adminOnly, supervisor: ok }, () => '/api/console/admin/sla-policies')],
  'POST /api/console/admin/sla-policies': [
    {
      name: 'put SLA policy',
      expect: adminOnly,
      build: async () => ({ path: '/api/console/admin/sla-policies', body: { type: 'suggestion', answerDays: 15, warnDays: 12, severeDays: 30, dayMode: 'natural' } }),
    },
  ],
  'GET /api/console/admin/calendar': [get('read calendar', { ...adminOnly, supervisor: ok }, () => '/api/console/admin/calendar')],
  'GET /api/console/admin/calendar/retime-jobs': [get('read re-timing jobs', { ...adminOnly, supervisor: ok }, () => '/api/console/admin/calendar/retime-jobs')],
  'POST /api/console/admin/calendar': [
    { name: 'put calendar override', expect: adminOnly, build: async () => ({ path: '/api/console/admin/calendar', body: { date: '2031-01-06', work: false, note: '授权测试' } }) },
  ],
  'DELETE /api/console/admin/calendar/{date}': [get('delete calendar override', adminOnly, () => '/api/console/admin/calendar/2031-01-06')],
  'POST /api/console/admin/calendar/years': [
    {
      name: "enter a year's schedule",
      expect: adminOnly,
      build: async () => ({ path: '/api/console/admin/calendar/years', body: { year: 2031, source: 'notice', holidays: [{ name: '授权测试', daysOff: ['2031-01-06'], workdays: [] }] } }),
    },
  ],

  // Policy library: admins manage items and synonyms; intake and supervisors publish answered consultations.
  'GET /api/console/admin/policies': [get('list library', adminOnly, () => '/api/console/admin/policies')],
  'POST /api/console/admin/policies': [
    { name: 'create policy', expect: adminOnly, build: async (caller) => ({ path: '/api/console/admin/policies', body: policyBody(`授权测试政策 ${caller}`) }) },
  ],
  'GET /api/console/admin/policies/{id}': [
    {
      name: 'read one library item',
      expect: adminOnly,
      async setup() {
        libraryItems.read = await createPolicy('授权测试：待读取的政策');
      },
      build: async () => ({ path: `/api/console/admin/policies/${libraryItems.read}` }),
    },
  ],
  'POST /api/console/admin/policies/{id}': [
    {
      name: 'update library item',
      expect: adminOnly,
      async setup() {
        libraryItems.update = await createPolicy('授权测试：待修改的政策');
      },
      build: async () => ({ path: `/api/console/admin/policies/${libraryItems.update}`, body: { kind: 'policy', ...policyBody('授权测试：已修改的政策') } }),
    },
  ],
  'DELETE /api/console/admin/policies/{id}': [
    {
      name: 'delete library item',
      expect: adminOnly,
      async setup() {
        libraryItems.delete = await createPolicy('授权测试：待删除的政策');
      },
      build: async () => ({ path: `/api/console/admin/policies/${libraryItems.delete}` }),
    },
  ],
  'GET /api/console/admin/synonyms': [get('read synonyms', adminOnly, () => '/api/console/admin/synonyms')],
  'DELETE /api/console/admin/synonyms': [
    { name: 'back to the built-in synonyms', expect: adminOnly, build: async () => ({ path: '/api/console/admin/synonyms' }) },
  ],
  'POST /api/console/admin/synonyms': [
    { name: 'replace synonyms', expect: adminOnly, build: async () => ({ path: '/api/console/admin/synonyms', body: { groups: [['社会保险', '社保'], ['农民工工资', '欠薪']] } }) },
  ],
  'GET /api/console/cases/{caseNo}/publication-preview': [
    {
      name: 'publication preview',
      expect: publishers,
      async setup() {
        publishable = await answeredConsultation();
      },
      build: async () => ({ path: `/api/console/cases/${publishable}/publication-preview` }),
    },
  ],
  'POST /api/console/cases/{caseNo}/publish': [
    {
      name: 'publish answer',
      expect: publishers,
      // The same consultation: the first allowed caller publishes it, the second publishes it again (replacing).
      build: async () => ({ path: `/api/console/cases/${publishable}/publish`, body: { question: '工地欠薪怎么办？', answer: '可向劳动保障监察大队投诉。' }, caseNo: publishable }),
    },
  ],
};

const consoleRoutes = () =>
  routesFromServerless()
    .filter((r) => r.path.startsWith('/api/console') && r.path !== '/api/console/login')
    .map((r) => `${r.method} ${r.path}`);

beforeAll(async () => {
  stack = await createTestStack();
  // Cases replied nine days ago: their citizens' rating window (7 days) is over, so they may be closed.
  session = await Session.start(stack, after(T0, -9 * DAY));
  await Promise.all([session.token('shouli'), session.token('rsj')]);
  await Promise.all(
    [1, 2, 3, 4, 5].map(async () => {
      const c = await inProgress();
      const res = await act(stack, await session.token('rsj'), c.caseNo, { action: 'reply', result: 'resolved', expectedVersion: c.version, answer: '已答复。' });
      expect(res.status, show(res)).toBe(200);
      oldReplied.push({ caseNo: c.caseNo, version: res.body.version });
    }),
  );
  session.setNow(T0);
  const officials = await session.officials();
  Object.assign(tokens, officials);

  [dispatched, kept] = await Promise.all([inProgress().then((c) => c.caseNo), inProgress().then((c) => c.caseNo)]);
  await Promise.all(Object.values(TABLE).flatMap((probes) => probes.map((p) => p.setup?.())));

  const citizenCase = await fileAs(stack, complaintBody());
  tokens.citizen = await citizenToken(stack, citizenCase.caseNo, citizenCase.password);
  tokens.none = undefined;
  tokens.garbage = 'definitely-not-a-token';
  // Well formed, claiming to be the admin, signed with someone else's secret.
  const forger = createTokenService(deriveKey(`${TEST_SECRET}-but-not-really`, 'token'), 30, 60);
  tokens.forged = (await forger.issueOfficialToken({ username: 'admin', role: 'admin', tokenVersion: 1 }, T0)).token;

  const created = await stack.request('POST', '/api/console/admin/officials', {
    token: officials.admin,
    body: { username: 'probe-target', displayName: '被管理账号', role: 'intake', password: 'probe-password-1' },
  });
  expect(created.status, show(created)).toBe(201);
});

describe('the authorisation table', () => {
  it('has a row for every console route in serverless.yml, and nothing else', () => {
    const declared = consoleRoutes();
    expect(declared.length).toBeGreaterThan(10);
    expect(Object.keys(TABLE).sort()).toEqual([...new Set(declared)].sort());
    for (const probes of Object.values(TABLE)) expect(probes.length).toBeGreaterThan(0);
  });

  it('states an outcome for each official in every probe', () => {
    for (const probes of Object.values(TABLE)) for (const p of probes) expect(Object.keys(p.expect).sort()).toEqual([...OFFICIALS].sort());
  });

  for (const [route, probes] of Object.entries(TABLE)) {
    const [method, pattern] = route.split(' ') as [string, string];
    for (const probe of probes) {
      it(`${route} (${probe.name}): ${CALLERS.map((c) => `${c}→${OFFICIALS.includes(c as Official) ? probe.expect[c as Official] : 401}`).join(', ')}`, async () => {
        const mismatches: string[] = [];
        for (const caller of CALLERS) {
          const expected: Outcome = OFFICIALS.includes(caller as Official) ? probe.expect[caller as Official] : 401;
          const req = await probe.build(caller, expected === ok);
          const before = req.caseNo && expected !== ok ? await snapshot(stack, req.caseNo) : undefined;
          const token = tokens[caller];
          const res: ApiResponse = await stack.request(method, req.path, { ...(token ? { token } : {}), ...(req.body !== undefined ? { body: req.body } : {}), ip: uniqueIp() });
          // The request went to the route this row is about.
          expect(req.path.split('?')[0]).toMatch(new RegExp(`^${pattern.replace(/\{[^/]+\}/g, '[^/]+')}$`));
          const got = res.status >= 200 && res.status < 300 ? ok : res.status;
          if (got !== expected) {
            mismatches.push(`${caller}: expected ${expected}, got ${show(res)}`);
            continue;
          }
          if (expected !== ok) {
            if (res.body?.error?.code !== CODE_FOR[expected]) mismatches.push(`${caller}: expected code ${CODE_FOR[expected]}, got ${show(res)}`);
            if (before) {
              const afterwards = await snapshot(stack, req.caseNo!);
              if (JSON.stringify(afterwards) !== JSON.stringify(before)) mismatches.push(`${caller}: refused, yet the case changed ${JSON.stringify(before)} → ${JSON.stringify(afterwards)}`);
            }
          }
        }
        expect(mismatches).toEqual([]);
      });
    }
  }
});

describe('who before what', () => {
  it('every console route answers a caller without a valid token with 401, even when the body and query are wrong too', async () => {
    const wrong: string[] = [];
    for (const route of consoleRoutes()) {
      const [method, pattern] = route.split(' ') as [string, string];
      // Nonsense everywhere: a path parameter that names nothing, a query and a body no route accepts.
      const path = `${pattern.replace(/\{[^/]+\}/g, 'x')}?limit=-1&queue=nope&bogus=1`;
      for (const token of [undefined, 'definitely-not-a-token', tokens.citizen]) {
        const res = await stack.request(method, path, { ...(token ? { token } : {}), ...(method === 'GET' || method === 'DELETE' ? {} : { body: { bogus: '<script>' } }), ip: uniqueIp() });
        if (res.status !== 401 || res.body?.error?.code !== 'UNAUTHENTICATED') wrong.push(`${route} (${token ? 'bad token' : 'no token'}): ${show(res)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('scope beyond the status code', () => {
  it("a handler asking for another department's queue gets their own department's cases only", async () => {
    const res = await stack.request('GET', '/api/console/cases?queue=department&departmentId=rsj&limit=100', { token: tokens.otherHandler! });
    expect(res.status, show(res)).toBe(200);
    expect(res.body.items.map((i: { caseNo: string }) => i.caseNo)).not.toContain(dispatched);
    for (const item of res.body.items) expect(item.departmentId).toBe('zjj');
    const own = await stack.request('GET', '/api/console/cases?queue=department&limit=100', { token: tokens.handler! });
    expect(own.body.items.map((i: { caseNo: string }) => i.caseNo)).toContain(dispatched);
  });

  it('/api/console/me tells each official who they are and which queues they work from', async () => {
    const expected: Record<Official, { role: string; queues: string[]; departmentId?: string }> = {
      intake: { role: 'intake', queues: ['intake', 'department', 'answered', 'due_soon', 'overdue', 'closed', 'mine', 'revisit'] },
      handler: { role: 'handler', departmentId: 'rsj', queues: ['department', 'assisting', 'answered', 'due_soon', 'overdue', 'closed'] },
      otherHandler: { role: 'handler', departmentId: 'zjj', queues: ['department', 'assisting', 'answered', 'due_soon', 'overdue', 'closed'] },
      supervisor: { role: 'supervisor', queues: ['intake', 'department', 'answered', 'due_soon', 'overdue', 'escalated', 'closed'] },
      admin: { role: 'admin', queues: [] },
    };
    for (const who of OFFICIALS) {
      const res = await stack.request('GET', '/api/console/me', { token: tokens[who]! });
      expect(res.status, show(res)).toBe(200);
      expect(res.body.official.role).toBe(expected[who].role);
      expect(res.body.official.departmentId).toBe(expected[who].departmentId);
      expect(res.body.queues).toEqual(expected[who].queues);
      expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|tokenVersion/);
    }
  });
});

describe('tokens follow the account', () => {
  async function createOfficial(username: string): Promise<void> {
    const res = await stack.request('POST', '/api/console/admin/officials', {
      token: tokens.admin!,
      body: { username, displayName: '临时承办人', role: 'handler', departmentId: 'rsj', password: 'first-password-1' },
    });
    expect(res.status, show(res)).toBe(201);
  }
  const login = (username: string, password: string) => stack.request('POST', '/api/console/login', { body: { username, password }, ip: uniqueIp() });
  const me = (token: string) => stack.request('GET', '/api/console/me', { token });

  it('a disabled account is out at once: its token gets 401 and it cannot log in; enabling lets it log in again, not the old token', async () => {
    await createOfficial('temp-disabled');
    const first = await login('temp-disabled', 'first-password-1');
    expect(first.status, show(first)).toBe(200);
    expect((await me(first.body.token)).status).toBe(200);

    const disabled = await stack.request('POST', '/api/console/admin/officials/temp-disabled/disable', { token: tokens.admin! });
    expect(disabled.status, show(disabled)).toBe(200);
    expect(disabled.body.disabled).toBe(true);

    expectApiError(await me(first.body.token), 401, 'UNAUTHENTICATED');
    expectApiError(await stack.request('GET', `/api/console/cases/${dispatched}`, { token: first.body.token }), 401, 'UNAUTHENTICATED');
    expectApiError(await login('temp-disabled', 'first-password-1'), 401, 'INVALID_CREDENTIALS');

    const list = await stack.request('GET', '/api/console/admin/officials', { token: tokens.admin! });
    expect(list.body.items.find((o: { username: string }) => o.username === 'temp-disabled')).toMatchObject({ disabled: true, role: 'handler', departmentId: 'rsj' });

    const enabled = await stack.request('POST', '/api/console/admin/officials/temp-disabled/enable', { token: tokens.admin! });
    expect(enabled.status, show(enabled)).toBe(200);
    expect(enabled.body.disabled).toBe(false);
    expectApiError(await me(first.body.token), 401, 'UNAUTHENTICATED');
    const again = await login('temp-disabled', 'first-password-1');
    expect(again.status, show(again)).toBe(200);
    expect((await me(again.body.token)).status).toBe(200);
  });

  it('an admin cannot disable their own account', async () => {
    expectApiError(await stack.request('POST', '/api/console/admin/officials/admin/disable', { token: tokens.admin! }), 400, 'VALIDATION_FAILED');
    expect((await me(tokens.admin!)).status).toBe(200);
  });

  it('after a password reset the old token and old password are refused and the temporary password works', async () => {
    await createOfficial('temp-reset');
    const first = await login('temp-reset', 'first-password-1');
    expect(first.status, show(first)).toBe(200);

    const reset = await stack.request('POST', '/api/console/admin/officials/temp-reset/reset-password', { token: tokens.admin! });
    expect(reset.status, show(reset)).toBe(200);
    const temporary = reset.body.temporaryPassword as string;
    expect(typeof temporary).toBe('string');
    expect(temporary.length).toBeGreaterThanOrEqual(10);
    expect(JSON.stringify(reset.body)).not.toMatch(/passwordHash/);

    expectApiError(await me(first.body.token), 401, 'UNAUTHENTICATED');
    expectApiError(await login('temp-reset', 'first-password-1'), 401, 'INVALID_CREDENTIALS');
    const fresh = await login('temp-reset', temporary);
    expect(fresh.status, show(fresh)).toBe(200);
    expect(fresh.body.official).toMatchObject({ username: 'temp-reset', role: 'handler', departmentId: 'rsj' });
    expect((await me(fresh.body.token)).status).toBe(200);
  });

  it('unknown accounts on admin routes are 404, not a crash', async () => {
    expectApiError(await stack.request('POST', '/api/console/admin/officials/nobody-here/reset-password', { token: tokens.admin! }), 404, 'NOT_FOUND');
  });

  it('a token expires after 60 minutes: 401 TOKEN_EXPIRED', async () => {
    const login = await stack.request('POST', '/api/console/login', { body: { username: 'duban', password: DEMO_OFFICIAL_PASSWORD }, ip: uniqueIp() });
    expect(login.status, show(login)).toBe(200);
    const token = login.body.token as string;
    try {
      session.setNow(after(T0, 59 * 60 * 1000));
      expect((await me(token)).status).toBe(200);
      session.setNow(after(T0, HOUR + 60 * 1000));
      expectApiError(await me(token), 401, 'TOKEN_EXPIRED');
      expectApiError(await stack.request('GET', '/api/console/cases?queue=escalated', { token }), 401, 'TOKEN_EXPIRED');
    } finally {
      session.setNow(T0);
    }
  });
});
