/**
 * The operator's desk (issue #16): channels, filing on behalf of a caller (来电登记) and return visits
 * (回访), through the real routes on DynamoDB Local, with the local fake Tencent SMS over HTTP.
 *
 * - 来电登记: intake files for a caller; the credentials come back in the answer, the case is filed as
 *   a citizen's (same credentials, placement, queue) with its channel and the official; the caller is
 *   texted the case number once (a replay with the same Idempotency-Key sends no second SMS); an
 *   anonymous report stores no name or phone; handlers and supervisors cannot file.
 * - Channels: a citizen's filing says miniprogram (default) or web; statistics by channel equal a
 *   recount of the cases.
 * - 回访: an answered case unrated for 3 days is in intake's 回访 queue (scoped), rated ones are not;
 *   each outcome, the reopening on 不满意, immutability (citizen rating after a revisit → 409, a
 *   second revisit → 409), unreachable attempts (3, then off the queue), and the statistics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelOf, eventLabel, type CaseRecord, type ConsoleStatsResponse } from '@minsheng/shared';
import { deliverNotifications } from '../../../functions/src/services/notifications/notifier';
import { createTestStack, type TestStack } from '../../support/stack';
import { act, complaintBody, fileAs, show, uniqueIp } from '../../support/console';
import { withFakes, type Fakes } from '../reach/sms-kit';
import { seedDemoCases } from '../../../infra/src/demo-data';
import { after, citizenToken, DAY, expectApiError, HOUR, rate, Session, T0, track } from './console-kit';

let stack: TestStack;
let session: Session;
let fakes: Fakes;
/** Every case this file files, to recount the statistics from. */
const filedCases: string[] = [];

const PASSWORD_RE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/;

const callBody = (overrides: Record<string, unknown> = {}) => ({
  type: 'complaint',
  categoryId: 'tuoqian-gongzi',
  title: '来电反映工地欠薪',
  content: '来电人反映城南工地拖欠三个月工资，涉及 20 余名工人。',
  channel: 'phone',
  callerName: '刘先生',
  callerPhone: '13900001111',
  sendSms: true,
  ...overrides,
});

async function fileCall(username: string, body: Record<string, unknown>, key?: string) {
  const res = await stack.request('POST', '/api/console/cases', { token: await session.token(username), body, ...(key ? { headers: { 'idempotency-key': key } } : {}) });
  if (res.status === 201 && !filedCases.includes(res.body.caseNo)) filedCases.push(res.body.caseNo);
  return res;
}

async function citizenFile(body: Record<string, unknown>) {
  const c = await fileAs(stack, body);
  filedCases.push(c.caseNo);
  return c;
}

async function run(username: string, caseNo: string, command: Record<string, unknown>) {
  const version = (await stack.deps.cases.getCase(caseNo))!.version;
  return act(stack, await session.token(username), caseNo, { ...command, expectedVersion: version });
}

async function runOk(username: string, caseNo: string, command: Record<string, unknown>) {
  const res = await run(username, caseNo, command);
  expect(res.status, `${username} ${String(command.action)}: ${show(res)}`).toBe(200);
  return res.body;
}

async function queue(username: string, name: string): Promise<{ caseNo: string; answeredAt?: string; revisitAttempts?: number }[]> {
  const res = await stack.request('GET', `/api/console/cases?queue=${name}&limit=100`, { token: await session.token(username) });
  expect(res.status, show(res)).toBe(200);
  return res.body.items;
}
const inQueue = async (username: string, name: string) => (await queue(username, name)).map((i) => i.caseNo);

const smsTo = (phone: string) => fakes.sms.messagesTo(phone).map((m) => m.text);

beforeAll(async () => {
  stack = await createTestStack();
  fakes = await withFakes(stack);
  session = await Session.start(stack, T0);
}, 60_000);

afterAll(async () => {
  await fakes?.stop();
});

