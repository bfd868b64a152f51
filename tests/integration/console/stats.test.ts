/**
 * The statistics are counters kept with every change; after a mixed, scripted workload through the
 * HTTP routes (filing, dispatch, transfer, replies on time and late, a rejection, merges, ratings
 * of every kind, a reopening, an official close) they must equal a recount made from the cases
 * themselves (their records and timelines, read back from the table).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ASSESSMENT_METRICS, STAT_METRICS, type CaseRecord } from '@minsheng/shared';
import { createTestStack, type TestStack } from '../../support/stack';
import { act, fileAs, show } from '../../support/console';
import { countCases } from '../helpers';
import { after, DAY, HOUR, rate, Session, T0 } from './console-kit';

type Counters = Partial<Record<(typeof STAT_METRICS)[number], number>>;

let stack: TestStack;
let session: Session;
const filed: Record<string, { caseNo: string; password: string }> = {};

const body = (type: string, categoryId: string, title: string) => ({
  type,
  categoryId,
  title,
  content: `${title}。请有关部门尽快处理。`,
  ...(type === 'suggestion' ? {} : { contact: { name: '测试群众', phone: '13600000000' } }),
});

/** The workload's cases: type, category. */
const CASES = {
  c1: body('complaint', 'tuoqian-gongzi', '工地欠薪三个月'),
  c2: body('consultation', 'shebao', '失业保险怎么领'),
  c3: body('complaint', 'zhufang-baozhang', '物业不作为'),
  c4: body('report', 'luan-shoufei', '窗口违规收费'),
  c5: body('suggestion', 'daolu-jiaotong', '增设公交站'),
  c6: body('complaint', 'tuoqian-gongzi', '工地欠薪（重复）'),
  c7: body('consultation', 'huinong-zhengce', '种粮补贴何时发'),
  c8: body('suggestion', 'qita', '建议延长办事时间'),
  c9: body('complaint', 'zhufang-baozhang', '房屋漏水无人管'),
  c10: body('report', 'shipin-anquan', '超市出售过期食品'),
  c11: body('consultation', 'yibao', '异地就医如何报销'),
  c12: body('complaint', 'shebao', '社保断缴'),
} as const;
type Key = keyof typeof CASES;

const no = (k: Key) => filed[k]!.caseNo;
const versionOf = async (k: Key) => (await stack.deps.cases.getCase(no(k)))!.version;

async function run(username: string, k: Key, command: Record<string, unknown>): Promise<void> {
  const res = await act(stack, await session.token(username), no(k), { ...command, expectedVersion: await versionOf(k) });
  expect(res.status, `${username} ${String(command.action)} ${k}: ${show(res)}`).toBe(200);
}

