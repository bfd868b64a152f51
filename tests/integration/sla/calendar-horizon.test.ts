/**
 * The calendar's horizon and entering a year's schedule, through the routes of serverless.yml on
 * DynamoDB Local. chinese-days knows 2026 at most: while 2027 is unknown, GET calendar lists the
 * open working-day cases whose deadlines fall in 2027 (counted over plain Monday–Friday, 元旦 as a
 * working day). The admin then enters 2027 in one step — an EXAMPLE schedule, not the official one
 * (not published yet): 元旦 01-01..01-03 off; 春节 02-06..02-13 off, Sunday 01-31 and Saturday
 * 02-20 make-up working days — and the days are off or on as entered, the cases' deadlines move to
 * the exact new dates, the timers follow, the year is marked entered (the notice goes), and the
 * change log records who entered which year and how many days.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseHolidayNotice } from '@minsheng/shared';
import { workingCalendar } from '../../../functions/src/services/sla/settings';
import { createTestStack, type TestStack } from '../../support/stack';
import { CHINESE, complaint, consultation, fileCase, show } from '../helpers';
import { EXAMPLE_2027 } from '../../../shared/test/holiday-notices';
import { Officials, acceptAt, runRetimeJobs, slaEvents, sweepAt } from './sla-kit';

let stack: TestStack;
let officials: Officials;

const calendar = async (who: 'admin' | 'duban' = 'admin') => {
  const res = await stack.request('GET', '/api/console/admin/calendar', { token: await officials.token(who) });
  expect(res.status, show(res)).toBe(200);
  return res.body;
};
const enterYear = async (who: 'admin' | 'duban', body: unknown) => stack.request('POST', '/api/console/admin/calendar/years', { token: await officials.token(who), body });
const caseSla = async (caseNo: string) => (await officials.get('duban', `/api/console/cases/${caseNo}`)).sla;

/** The EXAMPLE 2027 schedule as the console's preview parses it from the notice-style text. */
const example2027 = () => {
  const parsed = parseHolidayNotice(EXAMPLE_2027, 2027);
  expect(parsed.problems).toEqual([]);
  return parsed.schedule;
};

/** A complaint counted in 15 working days, filed 2026-12-28 (Monday): plain weekdays → warning 01-13, due 01-18, severe 02-08. */
let crossing: string;
/** Filed 2026-12-01: due 2026-12-22 (known), but its severe date (2027-01-12 on plain weekdays) is in 2027. */
let severeOnly: string;
/** A consultation on natural days, due 2027-01-04: not affected by the calendar. */
let natural: string;
const MONDAY = new Date('2026-12-28T10:00:00+08:00');

beforeAll(async () => {
  stack = await createTestStack();
  officials = await Officials.seed(stack);
  officials.at(new Date('2026-12-01T10:00:00+08:00'));
  const res = await stack.request('POST', '/api/console/admin/sla-policies', {
    token: await officials.token('admin'),
    body: { type: 'complaint', answerDays: 15, warnDays: 12, severeDays: 30, dayMode: 'working' },
  });
  expect(res.status, show(res)).toBe(200);
  severeOnly = (await fileCase(stack, complaint({ title: '十二月初的投诉' }))).caseNo;
  await acceptAt(stack, new Date('2026-12-01T11:00:00+08:00'), severeOnly);
  officials.at(MONDAY);
  crossing = (await fileCase(stack, complaint({ title: '跨入2027年的投诉' }))).caseNo;
  natural = (await fileCase(stack, consultation({ title: '按自然日计时的咨询' }))).caseNo;
  await acceptAt(stack, new Date('2026-12-28T11:00:00+08:00'), crossing);
  officials.at(MONDAY);
});

