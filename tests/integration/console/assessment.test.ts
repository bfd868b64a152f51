/**
 * 考核 (issue #18): a scripted month of work across three levels — the city, 青山县 and 河西区, and their
 * townships 城南镇, 双庙乡 and 新华街道 — with a late acceptance, a send-back and a new dispatch, a late
 * answer, a 回访 that reopens a case (重办), a citizen's 不满意 that reopens another, a case moved up to the
 * county, a rejection, a withdrawal, and two exemptions (免于考核): one in the month, one in the month after
 * (which takes the case's April figures back).
 *
 * Every step goes through the HTTP API and is written down here as what it means for the assessment (the
 * ledger); the ranking's every rate and composite score must equal the recount of that ledger, computed
 * here from the definitions in the README — not by the code under test. The public ranking shows only what
 * a city supervisor published, as it was when published.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStack, type TestStack } from '../../support/stack';
import { act, complaintBody, fileAs, show } from '../../support/console';
import { DAY, HOUR, Session, T0, after, citizenToken, expectApiError, rate } from './console-kit';

let stack: TestStack;
let session: Session;

// ---------------------------------------------------------------------------------------------
// The ledger: what each step counts, by the README's definitions

type Metric =
  | 'asCases'
  | 'asAccepted'
  | 'asAcceptedOnTime'
  | 'asDispatched'
  | 'asResponded'
  | 'asRespondedOnTime'
  | 'asAnswered'
  | 'asAnsweredOnTime'
  | 'asResolved'
  | 'asPartlyResolved'
  | 'asUnresolved'
  | 'asRatings'
  | 'asSatisfied'
  | 'asSentBack'
  | 'asReopened'
  | 'exempted';
interface Fact {
  key: string;
  month: string;
  metric: Metric;
  by: number;
  dims: string[];
}
const ledger: Fact[] = [];
const exempted = new Map<string, string>(); // case key → month of the exemption

/** The units below the root on each place's path (the root's own figures are ALL). */
const UNITS: Record<string, string[]> = {
  root: [],
  qingshan: ['qingshan'],
  'qs-chengnan': ['qingshan', 'qs-chengnan'],
  'qs-shuangmiao': ['qingshan', 'qs-shuangmiao'],
  'hexi-xinhua': ['hexi', 'hexi-xinhua'],
};
const PARENT: Record<string, string> = { 'qs-chengnan': 'qingshan', 'qs-shuangmiao': 'qingshan', 'hexi-xinhua': 'hexi', qingshan: 'root' };

const shanghaiMonth = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 7);

interface Tracked {
  key: string;
  caseNo: string;
  password: string;
  place: string;
  filedAt: Date;
  decided: boolean;
  department?: string;
  dispatchedAt?: Date;
  responded: boolean;
  answered: boolean;
  round: number;
}
const cases: Record<string, Tracked> = {};

const unitDims = (t: Tracked) => ['ALL', ...UNITS[t.place]!.map((u) => `UNIT#${u}`)];
const deptDim = (d: string | undefined) => (d ? [`DEPT#${d}`] : []);
const count = (t: Tracked, metric: Metric, dims: string[], by = 1) => ledger.push({ key: t.key, month: shanghaiMonth(session.now), metric, by, dims });

async function run(username: string, t: Tracked, command: Record<string, unknown>) {
  const version = (await stack.deps.cases.getCase(t.caseNo))!.version;
  const res = await act(stack, await session.token(username), t.caseNo, { ...command, expectedVersion: version });
  expect(res.status, `${t.key} ${username} ${String(command.action)}: ${show(res)}`).toBe(200);
}

async function file(key: string, place: string) {
  const location = place === 'root' ? {} : { location: { text: '某处', unitId: place } };
  const filed = await fileAs(stack, complaintBody({ title: `考核测试 ${key}`, ...location }));
  const t: Tracked = { key, ...filed, place, filedAt: session.now, decided: false, responded: false, answered: false, round: 1 };
  cases[key] = t;
  count(t, 'asCases', unitDims(t));
  return t;
}

/** The intake's decision (受理 / 不予受理): once per case; on time within 24 hours of filing. */
function decision(t: Tracked) {
  if (t.decided) return;
  t.decided = true;
  count(t, 'asAccepted', unitDims(t));
  if (session.now.getTime() - t.filedAt.getTime() <= 24 * HOUR) count(t, 'asAcceptedOnTime', unitDims(t));
}

