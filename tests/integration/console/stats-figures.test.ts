/**
 * What the statistics page shows, figure by figure, equals a recount from the cases themselves.
 * A scripted workload through the HTTP routes (filing, acceptance into two departments, a transfer,
 * a send-back and second dispatch, a rejection, a merge, replies on time and late, ratings of each
 * kind, cases left to go overdue and swept) — then GET /api/console/stats goes through the console's
 * own figures.ts (what turns the DTO into the page's numbers) and every headline card and every cell
 * of every table is compared with the number recounted from the cases' records and timelines,
 * formatted here independently.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord, ConsoleStatsResponse } from '@minsheng/shared';
import { sweepSla } from '../../../functions/src/services/sla/sweep';
import { displayedFigures, FIGURES, type FigureKey } from '../../../console/src/features/stats/figures';
import { createTestStack, type TestStack } from '../../support/stack';
import { act, fileAs, show } from '../../support/console';
import { after, DAY, HOUR, rate, Session, T0 } from './console-kit';

let stack: TestStack;
let session: Session;
let stats: ConsoleStatsResponse;
const filed: Record<string, { caseNo: string; password: string }> = {};

const body = (type: string, categoryId: string, title: string) => ({
  type,
  categoryId,
  title,
  content: `${title}。请有关部门尽快处理。`,
  ...(type === 'suggestion' ? {} : { contact: { name: '测试群众', phone: '13600000000' } }),
});

const CASES = {
  a: body('complaint', 'tuoqian-gongzi', '工资拖欠两个月'),
  b: body('consultation', 'shebao', '养老保险转移'),
  c: body('complaint', 'zhufang-baozhang', '小区电梯停运'),
  d: body('report', 'luan-shoufei', '停车场乱收费'),
  e: body('suggestion', 'daolu-jiaotong', '路口加装红绿灯'),
  f: body('complaint', 'tuoqian-gongzi', '工资拖欠（重复）'),
  g: body('consultation', 'yibao', '医保卡挂失'),
  h: body('complaint', 'shebao', '社保未足额缴纳'),
  i: body('complaint', 'zhufang-baozhang', '房屋质量问题'),
} as const;
type Key = keyof typeof CASES;
const no = (k: Key) => filed[k]!.caseNo;

async function run(username: string, k: Key, command: Record<string, unknown>): Promise<void> {
  const version = (await stack.deps.cases.getCase(no(k)))!.version;
  const res = await act(stack, await session.token(username), no(k), { ...command, expectedVersion: version });
  expect(res.status, `${username} ${String(command.action)} ${k}: ${show(res)}`).toBe(200);
}

beforeAll(async () => {
  stack = await createTestStack();
  session = await Session.start(stack, T0);
  for (const k of Object.keys(CASES) as Key[]) filed[k] = await fileAs(stack, CASES[k]);

  // +1 h: intake accepts into two departments, rejects one, merges a duplicate.
  session.setNow(after(T0, HOUR));
  for (const [k, dept] of [['a', 'rsj'], ['b', 'rsj'], ['c', 'zjj'], ['d', 'zjj'], ['g', 'rsj'], ['h', 'rsj'], ['i', 'zjj']] as const) await run('shouli', k, { action: 'accept', departmentId: dept });
  await run('shouli', 'e', { action: 'reject', reason: '不属于本平台受理范围' });
  await run('shouli', 'f', { action: 'merge', intoCaseNo: no('a') });

  // +2 h: a supervisor transfers c to 人社局; 住建局 sends i back and intake dispatches it again (accepted once, dispatched twice).
  session.setNow(after(T0, 2 * HOUR));
  await run('duban', 'c', { action: 'transfer', departmentId: 'rsj', reason: '属人社局职责' });
  await run('zjj', 'i', { action: 'send_back', reasonCode: 'not_our_duty', reason: '不属本部门职责，请重新分办' });
  await run('shouli', 'i', { action: 'accept', departmentId: 'zjj' });

  // +2 h 30 min: b answered within the hour (a short average must not show as nothing).
  session.setNow(after(T0, 2 * HOUR + 30 * 60_000));
  await run('rsj', 'b', { action: 'reply', result: 'explained', answer: '养老保险转移可在线办理。' });

  // Day 1: replies on time by both departments.
  session.setNow(after(T0, DAY + 3 * HOUR));
  await run('rsj', 'a', { action: 'reply', result: 'resolved', amountRecovered: 3000.5, answer: '已责令用人单位支付工资。' });
  await run('rsj', 'c', { action: 'reply', result: 'partly_resolved', amountRecovered: 120, answer: '已协调物业恢复电梯。' });
  await run('zjj', 'i', { action: 'reply', result: 'unresolved', answer: '已安排质量检测。' });
  session.setNow(after(T0, DAY + 5 * HOUR));
  await rate(stack, no('a'), filed.a!.password, 'satisfied');
  await rate(stack, no('b'), filed.b!.password, 'basically_satisfied');
  await rate(stack, no('c'), filed.c!.password, 'unsatisfied');

  // Day 20: d, g and h were never answered, c was reopened by its rating and not answered again: all past their
  // deadlines, the sweep marks them overdue; then d is answered late.
  const late = after(T0, 20 * DAY);
  session.setNow(late);
  await sweepSla(stack.deps, late);
  await run('zjj', 'd', { action: 'reply', result: 'resolved', amountRecovered: 12.34, answer: '经查属实，已责令退费。' });
  session.setNow(after(late, HOUR));
  await rate(stack, no('d'), filed.d!.password, 'unsatisfied');
  // c, reopened, is answered again (after it went overdue): its second answer counts its own result and amount.
  await run('rsj', 'c', { action: 'reply', result: 'resolved', amountRecovered: 0.05, answer: '第二次答复：电梯已更换主板，恢复运行。' });

  // The figures are counted from the table's stream: wait for it.
  await stack.settle();
  const res = await stack.request('GET', '/api/console/stats', { token: await session.token('duban') });
  expect(res.status, show(res)).toBe(200);
  stats = res.body as ConsoleStatsResponse;
}, 180_000);

type Recount = Record<FigureKey, number> & { answerMinutes: number };
const zero = (): Recount => ({ filed: 0, accepted: 0, dispatched: 0, answered: 0, answeredOnTime: 0, onTimeRate: 0, averageAnswer: 0, answerMinutes: 0, ratings: 0, satisfied: 0, basically_satisfied: 0, unsatisfied: 0, satisfactionRate: 0, overdue: 0, rejected: 0, merged: 0, withdrawn: 0, closed: 0, partsAssigned: 0, partsSubmitted: 0, partsOnTime: 0, resolved: 0, partly_resolved: 0, unresolved: 0, explained: 0, resolutionRate: 0, amountRecovered: 0 });

/** Each figure recounted from the cases' records and timelines, by scope (ALL, DEPT#, CAT#, TYPE#). */
async function recount(): Promise<Map<string, Recount>> {
  const rows = new Map<string, Recount>();
  const add = (scopes: string[], key: keyof Recount, by = 1) => {
    for (const scope of scopes) {
      const r = rows.get(scope) ?? zero();
      r[key] += by;
      rows.set(scope, r);
    }
  };
  for (const k of Object.keys(CASES) as Key[]) {
    const c = (await stack.deps.cases.getCase(no(k))) as CaseRecord;
    const events = await stack.deps.cases.listEvents(no(k));
    const base = ['ALL', `CAT#${c.categoryId}`, `TYPE#${c.type}`];
    add(base, 'filed');
    if (events.some((e) => e.kind === 'accepted')) add(base, 'accepted');
    if (events.some((e) => e.kind === 'withdrawn')) add(base, 'withdrawn');
    // Walk the timeline: where the case was at each step.
    let dept: string | undefined;
    for (const e of events) {
      if (e.kind === 'accepted' || e.kind === 'transferred') {
        dept = String(e.data.departmentId);
        add([`DEPT#${dept}`], 'dispatched');
      }
      if (e.kind === 'sent_back') dept = undefined;
      // 答复结果 and 挽回金额: every answer event, on the department that answered (read from the audit trail).
      if (e.kind === 'replied') {
        add([...base, `DEPT#${String(e.data.departmentId)}`], e.data.result as 'resolved', 1);
        add([...base, `DEPT#${String(e.data.departmentId)}`], 'amountRecovered', Number(e.data.amountRecoveredFen ?? 0));
      }
      if (e.kind === 'sla_overdue') add([...base, `DEPT#${dept}`], 'overdue');
    }
    if (c.firstAnswer) {
      const scopes = [...base, `DEPT#${c.firstAnswer.departmentId}`];
      add(scopes, 'answered');
      if (c.firstAnswer.onTime) add(scopes, 'answeredOnTime');
      add(scopes, 'answerMinutes', (Date.parse(c.firstAnswer.at) - Date.parse(c.createdAt)) / 60_000);
    }
    for (const r of c.ratings) {
      const scopes = [...base, `DEPT#${c.answer!.departmentId}`];
      add(scopes, 'ratings');
      add(scopes, r.rating);
    }
  }
  return rows;
}