describe('while 2027 is unknown', () => {
  it('the calendar answer says which years are known, that 2027 is not, and lists the open working-day cases reaching into it', async () => {
    const cal = await calendar('duban'); // supervisors read it too
    expect(cal.knownYears).toContain(2026);
    expect(cal.knownYears).not.toContain(2027);
    expect(cal.enteredYears).toEqual([]);
    expect(cal.unknownYearsAhead).toEqual([2027]);
    expect(cal.workingDayTypes).toEqual(['complaint']);
    expect(cal.casesBeyondHorizon).toEqual({
      count: 2,
      complete: true,
      items: [
        {
          caseNo: severeOnly,
          type: 'complaint',
          status: 'in_progress',
          dayMode: 'working',
          warnAt: '2026-12-17T00:00:00+08:00',
          dueAt: '2026-12-22T23:59:59+08:00',
          severeAt: '2027-01-12T23:59:59+08:00',
          unknownYears: [2027],
        },
        {
          caseNo: crossing,
          type: 'complaint',
          status: 'in_progress',
          dayMode: 'working',
          warnAt: '2027-01-13T00:00:00+08:00',
          dueAt: '2027-01-18T23:59:59+08:00',
          severeAt: '2027-02-08T23:59:59+08:00',
          unknownYears: [2027],
        },
      ],
    });
    expect(cal.casesBeyondHorizon.items.map((i: { caseNo: string }) => i.caseNo)).not.toContain(natural);
    // The case itself says the same (元旦 counted as a working day).
    expect(await caseSla(crossing)).toMatchObject({ dueAt: '2027-01-18T23:59:59+08:00', severeAt: '2027-02-08T23:59:59+08:00', dayMode: 'working' });
    const cal2027 = await workingCalendar(stack.deps);
    expect(cal2027.isWorkingDay('2027-01-01')).toBe(true);
  });

  it('only the administrator enters a year; a schedule that contradicts itself is refused in Chinese and changes nothing', async () => {
    const schedule = example2027();
    for (const who of ['duban'] as const) expect((await enterYear(who, { ...schedule, source: 'notice' })).status).toBe(403);
    expect((await stack.request('POST', '/api/console/admin/calendar/years', { body: { ...schedule, source: 'notice' } })).status).toBe(401);
    const bad = await enterYear('admin', { year: 2027, source: 'notice', holidays: [{ name: '春节', daysOff: ['2027-02-06', '2027-02-07'], workdays: ['2027-02-07'] }] });
    expect(bad.status, show(bad)).toBe(400);
    expect(bad.body.error.fields.holidays).toBe('2月7日 出现了两次（春节放假；春节上班）');
    const noYear = await enterYear('admin', { year: 2027, source: 'fax', holidays: [] });
    expect(noYear.status).toBe(400);
    expect(noYear.body.error.fields.source).toMatch(CHINESE);
    expect(noYear.body.error.fields.holidays).toMatch(CHINESE);
    expect((await calendar()).enteredYears).toEqual([]);
  });
});