async function dispatch(username: string, t: Tracked, departmentId: string) {
  await run(username, t, { action: 'accept', departmentId });
  decision(t);
  t.department = departmentId;
  t.dispatchedAt = session.now;
  t.responded = false;
  count(t, 'asDispatched', deptDim(departmentId));
}

/** A department's first step on a dispatch is its response: on time within 24 hours of the dispatch. */
function response(t: Tracked) {
  if (t.responded) return;
  t.responded = true;
  count(t, 'asResponded', deptDim(t.department));
  if (session.now.getTime() - t.dispatchedAt!.getTime() <= 24 * HOUR) count(t, 'asRespondedOnTime', deptDim(t.department));
}

async function reject(username: string, t: Tracked) {
  await run(username, t, { action: 'reject', reason: '不属于受理范围，请向法院起诉' });
  decision(t);
}

async function escalate(username: string, t: Tracked) {
  await run(username, t, { action: 'escalate_up', reason: '涉及县级部门职责，本镇无法办理' });
  count(t, 'asCases', unitDims(t), -1);
  t.place = PARENT[t.place]!;
  count(t, 'asCases', unitDims(t));
}

async function sendBack(t: Tracked) {
  await run(t.department!, t, { action: 'send_back', reasonCode: 'not_our_duty' });
  response(t);
  count(t, 'asSentBack', [...unitDims(t), ...deptDim(t.department)]);
  t.department = undefined;
}

async function reply(t: Tracked, result: 'resolved' | 'partly_resolved' | 'unresolved') {
  const dueAt = (await stack.deps.cases.getCase(t.caseNo))!.schedule!.dueAt;
  await run(t.department!, t, { action: 'reply', answer: '经核查，已按政策处理并电话告知。', result });
  response(t);
  const d = [...unitDims(t), ...deptDim(t.department)];
  count(t, ({ resolved: 'asResolved', partly_resolved: 'asPartlyResolved', unresolved: 'asUnresolved' } as const)[result], d);
  if (!t.answered) {
    t.answered = true;
    count(t, 'asAnswered', d);
    if (session.now.getTime() <= Date.parse(dueAt)) count(t, 'asAnsweredOnTime', d);
  }
}

function rating(t: Tracked, value: 'satisfied' | 'basically_satisfied' | 'unsatisfied') {
  const d = [...unitDims(t), ...deptDim(t.department)];
  count(t, 'asRatings', d);
  if (value !== 'unsatisfied') count(t, 'asSatisfied', d);
  // 不满意 on the first answer: the case goes back to the department (重办).
  if (value === 'unsatisfied' && t.round === 1) {
    count(t, 'asReopened', d);
    t.round = 2;
  }
}

async function citizenRates(t: Tracked, value: 'satisfied' | 'basically_satisfied' | 'unsatisfied') {
  await rate(stack, t.caseNo, t.password, value);
  rating(t, value);
}

async function revisit(username: string, t: Tracked, value: 'satisfied' | 'basically_satisfied' | 'unsatisfied') {
  await run(username, t, { action: 'revisit', outcome: value, note: value === 'unsatisfied' ? '电话回访，群众表示问题未解决' : '电话回访，群众表示满意' });
  rating(t, value);
}

async function exempt(username: string, t: Tracked) {
  await run(username, t, { action: 'exempt', reason: '诉求人反复提出超出政策规定的要求，属不合理诉求' });
  exempted.set(t.key, shanghaiMonth(session.now));
  // Counted in the month of the exemption, where the case is and with the department that answered it.
  count(t, 'exempted', [...unitDims(t), ...deptDim(t.department)]);
}

/** The ledger's counters of a month for one dimension (an exempted case counts nowhere). */
function recount(month: string, dim: string): Record<Metric, number> {
  const c = {} as Record<Metric, number>;
  for (const f of ledger) {
    if (f.month !== month || (exempted.has(f.key) && f.metric !== 'exempted') || !f.dims.includes(dim)) continue;
    c[f.metric] = (c[f.metric] ?? 0) + f.by;
  }
  return c;
}

const pct = (a: number | undefined, b: number | undefined) => (b ? Math.round(((a ?? 0) / b) * 1000) / 10 : undefined);

