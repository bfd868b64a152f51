import { describe, expect, it } from 'vitest';
import {
  checkYearSchedule,
  formatDayWithWeekday,
  listCalendar,
  parseHolidayIcs,
  parseHolidayNotice,
  scheduleOverrides,
  scheduleTotals,
  type ScheduleParse,
} from '../src';
import { EXAMPLE_2027, NOTICE_2024_LINES, NOTICE_2025_LINES, NOTICE_2026 } from './holiday-notices';

const errors = (p: ScheduleParse) => p.problems.filter((x) => x.severity === 'error').map((x) => x.message);
const warnings = (p: ScheduleParse) => p.problems.filter((x) => x.severity === 'warning').map((x) => x.message);
const range = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000)) out.push(d.toISOString().slice(0, 10));
  return out;
};

describe('the State Council notice, pasted', () => {
  it('reads the real 2026 notice (国办发明电〔2025〕7号) whole: 7 holidays, 33 days off, 6 make-up days; preamble and closing left out', () => {
    const parsed = parseHolidayNotice(NOTICE_2026, 2026);
    expect(parsed.problems).toEqual([]);
    expect(parsed.schedule).toEqual({
      year: 2026,
      holidays: [
        { name: '元旦', daysOff: range('2026-01-01', '2026-01-03'), workdays: ['2026-01-04'] },
        { name: '春节', daysOff: range('2026-02-15', '2026-02-23'), workdays: ['2026-02-14', '2026-02-28'] },
        { name: '清明节', daysOff: range('2026-04-04', '2026-04-06'), workdays: [] },
        { name: '劳动节', daysOff: range('2026-05-01', '2026-05-05'), workdays: ['2026-05-09'] },
        { name: '端午节', daysOff: range('2026-06-19', '2026-06-21'), workdays: [] },
        { name: '中秋节', daysOff: range('2026-09-25', '2026-09-27'), workdays: [] },
        { name: '国庆节', daysOff: range('2026-10-01', '2026-10-07'), workdays: ['2026-09-20', '2026-10-10'] },
      ],
    });
    expect(scheduleTotals(parsed.schedule)).toEqual({ holidays: 7, daysOff: 33, workdays: 6 });
    // Nothing is dropped unseen: the title, 文号, addressees, preamble, closing, signature and date are listed.
    expect(parsed.ignored.map((i) => i.line)).toEqual([1, 2, 4, 5, 13, 15, 16]);
    expect(parsed.ignored.map((i) => i.text).join('\n')).toMatch(/经国务院批准[\s\S]*鼓励单位和个人[\s\S]*国务院办公厅\n2025年11月4日/);
  });

  it('the same notice pasted under the wrong year is refused: its weekdays do not match', () => {
    const parsed = parseHolidayNotice(NOTICE_2026, 2027);
    expect(errors(parsed)[0]).toBe('第 6 行（元旦）：“1月1日(周四)”标注为周四，但 2027年1月1日是周五：请核对年份（2027 年）和日期');
    expect(errors(parsed).length).toBeGreaterThanOrEqual(10);
  });

  it('reads the 2025 and 2024 wordings: 放假1天，不调休; 国庆节、中秋节 together; 与周末连休; 星期日', () => {
    const y2025 = parseHolidayNotice(NOTICE_2025_LINES, 2025);
    expect(y2025.problems).toEqual([]);
    expect(y2025.schedule.holidays.map((h) => [h.name, h.daysOff.length, h.workdays.length])).toEqual([
      ['元旦', 1, 0],
      ['春节', 8, 2],
      ['清明节', 3, 0],
      ['劳动节', 5, 1],
      ['端午节', 3, 0],
      ['国庆节、中秋节', 8, 2],
    ]);
    // A range across months: 1月28日 … 2月4日; 5月31日至6月2日.
    expect(y2025.schedule.holidays[1]!.daysOff).toEqual(range('2025-01-28', '2025-02-04'));
    expect(y2025.schedule.holidays[4]!.daysOff).toEqual(['2025-05-31', '2025-06-01', '2025-06-02']);

    const y2024 = parseHolidayNotice(NOTICE_2024_LINES, 2024);
    expect(y2024.problems).toEqual([]);
    expect(y2024.schedule.holidays[0]).toEqual({ name: '元旦', daysOff: ['2024-01-01'], workdays: [] });
    expect(y2024.schedule.holidays[1]!.workdays).toEqual(['2024-02-04', '2024-02-18']);
    expect(scheduleTotals(y2024.schedule)).toEqual({ holidays: 7, daysOff: 28, workdays: 8 });
  });

  it('a cross-year 元旦 with explicit years (2023 notice: 2022年12月31日至2023年1月2日)', () => {
    const parsed = parseHolidayNotice('一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。', 2023);
    expect(parsed.problems).toEqual([]);
    expect(parsed.schedule.holidays[0]!.daysOff).toEqual(['2022-12-31', '2023-01-01', '2023-01-02']);
  });

  it('the simple documented format: one holiday per line, no ordinals, no weekdays, half-width punctuation', () => {
    const parsed = parseHolidayNotice('元旦:1月1日至3日放假,共3天\n春节: 2月10日至17日放假调休，共8天。2月7日、2月20日上班\n\n清明节：4月5日放假', 2027);
    expect(errors(parsed)).toEqual([]);
    expect(parsed.schedule.holidays).toEqual([
      { name: '元旦', daysOff: range('2027-01-01', '2027-01-03'), workdays: [] },
      { name: '春节', daysOff: range('2027-02-10', '2027-02-17'), workdays: ['2027-02-07', '2027-02-20'] },
      { name: '清明节', daysOff: ['2027-04-05'], workdays: [] },
    ]);
  });

  it('a notice copied from a web page that lost its line breaks, and traditional characters (週, 節)', () => {
    const oneLine = NOTICE_2026.split('\n').slice(5, 12).map((l) => l.trim()).join(' ');
    expect(parseHolidayNotice(oneLine, 2026).schedule).toEqual(parseHolidayNotice(NOTICE_2026, 2026).schedule);
    const traditional = '一、元旦：1月1日（週四）至3日（週六）放假調休，共3天。1月4日（週日）上班。\n二、春節：2月15日（農曆臘月二十八、週日）至23日（農曆正月初七、週一）放假調休，共9天。2月14日（週六）、2月28日（週六）上班。';
    const parsed = parseHolidayNotice(traditional, 2026);
    expect(parsed.problems).toEqual([]);
    expect(parsed.schedule.holidays.map((h) => h.name)).toEqual(['元旦', '春節']);
    expect(scheduleTotals(parsed.schedule)).toEqual({ holidays: 2, daysOff: 12, workdays: 3 });
  });

  it('an encouragement to rest (鼓励……除夕（2月9日）休息) is not an official day off: left out, with a warning', () => {
    const parsed = parseHolidayNotice('二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。', 2024);
    expect(errors(parsed)).toEqual([]);
    expect(parsed.schedule.holidays[0]!.daysOff).not.toContain('2024-02-09');
    expect(warnings(parsed)).toEqual(['第 1 行（春节）：“安排职工在除夕(2月9日)休息”不是放假或上班安排，未录入']);
  });

  it('refuses, naming the line: 共N天 not matching the days, a date that does not exist, a range ending before it starts, a date both off and on', () => {
    expect(errors(parseHolidayNotice('元旦：1月1日至3日放假，共4天。', 2027))).toEqual(['第 1 行（元旦）：通知写“共4天”，但列出的放假日期是 3 天']);
    expect(errors(parseHolidayNotice('春节：2月30日放假。', 2027))).toEqual(['第 1 行（春节）：“2月30日”不是有效的日期']);
    expect(errors(parseHolidayNotice('元旦：12月31日至1月2日放假。', 2027))).toEqual(['第 1 行（元旦）：“12月31日至1月2日”结束早于开始（跨年的日期请写明年份，如 2022年12月31日）']);
    expect(errors(parseHolidayNotice('春节：2月6日至13日放假。2月13日上班。', 2027))).toEqual(['2月13日 出现了两次（春节放假；春节上班）']);
    expect(errors(parseHolidayNotice('春节：2月6日至13日放假。\n元宵：2月13日放假。', 2027))).toEqual(['2月13日 出现了两次（春节放假；元宵放假）']);
    expect(errors(parseHolidayNotice('新年快乐', 2027))).toEqual(['没有找到节日安排。每个节日一行，写法如“元旦：1月1日至3日放假，共3天。”']);
    expect(errors(parseHolidayNotice('元旦：1月1日上班。', 2027))).toEqual(['第 1 行（元旦）：没有放假日期（放假的日期要写在“放假”二字之前，如“1月1日至3日放假”）']);
  });

  it('warns (but keeps) a make-up day that is a weekday anyway, and a holiday line without a date first', () => {
    const parsed = parseHolidayNotice('春节：2月6日至13日放假。2月17日上班。\n国庆节：放假7天', 2027);
    expect(errors(parsed)).toEqual([]);
    expect(parsed.schedule.holidays[0]!.workdays).toEqual(['2027-02-17']);
    expect(warnings(parsed)).toEqual([
      '第 2 行（国庆节）：像是节日安排，但冒号后面没有先写日期（如“1月1日至3日放假”），未录入',
      '春节：调休上班日 2月17日（周三）本来就是工作日',
    ]);
  });

  it('the 2027 EXAMPLE (not official): 元旦 Friday off, 春节 02-06..02-13 off, 01-31 and 02-20 on', () => {
    const parsed = parseHolidayNotice(EXAMPLE_2027, 2027);
    expect(parsed.problems).toEqual([]);
    const cal = listCalendar({ holidays: scheduleOverrides(parsed.schedule).filter((o) => !o.work).map((o) => o.date), workdays: parsed.schedule.holidays.flatMap((h) => h.workdays) });
    expect(['2027-01-01', '2027-02-08', '2027-02-12'].map((d) => cal.isWorkingDay(d))).toEqual([false, false, false]);
    expect(['2027-01-31', '2027-02-20', '2027-01-04'].map((d) => cal.isWorkingDay(d))).toEqual([true, true, true]);
    expect(scheduleOverrides(parsed.schedule).slice(0, 4)).toEqual([
      { date: '2027-01-01', work: false, note: '元旦' },
      { date: '2027-01-02', work: false, note: '元旦' },
      { date: '2027-01-03', work: false, note: '元旦' },
      { date: '2027-01-31', work: true, note: '春节调休上班' },
    ]);
    expect(formatDayWithWeekday('2027-01-31')).toBe('1月31日（周日）');
  });
});