describe('after the admin enters the 2027 schedule (EXAMPLE dates)', () => {
  let entered: Record<string, any>;
  let jobs: Awaited<ReturnType<typeof runRetimeJobs>>;

  beforeAll(async () => {
    officials.at(new Date('2026-12-28T15:00:00+08:00'));
    const res = await enterYear('admin', { ...example2027(), source: 'notice' });
    expect(res.status, show(res)).toBe(200);
    entered = res.body;
    jobs = await runRetimeJobs(stack);
  });

  it('answers what was entered and the re-timing job it queued; the job re-times the open case whose deadlines moved', () => {
    expect(entered).toMatchObject({ year: 2027, holidays: 2, daysOff: 11, workdays: 2, removedOverrides: [], retime: { status: 'queued', done: 0, by: 'admin' } });
    expect(entered.rescheduled).toBeUndefined();
    // One: the crossing case's due date moved. The other working-day case's stored schedule (due
    // 2026-12-22, next step its warning) is unchanged; its severe date is derived anew when its
    // steps are taken, from the calendar of that moment. Three open cases gone through.
    expect(jobs).toEqual([expect.objectContaining({ id: entered.retime.id, status: 'done', total: 3, done: 3, rescheduled: 1 })]);
  });

  it('元旦 and 春节 are days off, the make-up Sunday and Saturday are working days', async () => {
    const cal = await workingCalendar(stack.deps);
    const offs = ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13'];
    expect(offs.filter((d) => cal.isWorkingDay(d))).toEqual([]);
    expect(['2027-01-31', '2027-02-20'].map((d) => cal.isWorkingDay(d))).toEqual([true, true]);
    // Around them, plain weeks: Monday 01-04 and 02-15 work, Sunday 02-14 does not.
    expect(['2027-01-04', '2027-02-14', '2027-02-15'].map((d) => cal.isWorkingDay(d))).toEqual([true, false, true]);
  });

  it("the cases' deadlines moved to the exact new dates: due 01-19 (元旦 off), severe 02-15 (make-up 01-31 on, 春节 off)", async () => {
    // 12-29, 12-30, 12-31 (3), 01-04 … 01-08 (8), 01-11 … 01-15 (13), 01-18, 01-19 (15).
    expect((await stack.deps.cases.getCase(crossing))!.schedule?.dueAt).toBe('2027-01-19T15:59:59.000Z');
    expect(await caseSla(crossing)).toMatchObject({ warnAt: '2027-01-14T00:00:00+08:00', dueAt: '2027-01-19T23:59:59+08:00', severeAt: '2027-02-15T23:59:59+08:00' });
    // The one due in 2026 keeps its due date; its severe date passes 元旦: 01-13.
    expect(await caseSla(severeOnly)).toMatchObject({ dueAt: '2026-12-22T23:59:59+08:00', severeAt: '2027-01-13T23:59:59+08:00' });
    expect(await caseSla(natural)).toMatchObject({ dueAt: '2027-01-04T23:59:59+08:00', dayMode: 'natural' });
    // Re-timing is on each case's audit trail.
    expect((await stack.deps.cases.listEvents(crossing)).some((e) => e.kind === 'sla_rescheduled')).toBe(true);
  });

  it('the timers follow: no warning on 01-13 any more, the warning on the morning of 01-14', async () => {
    await sweepAt(stack, new Date('2027-01-13T12:00:00+08:00'));
    expect((await slaEvents(stack, crossing)).warning).toBe(0);
    await sweepAt(stack, new Date('2027-01-14T00:00:00+08:00'));
    expect((await slaEvents(stack, crossing)).warning).toBe(1);
    officials.at(new Date('2026-12-28T15:30:00+08:00'));
  });

  it('2027 is marked entered: nothing beyond the horizon any more, and the change log says who entered which year and how many days', async () => {
    const cal = await calendar();
    expect(cal.enteredYears).toEqual([2027]);
    expect(cal.knownYears).not.toContain(2027); // the package still does not know it
    expect(cal.unknownYearsAhead).toEqual([]);
    expect(cal.casesBeyondHorizon).toEqual({ count: 0, complete: true, items: [] });
    expect(cal.schedules).toEqual([{ ...example2027(), source: 'notice', enteredAt: '2026-12-28T07:00:00.000Z', enteredBy: 'admin', enteredByName: '系统管理员' }]);
    expect(cal.changes[0]).toEqual({
      at: '2026-12-28T07:00:00.000Z',
      by: 'admin',
      byName: '系统管理员',
      kind: 'year_entered',
      year: 2027,
      daysOff: 11,
      workdays: 2,
      summary: '录入 2027 年节假日安排（粘贴通知文本）：2 个节日，放假 11 天，调休上班 2 天',
    });
    // Supervisors see the same log.
    expect((await calendar('duban')).changes[0].summary).toBe(cal.changes[0].summary);
  });

  it('the entered year wins over a single-day override on its own dates; entering it again with replaceManual deletes the year’s overrides', async () => {
    const admin = await officials.token('admin');
    for (const body of [
      { date: '2027-01-31', work: false, note: '公布前的猜测' },
      { date: '2027-03-08', work: false, note: '本地假日' },
    ]) {
      const res = await stack.request('POST', '/api/console/admin/calendar', { token: admin, body });
      expect(res.status, show(res)).toBe(200);
    }
    const cal = await workingCalendar(stack.deps);
    expect(cal.isWorkingDay('2027-01-31')).toBe(true); // the notice's make-up day stands
    expect(cal.isWorkingDay('2027-03-08')).toBe(false); // a date the notice does not list: the override applies
    const logged = await calendar();
    expect(logged.changes.slice(0, 2).map((c: { kind: string; summary: string }) => [c.kind, c.summary])).toEqual([
      ['override_set', '将 2027-03-08 设为休息（本地假日）'],
      ['override_set', '将 2027-01-31 设为休息（公布前的猜测）'],
    ]);

    officials.at(new Date('2026-12-29T09:00:00+08:00'));
    const again = await enterYear('admin', { ...example2027(), source: 'ics', replaceManual: true });
    expect(again.status, show(again)).toBe(200);
    expect(again.body.removedOverrides).toEqual(['2027-01-31', '2027-03-08']);
    const after = await calendar();
    expect(after.overrides).toEqual([]);
    expect(after.enteredYears).toEqual([2027]);
    expect(after.schedules).toHaveLength(1);
    expect(after.changes[0].summary).toBe('重新录入 2027 年节假日安排（上传 .ics 文件）：2 个节日，放假 11 天，调休上班 2 天；删除该年手工调整 2 条');
    expect((await workingCalendar(stack.deps)).isWorkingDay('2027-03-08')).toBe(true);
  });
});