/** The README's rates, from the counts. */
function ratesOf(c: Record<Metric, number>, level: 'unit' | 'department') {
  const results = (c.asResolved ?? 0) + (c.asPartlyResolved ?? 0) + (c.asUnresolved ?? 0);
  const base = level === 'unit' ? c.asCases : c.asDispatched;
  const rates = {
    responseRate: level === 'unit' ? pct(c.asAcceptedOnTime, c.asCases) : pct(c.asRespondedOnTime, c.asDispatched),
    onTimeRate: pct(c.asAnsweredOnTime, c.asAnswered),
    resolutionRate: results ? Math.round((((c.asResolved ?? 0) + 0.5 * (c.asPartlyResolved ?? 0)) / results) * 1000) / 10 : undefined,
    satisfactionRate: pct(c.asSatisfied, c.asRatings),
    sendBackRate: pct(c.asSentBack, base),
    reopenRate: pct(c.asReopened, c.asAnswered),
  };
  return Object.fromEntries(Object.entries(rates).filter(([, v]) => v !== undefined)) as Record<string, number>;
}

/** 准格尔旗's 三率 weights (响应率 30, 解决率 35, 满意率 35) over the rates that have figures. */
function scoreOf(rates: Record<string, number>): number | undefined {
  const weights: Record<string, number> = { responseRate: 30, resolutionRate: 35, satisfactionRate: 35 };
  const present = Object.keys(weights).filter((r) => rates[r] !== undefined);
  if (present.length === 0) return undefined;
  const total = present.reduce((s, r) => s + weights[r]!, 0);
  return Math.round((present.reduce((s, r) => s + rates[r]! * weights[r]!, 0) / total) * 10) / 10;
}

interface Entry {
  key: string;
  name: string;
  rank?: number;
  score?: number;
  rates: Record<string, number>;
  counts: Record<string, number>;
  previous?: { score?: number; rank?: number };
  rankChange?: number;
}

async function ranking(username: string, month: string) {
  const res = await stack.request('GET', `/api/console/assessment/${month}`, { token: await session.token(username) });
  expect(res.status, show(res)).toBe(200);
  return res.body as { departments: Entry[]; units: Entry[]; exempted: number; ended: boolean; published?: { at: string; by: string } };
}

/** Each entry's counts, rates and score against the recount; the ranks in order of score. */
function expectRecounted(entries: Entry[], month: string, level: 'unit' | 'department') {
  for (const e of entries) {
    const counts = recount(month, `${level === 'unit' ? 'UNIT' : 'DEPT'}#${e.key}`);
    const nonzero = Object.fromEntries(Object.entries(counts).filter(([, v]) => v !== 0));
    expect(e.counts, `${month} ${e.key} counts`).toEqual(nonzero);
    const rates = ratesOf(counts, level);
    expect(e.rates, `${month} ${e.key} rates`).toEqual(rates);
    // Ranked only with at least one answer in the month.
    expect(e.score, `${month} ${e.key} score`).toEqual(counts.asAnswered ? scoreOf(rates) : undefined);
  }
  const scored = entries.filter((e) => e.score !== undefined);
  for (const e of scored) expect(e.rank, e.key).toBe(1 + scored.filter((o) => o.score! > e.score!).length);
  expect(entries.map((e) => e.score ?? -1)).toEqual([...entries.map((e) => e.score ?? -1)].sort((a, b) => b - a));
}

const byKey = (entries: Entry[]) => Object.fromEntries(entries.map((e) => [e.key, e]));

// ---------------------------------------------------------------------------------------------
// The script

const MARCH = '2030-03';
const APRIL = '2030-04';
const MAY = '2030-05';
const at = (iso: string) => session.setNow(new Date(iso));

