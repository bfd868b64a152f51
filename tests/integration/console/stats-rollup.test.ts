/**
 * Statistics roll up the tree (issue #15): a scripted workload at three levels (the city, a county,
 * a township below it, and a district beside them) — filed, accepted to a department of the unit,
 * replied, rated — then every unit's figures equal a recount from the cases themselves, and a
 * county's figures are its own cases' plus the sum of its child units'. Counted from the table's
 * stream, as in production, on DynamoDB Local; read through GET /api/console/stats as each unit's
 * supervisor sees them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { STAT_DIMENSION_PREFIX, channelOf, isWithin, type CaseRecord, type StatCounters } from '@minsheng/shared';
import { createTestStack, type TestStack } from '../../support/stack';
import { act, complaintBody, fileAs, show } from '../../support/console';
import { DEMO_UNITS } from '../../../infra/src/demo-data';
import { rate, Session, T0, HOUR } from './console-kit';

let stack: TestStack;
let session: Session;
const filed: string[] = [];

/** Unit → the department of it the workload dispatches to, and how many cases go each way. */
const WORKLOAD = [
  { unitId: 'root', dept: 'rsj', open: 1, dispatched: 2, replied: 2, rated: ['satisfied', 'unsatisfied'] as const },
  { unitId: 'qingshan', dept: 'qs-rsj', open: 2, dispatched: 1, replied: 2, rated: ['basically_satisfied'] as const },
  { unitId: 'qs-chengnan', dept: 'qs-chengnan-zzb', open: 1, dispatched: 2, replied: 3, rated: ['satisfied', 'satisfied', 'unsatisfied'] as const },
  { unitId: 'qs-shuangmiao', dept: 'qs-shuangmiao-nyb', open: 1, dispatched: 0, replied: 1, rated: [] as const },
  { unitId: 'hexi', dept: 'hexi-rsj', open: 1, dispatched: 1, replied: 1, rated: ['satisfied'] as const },
];

const pathOf = (unitId: string) => DEMO_UNITS.find((u) => u.id === unitId)!.path;

beforeAll(async () => {
  stack = await createTestStack();
  session = await Session.start(stack, T0);
  const shouli = await session.token('shouli');
  for (const w of WORKLOAD) {
    const file = async () => {
      const c = await fileAs(stack, complaintBody({ title: `统计测试：${w.unitId}`, ...(w.unitId === 'root' ? {} : { location: { text: '某地', unitId: w.unitId } }) }));
      filed.push(c.caseNo);
      return c;
    };
    for (let i = 0; i < w.open; i++) await file();
    const toDispatch = w.dispatched + w.replied;
    for (let i = 0; i < toDispatch; i++) {
      const c = await file();
      const accepted = await act(stack, shouli, c.caseNo, { action: 'accept', expectedVersion: 1, departmentId: w.dept });
      expect(accepted.status, show(accepted)).toBe(200);
      if (i < w.replied) {
        const replied = await act(stack, await session.token(w.dept), c.caseNo, { action: 'reply', result: 'resolved', expectedVersion: accepted.body.version, answer: '经核查已处理完毕。' });
        expect(replied.status, show(replied)).toBe(200);
        const rating = w.rated[i];
        if (rating) await rate(stack, c.caseNo, c.password, rating);
      }
    }
  }
  // 青山县's desk registers two calls and a visitor (来电登记): its figures by 来源渠道 are its own.
  for (const [channel, unitId] of [['phone', 'qingshan'], ['phone', 'qs-chengnan'], ['visit', 'qs-chengnan']] as const) {
    const res = await stack.request('POST', '/api/console/cases', {
      token: await session.token('qs-shouli'),
      body: { type: 'complaint', categoryId: 'tuoqian-gongzi', title: `来电统计：${unitId}`, content: '来电人反映工地拖欠工资。', channel, callerName: '刘先生', callerPhone: '13900001111', sendSms: false, location: '某地', placeUnitId: unitId },
    });
    expect(res.status, show(res)).toBe(201);
    filed.push(res.body.caseNo);
  }
  session.advance(HOUR);
  await stack.settle();
}, 240_000);

/** The counters a unit should show, recounted from the cases as stored (where each sits now). */
function recount(cases: CaseRecord[], unitPath: string): StatCounters {
  const mine = cases.filter((c) => isWithin(c.unitPath, unitPath));
  const ratings = mine.flatMap((c) => c.ratings);
  return {
    filed: mine.length,
    accepted: mine.filter((c) => c.ownerId).length,
    dispatched: mine.filter((c) => c.departmentId).length,
    answered: mine.filter((c) => c.firstAnswer).length,
    ratings: ratings.length,
    satisfied: ratings.filter((r) => r.rating === 'satisfied').length,
    basically_satisfied: ratings.filter((r) => r.rating === 'basically_satisfied').length,
    unsatisfied: ratings.filter((r) => r.rating === 'unsatisfied').length,
  };
}