describe('来电登记: intake files a case on behalf of a caller', () => {
  let filed: { caseNo: string; password: string };

  it('answers 201 with the credentials; the case is filed as a citizen’s, with channel 电话 and the official who filed it', async () => {
    const res = await fileCall('shouli', callBody(), 'desk-call-0001');
    expect(res.status, show(res)).toBe(201);
    expect(res.body.password).toMatch(PASSWORD_RE);
    expect(res.body.status).toBe('submitted');
    filed = res.body;
    const stored = (await stack.deps.cases.getCase(filed.caseNo))!;
    expect(stored).toMatchObject({ channel: 'phone', filedBy: 'shouli', contact: { name: '刘先生', phone: '13900001111' }, sms: { optIn: true }, status: 'submitted' });
    // The caller can follow the case with those credentials, like any citizen.
    const token = await citizenToken(stack, filed.caseNo, filed.password);
    const tracked = await track(stack, token);
    expect(tracked.timeline[0].text).toBe('受理员代为登记（电话），等待受理');
    // It waits in the intake queue like any other filing.
    expect(await inQueue('shouli', 'intake')).toContain(filed.caseNo);
  });

  it('the console shows 来源渠道 and who registered it; the first event is the official’s (受理员代为登记)', async () => {
    const res = await stack.request('GET', `/api/console/cases/${filed.caseNo}`, { token: await session.token('shouli') });
    expect(res.status, show(res)).toBe(200);
    expect(res.body).toMatchObject({ channel: 'phone', channelLabel: '电话', filedBy: 'shouli', filedByName: '张敏（市受理员）' });
    expect(res.body.timeline[0]).toMatchObject({ kind: 'submitted', actorRole: 'intake', actorId: 'shouli', text: '受理员代为登记（电话），等待受理' });
    expect(res.body.timeline[0].data).toMatchObject({ channel: 'phone', filedBy: 'shouli' });
    // The console heads that first step as the officer's registration, not as 群众提交.
    expect(eventLabel(res.body.timeline[0].kind, res.body.timeline[0].data)).toBe('受理员代为登记（电话）');
  });

  it('the caller is texted the case number once (never the password)', async () => {
    const before = smsTo('13900001111').length;
    await deliverNotifications(stack.deps);
    const sent = smsTo('13900001111').slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain(filed.caseNo);
    expect(sent[0]).not.toContain(filed.password);
    await deliverNotifications(stack.deps);
    expect(smsTo('13900001111').length).toBe(before + 1);
  });

  it('a replay with the same Idempotency-Key answers the same case and password, files nothing and sends no second SMS', async () => {
    const before = smsTo('13900001111').length;
    const res = await fileCall('shouli', callBody(), 'desk-call-0001');
    expect(res.status, show(res)).toBe(201);
    expect(res.headers['idempotent-replayed']).toBe('true');
    expect(res.body).toMatchObject({ caseNo: filed.caseNo, password: filed.password });
    await deliverNotifications(stack.deps);
    expect(smsTo('13900001111').length).toBe(before);
    // The same key with another body is refused.
    expectApiError(await fileCall('shouli', callBody({ title: '另一件事' }), 'desk-call-0001'), 409, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('without 短信发送查询码 the caller is not texted', async () => {
    const res = await fileCall('shouli', callBody({ callerPhone: '13900002222', sendSms: false, channel: 'visit', title: '来访反映噪音扰民' }));
    expect(res.status, show(res)).toBe(201);
    await deliverNotifications(stack.deps);
    expect(smsTo('13900002222')).toEqual([]);
    expect((await stack.deps.cases.getCase(res.body.caseNo))).toMatchObject({ channel: 'visit', sms: { optIn: false } });
  });

  it('an anonymous report stores no name or phone; naming the caller on an anonymous report is a 400', async () => {
    const res = await fileCall('shouli', { type: 'report', categoryId: 'luan-shoufei', title: '来信举报乱收费', content: '来信举报某窗口收取加急费。', channel: 'letter', anonymous: true });
    expect(res.status, show(res)).toBe(201);
    const stored = (await stack.deps.cases.getCase(res.body.caseNo))!;
    expect(stored.anonymous).toBe(true);
    expect(stored.contact).toBeUndefined();
    expect(stored.channel).toBe('letter');
    const named = await fileCall('shouli', { type: 'report', categoryId: 'luan-shoufei', title: '举报', content: '举报内容', channel: 'phone', anonymous: true, callerPhone: '13900003333' });
    expect(named.status, show(named)).toBe(400);
    expect(JSON.stringify(named.body)).toContain('匿名举报不记录来电人姓名和电话');
  });

  it('refuses a citizen channel (400), SMS without a phone (400); handlers, supervisors and admins cannot file (403)', async () => {
    const citizenChannel = await fileCall('shouli', callBody({ channel: 'miniprogram' }));
    expect(citizenChannel.status, show(citizenChannel)).toBe(400);
    expect(citizenChannel.body.error.fields).toHaveProperty('channel');
    const noPhone = await fileCall('shouli', callBody({ callerPhone: undefined }));
    expect(noPhone.status, show(noPhone)).toBe(400);
    for (const username of ['rsj', 'duban', 'admin']) {
      expectApiError(await fileCall(username, callBody({ title: `越权登记 ${username}` })), 403, 'FORBIDDEN');
    }
  });

  it('a township’s intake files at its own unit by default; a place outside its subtree is refused', async () => {
    const res = await fileCall('xinhua-shouli', callBody({ callerPhone: '13900004444', title: '新华街道来电' }));
    expect(res.status, show(res)).toBe(201);
    expect((await stack.deps.cases.getCase(res.body.caseNo))).toMatchObject({ unitId: 'hexi-xinhua', location: { unitId: 'hexi-xinhua' } });
    expect(await inQueue('xinhua-shouli', 'intake')).toContain(res.body.caseNo);
    const outside = await fileCall('xinhua-shouli', callBody({ placeUnitId: 'qingshan', title: '别的县的事' }));
    expect(outside.status, show(outside)).toBe(400);
    expect(outside.body.error.fields.placeUnitId).toBe('只能登记本级及下级辖区内的诉求');
  });
});

describe('channels of citizens’ filings', () => {
  it('absent → miniprogram (older clients), web from the H5 build; a desk channel is refused', async () => {
    const old = await citizenFile(complaintBody({ title: '小程序提交' }));
    const web = await citizenFile(complaintBody({ title: '网页提交', channel: 'web' }));
    expect((await stack.deps.cases.getCase(old.caseNo))?.channel).toBe('miniprogram');
    expect((await stack.deps.cases.getCase(web.caseNo))?.channel).toBe('web');
    const res = await stack.request('POST', '/api/cases', { body: complaintBody({ channel: 'phone' }), ip: uniqueIp() });
    expect(res.status, show(res)).toBe(400);
  });

  it('a stored case without a channel reads as 小程序', () => {
    expect(channelOf({})).toBe('miniprogram');
  });
});

describe('回访: return visits', () => {
  const c: Record<'due' | 'ratedByCitizen' | 'unsatisfied' | 'unreachable' | 'hexi', { caseNo: string; password: string }> = {} as never;
  const answeredAt = after(T0, 2 * HOUR);

  beforeAll(async () => {
    session.setNow(after(T0, HOUR));
    for (const k of ['due', 'ratedByCitizen', 'unsatisfied', 'unreachable'] as const) {
      c[k] = await citizenFile(complaintBody({ title: `回访测试 ${k}` }));
      await runOk('shouli', c[k].caseNo, { action: 'accept', departmentId: 'rsj' });
    }
    c.hexi = await citizenFile(complaintBody({ title: '回访测试 河西区', location: { text: '河西区', unitId: 'hexi' } }));
    await runOk('hexi-shouli', c.hexi.caseNo, { action: 'accept', departmentId: 'hexi-rsj' });
    session.setNow(answeredAt);
    for (const k of ['due', 'ratedByCitizen', 'unsatisfied', 'unreachable'] as const) await runOk('rsj', c[k].caseNo, { action: 'reply', result: 'resolved', answer: '已责令用人单位支付工资。' });
    await runOk('hexi-rsj', c.hexi.caseNo, { action: 'reply', result: 'resolved', answer: '已处理。' });
    session.setNow(after(answeredAt, DAY));
    await rate(stack, c.ratedByCitizen.caseNo, c.ratedByCitizen.password, 'satisfied');
  }, 60_000);

  it('before 3 days have passed the queue is empty and a revisit is refused (the citizen may still rate)', async () => {
    session.setNow(after(answeredAt, 3 * DAY - HOUR));
    expect(await inQueue('shouli', 'revisit')).toEqual([]);
    const early = await run('shouli', c.due.caseNo, { action: 'revisit', outcome: 'satisfied', note: '提前回访' });
    expectApiError(early, 409, 'INVALID_TRANSITION');
    expect(early.body.error.message).toContain('答复未满 3 天');
  });

  it('3 days after the answer, the unrated cases are in the 回访 queue (oldest answer first); the rated one is not', async () => {
    session.setNow(after(answeredAt, 3 * DAY + HOUR));
    const items = await queue('shouli', 'revisit');
    const nos = items.map((i) => i.caseNo);
    for (const k of ['due', 'unsatisfied', 'unreachable', 'hexi'] as const) expect(nos, k).toContain(c[k].caseNo);
    expect(nos).not.toContain(c.ratedByCitizen.caseNo);
    expect(items.find((i) => i.caseNo === c.due.caseNo)).toMatchObject({ revisitAttempts: 0 });
    expect(items.find((i) => i.caseNo === c.due.caseNo)?.answeredAt).toMatch(/\+08:00$/);
  });

  it('the queue is scoped: 河西区’s intake sees its own case only, 新华街道’s none of them; handlers and supervisors have no 回访 queue', async () => {
    expect(await inQueue('hexi-shouli', 'revisit')).toEqual([c.hexi.caseNo]);
    expect(await inQueue('xinhua-shouli', 'revisit')).toEqual([]);
    for (const username of ['rsj', 'duban']) {
      expectApiError(await stack.request('GET', '/api/console/cases?queue=revisit', { token: await session.token(username) }), 403, 'FORBIDDEN');
    }
    // Out of scope is not found, as every action.
    expectApiError(await run('xinhua-shouli', c.hexi.caseNo, { action: 'revisit', outcome: 'satisfied', note: '越权回访' }), 404, 'CASE_NOT_FOUND');
  });

  it('满意 is recorded as the citizen’s rating would be (source: revisit) and closes the case; it is final', async () => {
    const body = await runOk('shouli', c.due.caseNo, { action: 'revisit', outcome: 'satisfied', note: '电话回访，群众表示满意' });
    expect(body.status).toBe('closed');
    expect(body.ratings).toEqual([expect.objectContaining({ rating: 'satisfied', source: 'revisit', by: 'shouli', comment: '电话回访，群众表示满意', round: 1 })]);
    expect(body.timeline.at(-1)).toMatchObject({ kind: 'rated', actorRole: 'intake', actorId: 'shouli', text: '回访评价：满意' });
    expect(await inQueue('shouli', 'revisit')).not.toContain(c.due.caseNo);
    // The citizen can no longer rate; a second revisit is refused.
    const token = await citizenToken(stack, c.due.caseNo, c.due.password);
    expect((await track(stack, token)).canRate).toBe(false);
    expectApiError(await stack.request('POST', '/api/track/case/rating', { token, body: { rating: 'unsatisfied' } }), 409, 'ALREADY_RATED');
    expectApiError(await run('shouli', c.due.caseNo, { action: 'revisit', outcome: 'unsatisfied', note: '再次回访' }), 409, 'ALREADY_RATED');
  });

  it('不满意 reopens the case for the department as an in-app 不满意 does (round 2, in its queue again)', async () => {
    const body = await runOk('hexi-shouli', c.hexi.caseNo, { action: 'revisit', outcome: 'unsatisfied', note: '群众认为问题未解决' });
    expect(body).toMatchObject({ status: 'in_progress', round: 2 });
    const res = await stack.request('GET', '/api/console/cases?queue=department&limit=100', { token: await session.token('hexi-rsj') });
    expect((res.body.items as { caseNo: string }[]).map((i) => i.caseNo)).toContain(c.hexi.caseNo);
    const token = await citizenToken(stack, c.hexi.caseNo, c.hexi.password);
    expectApiError(await stack.request('POST', '/api/track/case/rating', { token, body: { rating: 'satisfied' } }), 409, 'ALREADY_RATED');
    expectApiError(await run('hexi-shouli', c.hexi.caseNo, { action: 'revisit', outcome: 'satisfied', note: '再次回访' }), 409, 'ALREADY_RATED');
    const b = await runOk('shouli', c.unsatisfied.caseNo, { action: 'revisit', outcome: 'basically_satisfied', note: '基本满意' });
    expect(b.status).toBe('closed');
  });

  it('联系不上 records the attempt (audit only) and the case stays in the queue; after 3 attempts it leaves as 联系不上', async () => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const body = await runOk('shouli', c.unreachable.caseNo, { action: 'revisit', outcome: 'unreachable', note: `第 ${attempt} 次拨打无人接听` });
      expect(body.status).toBe('replied');
      expect(body.revisit).toMatchObject({ attempts: attempt, round: 1 });
      const items = await queue('shouli', 'revisit');
      if (attempt < 3) expect(items.find((i) => i.caseNo === c.unreachable.caseNo)).toMatchObject({ revisitAttempts: attempt });
      else expect(items.map((i) => i.caseNo)).not.toContain(c.unreachable.caseNo);
    }
    expect((await stack.deps.cases.getCase(c.unreachable.caseNo))?.revisit).toMatchObject({ attempts: 3, gaveUp: true });
    const fourth = await run('shouli', c.unreachable.caseNo, { action: 'revisit', outcome: 'unreachable', note: '第 4 次' });
    expectApiError(fourth, 409, 'INVALID_TRANSITION');
    const audit = await stack.request('GET', `/api/console/audit?caseNo=${c.unreachable.caseNo}`, { token: await session.token('shouli') });
    const attempts = (audit.body.items as { kind: string; public: boolean; data: Record<string, unknown> }[]).filter((e) => e.kind === 'revisit_unreachable');
    expect(attempts.map((e) => e.data.note)).toEqual(['第 1 次拨打无人接听', '第 2 次拨打无人接听', '第 3 次拨打无人接听']);
    expect(attempts.every((e) => !e.public)).toBe(true);
    // The citizen may still rate the answer themself.
    const token = await citizenToken(stack, c.unreachable.caseNo, c.unreachable.password);
    expect((await track(stack, token)).timeline.map((e: { kind: string }) => e.kind)).not.toContain('revisit_unreachable');
    expect((await track(stack, token)).canRate).toBe(true);
  });

  it('an admin’s longer delay for a type (revisitDays) applies at once to the queue', async () => {
    const later = await citizenFile(complaintBody({ title: '回访测试 延迟' }));
    await runOk('shouli', later.caseNo, { action: 'accept', departmentId: 'rsj' });
    await runOk('rsj', later.caseNo, { action: 'reply', result: 'resolved', answer: '已处理。' });
    session.advance(4 * DAY);
    expect(await inQueue('shouli', 'revisit')).toContain(later.caseNo);
    const policy = await stack.request('POST', '/api/console/admin/sla-policies', {
      token: await session.token('admin'),
      body: { type: 'complaint', answerDays: 15, warnDays: 12, severeDays: 30, dayMode: 'natural', revisitDays: 5 },
    });
    expect(policy.status, show(policy)).toBe(200);
    expect(await inQueue('shouli', 'revisit')).not.toContain(later.caseNo);
    session.advance(DAY + HOUR);
    expect(await inQueue('shouli', 'revisit')).toContain(later.caseNo);
  });
});

describe('statistics', () => {
  let stats: ConsoleStatsResponse;
  let cases: CaseRecord[];

  beforeAll(async () => {
    await stack.settle();
    const res = await stack.request('GET', '/api/console/stats', { token: await session.token('shouli') });
    expect(res.status, show(res)).toBe(200);
    stats = res.body;
    cases = (await Promise.all(filedCases.map((no) => stack.deps.cases.getCase(no)))).filter((x): x is CaseRecord => Boolean(x));
    expect(cases).toHaveLength(filedCases.length);
  });

  it('by channel: filed per channel equals a recount of the cases', () => {
    const recount = new Map<string, number>();
    for (const x of cases) recount.set(channelOf(x), (recount.get(channelOf(x)) ?? 0) + 1);
    const shown = Object.fromEntries((stats.byChannel ?? []).map((r) => [r.key, r.filed ?? 0]));
    expect(shown).toEqual(Object.fromEntries(recount));
    expect((stats.byChannel ?? []).find((r) => r.key === 'phone')?.name).toBe('电话');
  });

  it('ratings obtained by 回访 and unreachable attempts are counted separately (and equal a recount)', () => {
    const revisitRatings = cases.flatMap((x) => x.ratings).filter((r) => r.source === 'revisit').length;
    const allRatings = cases.flatMap((x) => x.ratings).length;
    expect(revisitRatings).toBe(3);
    expect(stats.totals.revisitRatings).toBe(revisitRatings);
    expect(stats.totals.ratings).toBe(allRatings);
    expect(stats.totals.revisitUnreachable).toBe(3);
  });
});

describe('demo data', () => {
  it('seeds a phone call registered by 张敏 whose unrated answer waits in the 回访 queue', async () => {
    const demo = await seedDemoCases(stack.deps);
    const phone = demo.find((d) => d.title === '来电反映装修公司拖欠工人工资')!;
    expect((await stack.deps.cases.getCase(phone.caseNo))).toMatchObject({ channel: 'phone', filedBy: 'shouli', status: 'replied' });
    expect(await inQueue('shouli', 'revisit')).toContain(phone.caseNo);
    // Seeding again (a kept table) files nothing new.
    expect((await seedDemoCases(stack.deps)).map((d) => d.caseNo)).toEqual(demo.map((d) => d.caseNo));
  });
});