beforeAll(async () => {
  stack = await createTestStack();
  session = await Session.start(stack, after(T0, -20 * DAY));

  // March: the month before, for 环比. 城南镇综治办 does well, 城南镇社会保障所 has its answer rejected by the citizen.
  const m1 = await file('M1', 'qs-chengnan');
  const m2 = await file('M2', 'qs-chengnan');
  session.advance(HOUR);
  await dispatch('cn-shouli', m1, 'qs-chengnan-zzb');
  await dispatch('cn-shouli', m2, 'qs-chengnan-sbs');
  session.advance(2 * HOUR);
  await reply(m1, 'resolved');
  await reply(m2, 'unresolved');
  await citizenRates(m1, 'satisfied');
  await citizenRates(m2, 'unsatisfied');
  session.advance(HOUR);
  await reply(m2, 'resolved');

  // April 1, 09:00 in Shanghai: the month's filings at every level.
  session.setNow(T0);
  const a = await file('A', 'qs-chengnan');
  const b = await file('B', 'qs-chengnan');
  const c = await file('C', 'qingshan');
  const d = await file('D', 'qingshan');
  const e = await file('E', 'qs-chengnan');
  const f = await file('F', 'qs-chengnan');
  const g = await file('G', 'qs-chengnan');
  const h = await file('H', 'hexi-xinhua');
  const i = await file('I', 'root');
  const j = await file('J', 'qs-shuangmiao');

  session.advance(HOUR); // 10:00
  await dispatch('cn-shouli', a, 'qs-chengnan-zzb');
  await escalate('cn-shouli', e);
  await reject('cn-shouli', f);
  await dispatch('qs-shouli', c, 'qs-rsj');
  await dispatch('qs-shouli', d, 'qs-rsj');
  await dispatch('xinhua-shouli', h, 'hexi-xinhua-sqfw');
  await dispatch('shouli', i, 'rsj');
  await dispatch('qs-shouli', j, 'qs-shuangmiao-nyb');
  const withdrawn = await stack.request('POST', '/api/track/case/withdraw', { token: await citizenToken(stack, g.caseNo, g.password), body: { reason: '问题已自行解决' } });
  expect(withdrawn.status, show(withdrawn)).toBe(200);
  count(g, 'asCases', unitDims(g), -1);

  session.advance(HOUR); // 11:00
  await dispatch('qs-shouli', e, 'qs-nyncj');
  await reply(d, 'resolved');
  await reply(i, 'resolved');
  await reply(j, 'resolved');
  session.advance(4 * HOUR); // 15:00
  await reply(e, 'resolved');
  await reply(h, 'resolved');
  await citizenRates(d, 'satisfied');
  await citizenRates(h, 'basically_satisfied');
  await citizenRates(j, 'satisfied');

  // April 2, 16:00: B accepted 31 hours after filing (late); 城南镇社会保障所 sends it back at once.
  session.setNow(after(T0, 31 * HOUR));
  await dispatch('cn-shouli', b, 'qs-chengnan-sbs');
  session.advance(2 * HOUR);
  await sendBack(b);
  session.advance(HOUR);
  await dispatch('cn-shouli', b, 'qs-chengnan-zzb');
  // 综治办 answers A; 县人社局 answers C after two days (a late response), unresolved.
  await reply(a, 'resolved');
  session.setNow(after(T0, 2 * DAY + 3 * HOUR));
  await reply(c, 'unresolved');
  await citizenRates(a, 'satisfied');
  await citizenRates(c, 'unsatisfied'); // 重办
  session.advance(DAY);
  await reply(c, 'resolved');

  // The city supervisor exempts I in April (a case counted in April leaves April's figures); the
  // citizen's rating after the exemption is not counted either.
  await exempt('duban', i);
  await citizenRates(i, 'satisfied');

  // E's 回访 (four days after its answer): satisfied.
  session.setNow(after(T0, 5 * DAY));
  await revisit('qs-shouli', e, 'satisfied');

  // B is answered a day after its due date, partly resolved; the 回访 four days later finds the citizen
  // unsatisfied: 重办, answered again the next day.
  const bDue = Date.parse((await stack.deps.cases.getCase(b.caseNo))!.schedule!.dueAt);
  session.setNow(new Date(bDue + DAY));
  expect(shanghaiMonth(session.now)).toBe(APRIL);
  await reply(b, 'partly_resolved');
  session.advance(4 * DAY);
  expect(shanghaiMonth(session.now)).toBe(APRIL);
  await revisit('cn-shouli', b, 'unsatisfied');
  session.advance(DAY);
  await reply(b, 'resolved');
  await stack.settle();
}, 600_000);