const METRICS = ['filed', 'accepted', 'dispatched', 'answered', 'ratings', 'satisfied', 'basically_satisfied', 'unsatisfied'] as const;
const pick = (c: StatCounters) => Object.fromEntries(METRICS.map((m) => [m, c[m] ?? 0]));

describe('statistics roll up the jurisdiction tree', () => {
  it("every unit's figures (UNIT#<id>) equal a recount of the cases sitting in its subtree", async () => {
    const cases = (await Promise.all(filed.map((n) => stack.deps.cases.getCase(n)))) as CaseRecord[];
    const stats = await stack.deps.stats.getStats('ALL');
    for (const unit of DEMO_UNITS.filter((u) => u.id !== 'root')) {
      expect(pick(stats[`${STAT_DIMENSION_PREFIX.unit}${unit.id}`] ?? {}), unit.id).toEqual(pick(recount(cases, unit.path)));
    }
    // The root's are the platform's totals.
    expect(pick(stats.ALL ?? {})).toEqual(pick(recount(cases, 'root')));
    // Something was counted at every level of the workload.
    expect(stats[`${STAT_DIMENSION_PREFIX.unit}qs-chengnan`]?.answered).toBe(3);
  });

  it("a county's figures are its own cases' plus the sum of its child units' — as its supervisor reads them", async () => {
    const cases = (await Promise.all(filed.map((n) => stack.deps.cases.getCase(n)))) as CaseRecord[];
    const res = await stack.request('GET', '/api/console/stats', { token: await session.token('qs-duban') });
    expect(res.status, show(res)).toBe(200);
    const own = pick(recount(cases.filter((c) => c.unitPath === pathOf('qingshan')), pathOf('qingshan')));
    const children = res.body.byUnit as (StatCounters & { key: string })[];
    expect(children.map((r) => r.key).sort()).toEqual(['qs-chengnan', 'qs-shuangmiao']);
    for (const m of METRICS) {
      expect(res.body.totals[m] ?? 0, m).toBe(own[m]! + children.reduce((s, r) => s + (r[m] ?? 0), 0));
    }
    expect(pick(res.body.totals)).toEqual(pick(recount(cases, pathOf('qingshan'))));
    // Its departments only: the county's and its townships'.
    const depts = (res.body.byDepartment as { key: string }[]).map((r) => r.key);
    expect(depts).toEqual(expect.arrayContaining(['qs-rsj', 'qs-chengnan-zzb', 'qs-shuangmiao-nyb']));
    expect(depts.every((d) => ['qs-rsj', 'qs-nyncj', 'qs-jyj', 'qs-chengnan-zzb', 'qs-chengnan-sbs', 'qs-shuangmiao-nyb'].includes(d)), depts.join()).toBe(true);
    // The month's series is the unit's too.
    expect(res.body.series.at(-1).filed).toBe(res.body.totals.filed);
    // Another county's supervisor sees none of it.
    const hexi = await stack.request('GET', '/api/console/stats', { token: await session.token('hexi-duban') });
    expect(pick(hexi.body.totals)).toEqual(pick(recount(cases, pathOf('hexi'))));
    // The city's supervisor sees everything, as before the tree.
    const city = await stack.request('GET', '/api/console/stats', { token: await session.token('duban') });
    expect(city.body.totals.filed).toBe(filed.length);
  });

  it('a county and a township see their own figures by 来源渠道 — a recount of their subtree\'s cases; the city sees all', async () => {
    const cases = (await Promise.all(filed.map((n) => stack.deps.cases.getCase(n)))) as CaseRecord[];
    const byChannel = (within: string) => {
      const out: Record<string, number> = {};
      for (const c of cases.filter((x) => isWithin(x.unitPath, within))) out[channelOf(c)] = (out[channelOf(c)] ?? 0) + 1;
      return out;
    };
    for (const [username, unitId] of [['qs-duban', 'qingshan'], ['cn-shouli', 'qs-chengnan'], ['duban', 'root']] as const) {
      const res = await stack.request('GET', '/api/console/stats', { token: await session.token(username) });
      expect(res.status, show(res)).toBe(200);
      const shown = Object.fromEntries((res.body.byChannel as { key: string; filed?: number }[]).map((r) => [r.key, r.filed ?? 0]));
      expect(shown, username).toEqual(byChannel(unitId === 'root' ? 'root' : pathOf(unitId)));
    }
    expect(byChannel(pathOf('qs-chengnan'))).toEqual({ miniprogram: 6, phone: 1, visit: 1 });
  });
});