beforeAll(async () => {
  stack = await createTestStack();
  session = await Session.start(stack, T0);

  // Day 0, 09:00: twelve cases filed.
  await Promise.all(
    (Object.keys(CASES) as Key[]).map(async (k) => {
      filed[k] = await fileAs(stack, CASES[k]);
    }),
  );

  // 10:00: intake dispatches, rejects one, merges a duplicate that was never accepted.
  session.setNow(after(T0, HOUR));
  for (const [k, dept] of [['c1', 'rsj'], ['c2', 'rsj'], ['c3', 'zjj'], ['c4', 'zjj'], ['c7', 'rsj'], ['c9', 'rsj'], ['c10', 'zjj'], ['c11', 'rsj'], ['c12', 'rsj']] as const) {
    await run('shouli', k, { action: 'accept', departmentId: dept });
  }
  await run('shouli', 'c5', { action: 'reject', reason: '不属于本平台受理范围' });
  await run('shouli', 'c6', { action: 'merge', intoCaseNo: no('c1') });

  // 11:00: a supervisor moves c9 from 人社局 to 住建局.
  session.setNow(after(T0, 2 * HOUR));
  await run('duban', 'c9', { action: 'transfer', departmentId: 'zjj', reason: '属住建局职责' });

  // Day 1: replies on time; a question to a citizen; a duplicate in progress merged.
  session.setNow(after(T0, DAY + 3 * HOUR));
  await run('rsj', 'c1', { action: 'reply', result: 'resolved', amountRecovered: 8600, answer: '关于c1的答复：已处理。' });
  await run('rsj', 'c2', { action: 'reply', result: 'explained', answer: '关于c2的答复：已处理。' });
  await run('rsj', 'c12', { action: 'reply', result: 'unresolved', answer: '关于c12的答复：已处理。' });
  for (const k of ['c3', 'c9'] as const) await run('zjj', k, { action: 'reply', result: 'partly_resolved', amountRecovered: 99.99, answer: `关于${k}的答复：已督促物业整改。` });
  await run('rsj', 'c11', { action: 'request_info', question: '请提供就医发票' });
  await run('shouli', 'c10', { action: 'merge', intoCaseNo: no('c4') });

  // Ratings through the citizen routes.
  session.setNow(after(T0, DAY + 5 * HOUR));
  await rate(stack, no('c1'), filed.c1!.password, 'satisfied');
  await rate(stack, no('c2'), filed.c2!.password, 'basically_satisfied');
  await rate(stack, no('c3'), filed.c3!.password, 'unsatisfied');

  // Day 2: c3 answered again (second round), then rated basically satisfied.
  session.setNow(after(T0, 2 * DAY));
  await run('zjj', 'c3', { action: 'reply', result: 'resolved', answer: '第二次答复：物业已更换。' });
  session.setNow(after(T0, 2 * DAY + HOUR));
  await rate(stack, no('c3'), filed.c3!.password, 'basically_satisfied');

  // Day 16: c4 (due at the end of day 15) answered late; c12 closed after its rating window.
  session.setNow(after(T0, 16 * DAY));
  await run('zjj', 'c4', { action: 'reply', result: 'resolved', answer: '经查属实，已责令退费。' });
  await run('shouli', 'c12', { action: 'close', reason: '已答复，群众未评价' });
  session.setNow(after(T0, 16 * DAY + HOUR));
  await rate(stack, no('c4'), filed.c4!.password, 'unsatisfied');
}, 120_000);

/** Recount from the cases themselves: their records and timelines as stored. */
async function recount(): Promise<Map<string, Counters>> {
  const rows = new Map<string, Counters>();
  const add = (dims: string[], metric: keyof Counters, by = 1) => {
    for (const dim of dims) {
      const row = rows.get(dim) ?? {};
      row[metric] = (row[metric] ?? 0) + by;
      rows.set(dim, row);
    }
  };
  for (const k of Object.keys(CASES) as Key[]) {
    const c = (await stack.deps.cases.getCase(no(k))) as CaseRecord;
    const events = await stack.deps.cases.listEvents(no(k));
    const base = ['ALL', `CAT#${c.categoryId}`, `TYPE#${c.type}`];
    add(base, 'filed');
    if (events.some((e) => e.kind === 'accepted')) add(base, 'accepted');
    for (const e of events) {
      if (e.kind === 'accepted') add([...base, `DEPT#${e.data.departmentId}`], 'dispatched');
      if (e.kind === 'transferred') add([`DEPT#${e.data.departmentId}`], 'dispatched');
      // 答复结果: one per answer event (c3 answered twice counts twice), on the answering department.
      if (e.kind === 'replied') {
        add([...base, `DEPT#${e.data.departmentId}`], e.data.result as keyof Counters);
        if (e.data.amountRecoveredFen !== undefined) add([...base, `DEPT#${e.data.departmentId}`], 'amountRecoveredFen', Number(e.data.amountRecoveredFen));
      }
    }
    if (c.firstAnswer) {
      const dims = [...base, `DEPT#${c.firstAnswer.departmentId}`];
      add(dims, 'answered');
      if (c.firstAnswer.onTime) add(dims, 'answeredOnTime');
      add(dims, 'answerMinutes', Math.round((Date.parse(c.firstAnswer.at) - Date.parse(c.createdAt)) / 60_000));
    }
    for (const r of c.ratings) {
      const dims = [...base, `DEPT#${c.answer!.departmentId}`];
      add(dims, 'ratings');
      add(dims, r.rating);
    }
    if (c.status === 'rejected') add(base, 'rejected');
    if (c.status === 'merged') add([...base, ...(c.departmentId ? [`DEPT#${c.departmentId}`] : [])], 'merged');
    if (c.status === 'closed') add([...base, `DEPT#${c.answer?.departmentId ?? c.departmentId}`], 'closed');
  }
  return rows;
}