describe('考核: a scripted month across three levels', () => {
  it('the ledger did what the script says (the recount is not empty)', () => {
    // 城南镇 by hand: A, B and F were its cases in April (E went up to the county, G was withdrawn);
    // A and F were decided within 24 hours, B after 31: 响应率 2/3.
    const chengnan = recount(APRIL, 'UNIT#qs-chengnan');
    expect(chengnan).toMatchObject({ asCases: 3, asAccepted: 3, asAcceptedOnTime: 2, asSentBack: 1, asReopened: 1 });
    expect(ratesOf(chengnan, 'unit').responseRate).toBe(66.7);
    // 青山县: its own C, D and E (moved up), 双庙乡's J and 城南镇's three.
    expect(recount(APRIL, 'UNIT#qingshan')).toMatchObject({ asCases: 7, asReopened: 2, asRatings: 6 });
    expect(recount(APRIL, 'DEPT#rsj')).toEqual({ exempted: 1 });
  });

  it("the city's ranking: every rate, count and score of every department and district equals the recount", async () => {
    const r = await ranking('duban', APRIL);
    expect(r.ended).toBe(false);
    expectRecounted(r.departments, APRIL, 'department');
    expectRecounted(r.units, APRIL, 'unit');
    expect(r.units.map((u) => u.key).sort()).toEqual(['beihu', 'hexi', 'qingshan']);
    // The exempted case I (市人社局) counts nowhere; the month's exemption is counted.
    expect(byKey(r.departments).rsj!.score).toBeUndefined();
    expect(byKey(r.departments).rsj!.rank).toBeUndefined();
    expect(r.exempted).toBe(1);
    // The department whose dispatch came back (社会保障所) and the one that answered late are told apart.
    expect(byKey(r.departments)['qs-chengnan-sbs']!.rates.sendBackRate).toBe(100);
    // …and 社会保障所, which only sent B back, has a 响应率 but no answer: not ranked on it alone.
    expect(byKey(r.departments)['qs-chengnan-sbs']!.rates.responseRate).toBe(100);
    expect(byKey(r.departments)['qs-chengnan-sbs']!.rank).toBeUndefined();
    expect(byKey(r.departments)['qs-chengnan-zzb']!.rates.onTimeRate).toBe(50);
  });

  it("the county's ranking: its departments and its townships, with March beside April", async () => {
    const r = await ranking('qs-duban', APRIL);
    expect(r.units.map((u) => u.key).sort()).toEqual(['qs-chengnan', 'qs-shuangmiao']);
    expect(r.departments.every((d) => d.key.startsWith('qs-'))).toBe(true);
    expectRecounted(r.departments, APRIL, 'department');
    expectRecounted(r.units, APRIL, 'unit');
    const march = await ranking('qs-duban', MARCH);
    expectRecounted(march.departments, MARCH, 'department');
    expectRecounted(march.units, MARCH, 'unit');
    // 环比: last month's score and rank beside this month's.
    const zzb = byKey(r.departments)['qs-chengnan-zzb']!;
    const zzbMarch = byKey(march.departments)['qs-chengnan-zzb']!;
    expect(zzb.previous).toEqual({ score: zzbMarch.score, rank: zzbMarch.rank });
    expect(zzb.rankChange).toBe(zzbMarch.rank! - zzb.rank!);
  });

  it('a township intake sees no ranking of the city', async () => {
    const r = await ranking('cn-shouli', APRIL);
    expect(r.units.map((u) => u.key)).toEqual(['qs-chengnan-xingfu']);
    expectRecounted(r.units, APRIL, 'unit');
    expect(r.departments.map((d) => d.key).sort()).toEqual(['qs-chengnan-sbs', 'qs-chengnan-zzb']);
    expectRecounted(r.departments, APRIL, 'department');
  });

  it('the exemption is on the case’s record and in the month’s list, with who and why', async () => {
    const list = await stack.request('GET', `/api/console/assessment/${APRIL}/exemptions`, { token: await session.token('duban') });
    expect(list.status, show(list)).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ caseNo: cases.I!.caseNo, by: 'duban', reason: expect.stringContaining('不合理诉求'), departmentId: 'rsj' })]);
    // Below the city, the county's list leaves the city's case out.
    const county = await stack.request('GET', `/api/console/assessment/${APRIL}/exemptions`, { token: await session.token('qs-duban') });
    expect(county.body.items).toEqual([]);
    const detail = await stack.request('GET', `/api/console/cases/${cases.I!.caseNo}`, { token: await session.token('duban') });
    expect(detail.status, show(detail)).toBe(200);
    expect(detail.body.exemption).toMatchObject({ by: 'duban', reason: expect.stringContaining('不合理诉求') });
    expect(detail.body.timeline.find((e: { kind: string }) => e.kind === 'exempted')).toMatchObject({ actorId: 'duban', text: expect.stringContaining('免于考核') });
    // The citizen's timeline does not show it.
    const tracked = await stack.request('GET', '/api/track/case', { token: await citizenToken(stack, cases.I!.caseNo, cases.I!.password) });
    expect(tracked.status, show(tracked)).toBe(200);
    expect(tracked.body.timeline.length).toBeGreaterThan(2);
    expect(JSON.stringify(tracked.body)).not.toMatch(/免于考核|不合理诉求/);
    // Exempting twice is refused.
    const again = await act(stack, await session.token('duban'), cases.I!.caseNo, { action: 'exempt', expectedVersion: (await stack.deps.cases.getCase(cases.I!.caseNo))!.version, reason: '再次' });
    expect(again.status, show(again)).toBe(409);
  });
});