const ics = (...events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', ...events.flatMap((e) => ['BEGIN:VEVENT', ...e.split('\n'), 'END:VEVENT']), 'END:VCALENDAR'].join('\r\n');

describe('an .ics file', () => {
  it('all-day events: DTEND is exclusive; a SUMMARY with 班 is a make-up working day; events grouped by name', () => {
    const parsed = parseHolidayIcs(
      ics(
        'DTSTART;VALUE=DATE:20270206\nDTEND;VALUE=DATE:20270214\nSUMMARY:春节',
        'DTSTART;VALUE=DATE:20270131\nDTEND;VALUE=DATE:20270201\nSUMMARY:春节 调休上班',
        'DTSTART;VALUE=DATE:20270220\nSUMMARY:春节（补班）',
        'DTSTART;VALUE=DATE:20270101\nDURATION:P3D\nSUMMARY:元旦',
      ),
      2027,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.schedule.holidays).toEqual([
      { name: '元旦', daysOff: range('2027-01-01', '2027-01-03'), workdays: [] },
      { name: '春节', daysOff: range('2027-02-06', '2027-02-13'), workdays: ['2027-01-31', '2027-02-20'] },
    ]);
  });

  it('folded lines, escaped text, date-times (floating and UTC), other years left out; a bare 补班 joins the nearest holiday', () => {
    const parsed = parseHolidayIcs(
      ics(
        'DTSTART:20261231T160000Z\nDTEND:20270103T160000Z\nSUMMARY:元\n 旦\\, 放假',
        'DTSTART;VALUE=DATE:20260101\nDTEND;VALUE=DATE:20260104\nSUMMARY:元旦(休)',
        'DTSTART;TZID=Asia/Shanghai:20270130T000000\nDTEND;TZID=Asia/Shanghai:20270131T000000\nSUMMARY:补班',
        'DTSTART;VALUE=DATE:20270206\nDTEND;VALUE=DATE:20270214\nSUMMARY:春节(休)',
      ),
      2027,
    );
    expect(errors(parsed)).toEqual([]);
    expect(parsed.schedule.holidays).toEqual([
      { name: '元旦', daysOff: range('2027-01-01', '2027-01-03'), workdays: [] },
      { name: '春节', daysOff: range('2027-02-06', '2027-02-13'), workdays: ['2027-01-30'] },
    ]);
    expect(parsed.ignored).toEqual([{ line: 0, text: '2026 年的 1 个事件（不是 2027 年）' }]);
  });

  it('refuses a file without events, an event without a start, and a file with nothing in the year', () => {
    expect(errors(parseHolidayIcs('hello', 2027))).toEqual(['文件里没有日历事件（VEVENT）：请确认是 .ics 日历文件']);
    expect(errors(parseHolidayIcs(ics('SUMMARY:春节'), 2027))).toEqual(['第 1 个事件（春节）：没有有效的开始日期（DTSTART）']);
    expect(errors(parseHolidayIcs(ics('DTSTART;VALUE=DATE:20260101\nSUMMARY:元旦'), 2027))).toEqual(['文件里没有 2027 年的放假安排']);
  });
});

describe('checkYearSchedule (the API runs it on every entered schedule)', () => {
  it('accepts a parsed schedule; refuses a bad year, no holidays, unreal dates, dates far outside the year', () => {
    expect(checkYearSchedule(parseHolidayNotice(NOTICE_2026, 2026).schedule)).toEqual([]);
    expect(checkYearSchedule({ year: 1999, holidays: [] }).map((p) => p.message)).toEqual(['年份应为 2000 到 2100 之间的整数']);
    expect(checkYearSchedule({ year: 2027, holidays: [] }).map((p) => p.message)).toEqual(['没有找到 2027 年的节日安排']);
    expect(checkYearSchedule({ year: 2027, holidays: [{ name: '春节', daysOff: ['2027-02-30', '2026-06-01'], workdays: [] }] }).map((p) => p.message)).toEqual([
      '春节：2027-02-30 不是有效的日期',
      '春节：2026年6月1日 不在 2027 年（跨年的元旦最多到上一年 12 月或下一年 1 月）',
    ]);
    expect(checkYearSchedule({ year: 2027, holidays: [{ name: ' ', daysOff: [], workdays: [] }] }).map((p) => p.message)).toEqual(['节日名称不能为空', '节日：没有放假日期']);
  });
});