// The page's formats, written out here: counts as integers, rates with one decimal and %, times in minutes / hours / days.
const pct = (a: number, b: number) => (b ? `${(Math.round((a / b) * 1000) / 10).toFixed(1)}%` : '—');
function duration(totalMinutes: number, n: number): string {
  if (!n) return '—';
  const m = Math.round(Math.round(totalMinutes) / n);
  if (m < 1) return '不到 1 分钟';
  if (m < 60) return `${m} 分钟`;
  return m / 60 >= 48 ? `${(m / 60 / 24).toFixed(1)} 天` : `${(m / 60).toFixed(1)} 小时`;
}
function expectedText(key: FigureKey, r: Recount): string {
  switch (key) {
    case 'onTimeRate':
      return pct(r.answeredOnTime, r.answered);
    case 'satisfactionRate':
      return pct(r.satisfied + r.basically_satisfied, r.ratings);
    case 'averageAnswer':
      return duration(r.answerMinutes, r.answered);
    case 'resolutionRate': {
      const base = r.resolved + r.partly_resolved + r.unresolved;
      return base ? `${(Math.round(((r.resolved + r.partly_resolved / 2) / base) * 1000) / 10).toFixed(1)}%` : '—';
    }
    case 'amountRecovered': // recounted in fen, shown as yuan with two decimals and grouped thousands
      return `${Math.floor(r.amountRecovered / 100).toLocaleString('en-US')}.${String(r.amountRecovered % 100).padStart(2, '0')}`;
    default:
      return String(r[key]);
  }
}