describe('the public 部门排行: only what a city supervisor published', () => {
  const publicMonths = async () => {
    const res = await stack.request('GET', '/api/assessment/rankings');
    expect(res.status, show(res)).toBe(200);
    return res.body.months as { month: string; publishedAt: string }[];
  };
  const publicRanking = (month: string) => stack.request('GET', `/api/assessment/rankings/${month}`);
  const publish = async (username: string, month: string) => stack.request('POST', `/api/console/assessment/${month}/publish`, { token: await session.token(username) });

  it('nothing is public before publication; a running month cannot be published', async () => {
    expect(await publicMonths()).toEqual([]);
    expectApiError(await publicRanking(APRIL), 404, 'NOT_FOUND');
    expectApiError(await publish('duban', APRIL), 400, 'VALIDATION_FAILED');
    expect(await publicMonths()).toEqual([]);
  });

  it('in May the city supervisor publishes April; a county supervisor and intake cannot; twice is refused', async () => {
    at('2030-05-02T02:00:00.000Z');
    expectApiError(await publish('qs-duban', APRIL), 403, 'FORBIDDEN');
    expectApiError(await publish('shouli', APRIL), 403, 'FORBIDDEN');
    const before = await ranking('duban', APRIL);
    expect(before.ended).toBe(true);
    const res = await publish('duban', APRIL);
    expect(res.status, show(res)).toBe(201);
    expect(res.body).toMatchObject({ month: APRIL, by: 'duban' });
    expectApiError(await publish('duban', APRIL), 409, 'ALREADY_EXISTS');
    expect(await publicMonths()).toEqual([{ month: APRIL, publishedAt: '2030-05-02T02:00:00.000Z' }]);
    const pub = await publicRanking(APRIL);
    expect(pub.status, show(pub)).toBe(200);
    // The published figures are the console's, for ranked entries only, and no counts beyond the two totals.
    const ranked = before.departments.filter((d) => d.score !== undefined);
    expect(pub.body.departments.map((d: Entry) => [d.key, d.rank, d.score, d.rates])).toEqual(ranked.map((d) => [d.key, d.rank, d.score, d.rates]));
    expect(pub.body.departments.some((d: Entry) => d.key === 'rsj')).toBe(false);
    expect(JSON.stringify(pub.body)).not.toMatch(/asCases|exempt|13800138000|王建国/);
    expect((await ranking('duban', APRIL)).published).toMatchObject({ by: 'duban' });
    // March was never published.
    expectApiError(await publicRanking(MARCH), 404, 'NOT_FOUND');
  });

  it('an exemption in May takes D out of April in the console; the published April stays as published', async () => {
    const published = (await publicRanking(APRIL)).body;
    at('2030-05-03T02:00:00.000Z');
    await exempt('qs-duban', cases.D!);
    await stack.settle();
    const r = await ranking('duban', APRIL);
    expectRecounted(r.departments, APRIL, 'department');
    expectRecounted(r.units, APRIL, 'unit');
    // qs-rsj had C and D in April; now only C.
    expect(byKey(r.departments)['qs-rsj']!.counts.asDispatched).toBe(1);
    expect((await publicRanking(APRIL)).body).toEqual(published);
    // May's list has D; May's figures count the exemption, April's no longer count the case.
    const may = await stack.request('GET', `/api/console/assessment/${MAY}/exemptions`, { token: await session.token('qs-duban') });
    expect(may.body.items.map((x: { caseNo: string }) => x.caseNo)).toEqual([cases.D!.caseNo]);
    expect((await ranking('qs-duban', MAY)).exempted).toBe(1);
  });
});