const pct = (a: number, b: number) => Math.round((a / b) * 1000) / 10;
const counters = (row: Record<string, unknown>): Counters =>
  // The 考核 counters have their own recount (assessment.test.ts).
  Object.fromEntries(STAT_METRICS.filter((m) => !(ASSESSMENT_METRICS as readonly string[]).includes(m) && typeof row[m] === 'number' && row[m] !== 0).map((m) => [m, row[m] as number]));
const nonZero = (c: Counters): Counters => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== 0));
function rates(c: Counters) {
  return {
    ...(c.answered ? { onTimeRate: pct(c.answeredOnTime ?? 0, c.answered) } : {}),
    ...(c.ratings ? { satisfactionRate: pct((c.satisfied ?? 0) + (c.basically_satisfied ?? 0), c.ratings) } : {}),
    ...(c.answered ? { averageAnswerHours: Math.round(((c.answerMinutes ?? 0) / c.answered / 60) * 10) / 10 } : {}),
    ...(c.answered ? { averageAnswerMinutes: Math.round((c.answerMinutes ?? 0) / c.answered) } : {}),
    ...((c.resolved ?? 0) + (c.partly_resolved ?? 0) + (c.unresolved ?? 0)
      ? { resolutionRate: pct((c.resolved ?? 0) + (c.partly_resolved ?? 0) / 2, (c.resolved ?? 0) + (c.partly_resolved ?? 0) + (c.unresolved ?? 0)) }
      : {}),
  };
}