describe('every figure on the statistics page equals a recount from the cases', () => {
  it('the workload did what it meant to (two departments, a short answer, a send-back, overdue cases swept)', async () => {
    const all = (await recount()).get('ALL')!;
    // Overdue: d, g, h never answered, and c reopened by its unsatisfied rating and not answered again.
    expect(all).toMatchObject({ filed: 9, accepted: 7, answered: 5, ratings: 4, overdue: 4 });
    expect((await stack.deps.cases.getCase(no('c')))!.round).toBe(2);
    const get = async (k: Key) => (await stack.deps.cases.getCase(no(k)))!;
    expect((await get('d')).firstAnswer?.onTime).toBe(false);
    expect((await get('c')).firstAnswer?.departmentId).toBe('rsj');
    expect((await get('i')).firstAnswer?.departmentId).toBe('zjj');
    expect((await recount()).get('DEPT#zjj')!.dispatched).toBe(4); // c, d, i twice
  });

  it('the headline cards', async () => {
    const all = (await recount()).get('ALL')!;
    const shown = displayedFigures(stats).headline;
    expect(shown.map((f) => f.title)).toEqual(['收件量', '受理量', '已答复', '按时答复率', '平均答复用时', '满意率', '超期', '解决率', '挽回金额']);
    for (const f of shown) expect(`${f.title}=${f.text}`).toBe(`${f.title}=${expectedText(f.key, all)}`);
    // The chosen numbers, once, against what the script did.
    // 解决率: a, d, c's second answer 解决; c's first 部分解决; i 未解决 (b 解释说明 left out) → (3 + 0.5) / 5. Amounts: 3000.50 + 120 + 12.34 + 0.05.
    expect(shown.map((f) => f.text)).toEqual(['9', '7', '5', '80.0%', expectedText('averageAnswer', all), '50.0%', '4', '70.0%', '3,132.89']);
    expect(all).toMatchObject({ resolved: 3, partly_resolved: 1, unresolved: 1, explained: 1, amountRecovered: 313_289 });
    expect(stats.totals).toMatchObject({ resolved: 3, partly_resolved: 1, unresolved: 1, explained: 1, amountRecoveredFen: 313_289, resolutionRate: 70 });
  });

  it('every cell of the department, category, type and month tables', async () => {
    const expected = await recount();
    const shown = displayedFigures(stats).sections;
    const problems: string[] = [];
    const sections = [
      ['byDepartment', 'DEPT#'],
      ['byCategory', 'CAT#'],
      ['byType', 'TYPE#'],
    ] as const;
    for (const [section, prefix] of sections) {
      const want = [...expected.keys()].filter((s) => s.startsWith(prefix)).map((s) => s.slice(prefix.length));
      expect(shown[section].map((r) => r.key).sort(), section).toEqual(want.sort());
      for (const row of shown[section]) {
        for (const cell of row.cells) {
          const wanted = expectedText(cell.key, expected.get(prefix + row.key)!);
          if (cell.text !== wanted) problems.push(`${section} ${row.name} ${cell.title}: shown ${cell.text}, recount ${wanted}`);
        }
      }
    }
    // Months: everything happened in April 2030; every other month of the series is empty.
    for (const row of shown.series) {
      const want = row.key === '2030-04' ? expected.get('ALL')! : zero();
      for (const cell of row.cells) if (cell.text !== expectedText(cell.key, want)) problems.push(`series ${row.key} ${cell.title}: shown ${cell.text}, recount ${expectedText(cell.key, want)}`);
    }
    expect(problems).toEqual([]);
  });

  it('a department’s figures are its own: 人社局 answered what it was given, and receives no "submissions"', () => {
    const rsj = displayedFigures(stats).sections.byDepartment.find((r) => r.key === 'rsj')!;
    expect(rsj.cells.map((c) => c.title)).not.toContain(FIGURES.filed.title);
    expect(Object.fromEntries(rsj.cells.map((c) => [c.title, c.text]))).toMatchObject({ 交办量: '5', 已答复: '3', 超期: '3', 解决: '2', 部分解决: '1', 解释说明: '1', 挽回金额: '3,120.55' });
  });
});
