import type { CalendarResponse, RetimeJobDto } from '@minsheng/shared';
import { describe, expect, it } from 'vitest';
import { dateRuns, horizonNotice, overridesOfYear, parseSchedule, retimeActive, retimeView, suggestedYear, totalsText, yearsText } from '../src/features/admin/calendar-horizon';

type Facts = Pick<CalendarResponse, 'unknownYearsAhead' | 'casesBeyondHorizon' | 'workingDayTypes'>;
const facts = (over: Partial<Facts> = {}): Facts => ({ unknownYearsAhead: [2027], casesBeyondHorizon: { count: 0, complete: true, items: [] }, workingDayTypes: [], ...over });
const DEC_1 = new Date('2026-12-01T10:00:00+08:00');
const JUNE = new Date('2026-06-01T10:00:00+08:00');

describe('the calendar horizon notice', () => {
  it('says how many open working-day cases have deadlines in a year nobody entered, whatever the date', () => {
    expect(horizonNotice(facts({ casesBeyondHorizon: { count: 12, complete: true, items: [] } }), JUNE)).toEqual({
      level: 'warning',
      title: '2027 年的节假日安排尚未录入：12 件按工作日计时的办理中案件，期限落在 2027 年',
      description: '这些期限目前按周一至周五计算（元旦、春节等假日被当作工作日，调休上班日不算）。管理员录入该年的放假安排后，期限自动重新计算。',
    });
    // A count cut at the read limit is a lower bound, and said so.
    expect(horizonNotice(facts({ casesBeyondHorizon: { count: 5000, complete: false, items: [] } }), JUNE)?.title).toContain('至少 5000 件');
  });

  it('with no such case: a reminder within 60 days of the unknown year, only when a policy counts working days', () => {
    expect(horizonNotice(facts({ workingDayTypes: ['complaint', 'report'] }), DEC_1)).toEqual({
      level: 'info',
      title: '2027 年的节假日安排尚未录入',
      description: '投诉、举报按工作日计时；期限进入 2027 年的案件将按周一至周五计算。国务院办公厅公布安排后，请管理员在“节假日”页录入。',
    });
    expect(horizonNotice(facts({ workingDayTypes: ['complaint'] }), JUNE)).toBeUndefined();
    expect(horizonNotice(facts(), DEC_1)).toBeUndefined(); // natural days only: the calendar does not matter
    expect(horizonNotice(facts({ unknownYearsAhead: [], casesBeyondHorizon: { count: 0, complete: true, items: [] } }), DEC_1)).toBeUndefined();
  });
});

describe('the calendar page’s wording', () => {
  it('years as runs', () => {
    expect(yearsText(Array.from({ length: 23 }, (_, i) => 2004 + i))).toBe('2004–2026 年');
    expect(yearsText([2027, 2004, 2005, 2006, 2009])).toBe('2004–2006 年、2009 年、2027 年');
    expect(yearsText([])).toBe('无');
  });

  it('days off as runs with weekdays; the year shown where it differs', () => {
    expect(dateRuns(['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-20'], 2027)).toEqual(['2月6日（周六） 至 2月8日（周一）', '2月20日（周六）']);
    expect(dateRuns(['2022-12-31', '2023-01-01', '2023-01-02'], 2023)).toEqual(['2022年12月31日（周六） 至 1月2日（周一）']);
  });

  it('the preview parses the chosen source; the year’s manual overrides, and those the notice overrules', () => {
    const parse = parseSchedule('notice', '元旦：1月1日（周五）至3日（周日）放假，共3天。', 2027);
    expect(totalsText(parse)).toBe('1 个节日，放假 3 天，调休上班 0 天');
    expect(parseSchedule('ics', 'BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nSUMMARY:元旦\nEND:VEVENT', 2027).schedule.holidays[0]!.daysOff).toEqual(['2027-01-01']);
    const overrides = [
      { date: '2026-10-08', work: true },
      { date: '2027-01-01', work: false, note: '元旦' },
      { date: '2027-03-08', work: false, note: '本地假日' },
    ];
    expect(overridesOfYear(overrides, parse)).toEqual({ all: overrides.slice(1), shadowed: [overrides[1]] });
    expect(suggestedYear({ unknownYearsAhead: [2027] }, DEC_1)).toBe(2027);
    expect(suggestedYear({ unknownYearsAhead: [] }, DEC_1)).toBe(2027);
  });
});

describe('the re-timing job on the calendar page', () => {
  const job = (over: Partial<RetimeJobDto>): RetimeJobDto => ({
    id: '01J', status: 'queued', total: 0, done: 0, rescheduled: 0, queuedAt: '2026-12-01T02:00:00.000Z', by: 'admin', byName: '系统管理员', summary: '将 2027-01-04 设为休息（地方假日）', ...over,
  });
  const fmt = (iso: string) => iso.slice(0, 16);

  it('shows the bar with thousands separators while it runs, and says what change it re-times for', () => {
    const view = retimeView(job({ status: 'running', total: 100_000, done: 3_200, rescheduled: 1_100, startedAt: '2026-12-01T02:00:01.000Z' }), fmt);
    expect(view.text).toBe('已重新计算 3,200 / 100,000 件');
    expect(view.progress).toEqual({ value: 3_200, max: 100_000 });
    expect(view.detail).toContain('系统管理员（admin）');
    expect(view.detail).toContain('将 2027-01-04 设为休息（地方假日）');
  });

  it('when done, says how many open cases got new deadlines; no bar', () => {
    const view = retimeView(job({ status: 'done', total: 100_000, done: 100_000, rescheduled: 31_415, finishedAt: '2026-12-01T02:00:40.000Z' }), fmt);
    expect(view.text).toBe('已完成：核对在办诉求 100,000 件，其中 31,415 件的办理时限按新日历重新计算');
    expect(view.level).toBe('success');
    expect(view.progress).toBeUndefined();
  });

  it('when done and no deadline moved, says that (not "重新计算 0 件")', () => {
    const view = retimeView(job({ status: 'done', total: 3, done: 3, rescheduled: 0, finishedAt: '2026-12-01T02:00:40.000Z' }), fmt);
    expect(view.text).toBe('已完成：核对在办诉求 3 件，办理时限均无变化');
    expect(view.text).not.toContain('0 件');
  });

  it('queued, superseded and failed jobs say so in Chinese; the page polls only while one is queued or running', () => {
    expect(retimeView(job({}), fmt).text).toContain('正在排队');
    expect(retimeView(job({ status: 'superseded', done: 400 }), fmt).text).toContain('之后的日历调整');
    expect(retimeView(job({ status: 'failed', total: 1000, done: 400, reason: '运行 3 次仍未完成' }), fmt)).toMatchObject({ level: 'error', detail: expect.stringContaining('运行 3 次仍未完成') });
    expect(retimeActive([job({ status: 'running' })])).toBe(true);
    expect(retimeActive([job({})])).toBe(true);
    expect(retimeActive([job({ status: 'done' }), job({ status: 'running' })])).toBe(false);
    expect(retimeActive([])).toBe(false);
  });
});