describe('statistics after a mixed workload', () => {
  it('the workload did what it meant to: statuses, rounds, and which first answer was late', async () => {
    const get = async (k: Key) => (await stack.deps.cases.getCase(no(k)))!;
    expect((await get('c1')).status).toBe('closed');
    expect((await get('c3')).ratings.map((r) => r.rating)).toEqual(['unsatisfied', 'basically_satisfied']);
    expect((await get('c4')).firstAnswer).toMatchObject({ onTime: false, departmentId: 'zjj' });
    expect((await get('c4')).status).toBe('in_progress');
    for (const k of ['c1', 'c2', 'c3', 'c9', 'c12'] as const) expect((await get(k)).firstAnswer?.onTime, k).toBe(true);
    expect((await get('c9')).firstAnswer?.departmentId).toBe('zjj');
    expect((await get('c5')).status).toBe('rejected');
    expect((await get('c6')).status).toBe('merged');
    expect((await get('c10')).status).toBe('merged');
    expect((await get('c12')).status).toBe('closed');
    expect((await get('c11')).status).toBe('awaiting_citizen');
    expect(await countCases(stack)).toBe(12);
  });

  it('GET /api/console/stats totals, byDepartment, byCategory and byType equal the recount', async () => {
    await stack.settle();
    const res = await stack.request('GET', '/api/console/stats', { token: await session.token('duban') });
    expect(res.status, show(res)).toBe(200);
    const expected = await recount();

    // The recount itself, against what the script did.
    expect(nonZero(expected.get('ALL')!)).toEqual({
      filed: 12,
      accepted: 9,
      dispatched: 9,
      answered: 6,
      answeredOnTime: 5,
      answerMinutes: expected.get('ALL')!.answerMinutes,
      ratings: 5,
      satisfied: 1,
      basically_satisfied: 2,
      unsatisfied: 2,
      rejected: 1,
      merged: 2,
      closed: 4,
      // c1, c3's second answer, c4 解决; c3's first and c9 部分解决; c12 未解决; c2 解释说明. 8600 + 99.99 × 2 yuan.
      resolved: 3,
      partly_resolved: 2,
      unresolved: 1,
      explained: 1,
      amountRecoveredFen: 879_998,
    });
    expect(res.body.totals.resolutionRate).toBe(66.7);

    const problems: string[] = [];
    const compare = (label: string, row: Record<string, unknown> | undefined, want: Counters | undefined) => {
      const got = row ? counters(row) : {};
      const wanted = nonZero(want ?? {});
      if (JSON.stringify(Object.entries(got).sort()) !== JSON.stringify(Object.entries(wanted).sort())) {
        problems.push(`${label}: counters ${JSON.stringify(got)} ≠ recount ${JSON.stringify(wanted)}`);
      }
      const wantRates = rates(wanted);
      for (const rate of ['onTimeRate', 'satisfactionRate', 'averageAnswerHours', 'averageAnswerMinutes', 'resolutionRate'] as const) {
        if ((row?.[rate] ?? undefined) !== wantRates[rate]) problems.push(`${label}: ${rate} ${String(row?.[rate])} ≠ ${String(wantRates[rate])}`);
      }
    };
    compare('totals', res.body.totals, expected.get('ALL'));
    const sections = [
      ['byDepartment', 'DEPT#'],
      ['byCategory', 'CAT#'],
      ['byType', 'TYPE#'],
    ] as const;
    for (const [section, prefix] of sections) {
      const rows = res.body[section] as { key: string; name: string }[];
      const wantedKeys = [...expected.keys()].filter((d) => d.startsWith(prefix)).map((d) => d.slice(prefix.length));
      expect(rows.map((r) => r.key).sort(), section).toEqual(wantedKeys.sort());
      for (const key of wantedKeys) compare(`${section}.${key}`, rows.find((r) => r.key === key) as Record<string, unknown> | undefined, expected.get(prefix + key));
      for (const r of rows) expect(r.name, `${section}.${r.key} has a name`).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(problems).toEqual([]);
  });

  it('the month of the workload equals the totals (everything happened in April 2030), alone and in the series', async () => {
    const token = await session.token('shouli');
    await stack.settle();
    const all = (await stack.request('GET', '/api/console/stats', { token })).body;
    const month = await stack.request('GET', '/api/console/stats?period=2030-04', { token });
    expect(month.status, show(month)).toBe(200);
    expect(counters(month.body.totals)).toEqual(counters(all.totals));
    const series = all.series as { key: string }[];
    expect(series).toHaveLength(12);
    expect(series.at(-1)!.key).toBe('2030-04');
    expect(counters(series.at(-1) as Record<string, unknown>)).toEqual(counters(all.totals));
    for (const earlier of series.slice(0, -1)) expect(counters(earlier as Record<string, unknown>)).toEqual({});
    const empty = await stack.request('GET', '/api/console/stats?period=2030-03', { token });
    expect(counters(empty.body.totals)).toEqual({});
  });

  it('GET /api/stats/public (no login) equals the recount: filed, answered, on-time % and satisfaction % with one decimal', async () => {
    const all = (await recount()).get('ALL')!;
    await stack.settle();
    const res = await stack.request('GET', '/api/stats/public');
    expect(res.status, show(res)).toBe(200);
    expect(res.body).toEqual({
      filed: all.filed,
      answered: all.answered,
      onTimeRate: pct(all.answeredOnTime ?? 0, all.answered!),
      satisfactionRate: pct((all.satisfied ?? 0) + (all.basically_satisfied ?? 0), all.ratings!),
    });
    expect(res.body).toEqual({ filed: 12, answered: 6, onTimeRate: 83.3, satisfactionRate: 60 });
  });
});
