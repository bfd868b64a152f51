import { resolutionRate, type ConsoleStatsResponse, type StatsRow } from '@minsheng/shared';
import { formatYuan } from '../src/lib/format';
import { describe, expect, it } from 'vitest';
import { CHARTS, CSV_DEPARTMENT_FIGURES, CSV_FIGURES, FIGURES, HEADLINE, SECTIONS, displayedFigures, figureText, formatMinutes, statsCsvRows, timeAxis, type FigureKey } from '../src/features/stats/figures';

const row = (key: string, name: string, extra: Partial<StatsRow> = {}): StatsRow => ({ key, name, ...extra });
const sample: ConsoleStatsResponse = {
  period: 'ALL',
  totals: row('ALL', '全部', { filed: 12, accepted: 9, dispatched: 9, answered: 6, answeredOnTime: 5, onTimeRate: 83.3, averageAnswerHours: 0.1, averageAnswerMinutes: 5, ratings: 4, satisfied: 3, unsatisfied: 1, satisfactionRate: 75, overdue: 1, resolved: 3, partly_resolved: 2, unresolved: 1, explained: 2, resolutionRate: 66.7, amountRecoveredFen: 251_100_000 }),
  series: [row('2030-04', '2030-04', { filed: 12, accepted: 9, answered: 6 })],
  byCategory: [row('shebao', '社会保险', { filed: 3, accepted: 2 })],
  byDepartment: [row('rsj', '人力资源和社会保障局', { dispatched: 5, answered: 2, averageAnswerMinutes: 4, averageAnswerHours: 0.1 }), row('zjj', '住房和城乡建设局', { dispatched: 3 })],
  byType: [row('complaint', '投诉', { filed: 4 })],
};

describe('statistics figures: every one named and defined', () => {
  const shown = new Set<FigureKey>([...HEADLINE, ...Object.values(SECTIONS).flatMap((s) => s.columns), ...Object.values(CHARTS).flatMap((c) => c.figures), ...CSV_FIGURES, ...CSV_DEPARTMENT_FIGURES]);

  it('no figure on the page, in a chart or in the CSV without a plain Chinese definition', () => {
    for (const key of shown) {
      const f = FIGURES[key];
      expect(f, key).toBeDefined();
      expect(f.title, key).toMatch(/^[\u4e00-\u9fa5]+$/);
      expect(f.definition.length, `${key}: ${f.definition}`).toBeGreaterThanOrEqual(10);
      expect(f.definition, key).toMatch(/[\u4e00-\u9fa5]/);
      // Plain words for officials, not the implementation's.
      expect(f.definition, key).not.toMatch(/counter|metric|dimension|DEPT#|计数器|维度|[a-z]{3,}/i);
    }
    // Every figure declared is one the page can show (no dead definitions drifting from the page).
    expect([...shown].sort()).toEqual((Object.keys(FIGURES) as FigureKey[]).sort());
  });

  it('every displayed cell carries its figure’s definition', () => {
    const d = displayedFigures(sample);
    const cells = [...d.headline, ...Object.values(d.sections).flatMap((rows) => rows.flatMap((r) => r.cells))];
    expect(cells.length).toBeGreaterThan(20);
    for (const c of cells) expect(c.definition, c.key).toBe(FIGURES[c.key].definition);
  });

  it('names say what is counted: 收件量 is submissions, 受理量 acceptances, and a department shows neither', () => {
    expect(FIGURES.filed.title).toBe('收件量');
    expect(FIGURES.accepted.title).toBe('受理量');
    expect(FIGURES.dispatched.title).toBe('交办量');
    expect(FIGURES.averageAnswer.definition).toContain('从群众提交到首次答复');
    expect(HEADLINE).toEqual(expect.arrayContaining(['filed', 'accepted', 'answered', 'onTimeRate', 'averageAnswer', 'satisfactionRate']));
    expect(SECTIONS.byDepartment.columns).not.toContain('filed');
    expect(SECTIONS.byDepartment.columns).not.toContain('accepted');
    expect(CSV_DEPARTMENT_FIGURES).not.toContain('filed');
    const d = displayedFigures(sample);
    expect(d.headline.map((c) => [c.title, c.text])).toEqual([
      ['收件量', '12'],
      ['受理量', '9'],
      ['已答复', '6'],
      ['按时答复率', '83.3%'],
      ['平均答复用时', '5 分钟'],
      ['满意率', '75.0%'],
      ['超期', '1'],
      ['解决率', '66.7%'],
      ['挽回金额', '2,511,000.00'],
    ]);
    expect(d.sections.byDepartment[0]!.cells.map((c) => `${c.title}=${c.text}`)).toEqual(['交办量=5', '已答复=2', '按时答复率=—', '平均答复用时=4 分钟', '评价数=0', '满意率=—', '超期=0', '协办件=0', '协办已提交=0', '协办按时提交=0', '解决=0', '部分解决=0', '未解决=0', '解释说明=0', '解决率=—', '挽回金额=0.00']);
  });

  it('the answer-time chart draws the number the headline and table show, in minutes when short (never an empty 0.0-hour bar)', () => {
    const axis = timeAxis(sample.byDepartment.filter((r) => FIGURES.averageAnswer.value(r) !== undefined));
    expect(axis.unit).toBe('分钟');
    expect(axis.value(sample.byDepartment[0]!)).toBe(4);
    expect(figureText('averageAnswer', sample.byDepartment[0]!)).toBe('4 分钟');
    const slow = timeAxis([row('x', 'x', { averageAnswerMinutes: 600 })]);
    expect(slow.unit).toBe('小时');
    expect(slow.value(row('x', 'x', { averageAnswerMinutes: 600 }))).toBe(10);
    expect(formatMinutes(undefined)).toBe('—');
    expect(formatMinutes(0)).toBe('不到 1 分钟');
    expect(formatMinutes(1)).toBe('1 分钟');
    expect(formatMinutes(90)).toBe('1.5 小时');
    expect(formatMinutes(60 * 72)).toBe('3.0 天');
  });

  it('answer results: 解决率 as shared/ computes it, the amount in yuan from fen, in the CSV as yuan', () => {
    expect(resolutionRate({ resolved: 3, partly_resolved: 2, unresolved: 1 })).toBe(66.7);
    expect(resolutionRate({})).toBeUndefined();
    expect(formatYuan(251_100_000)).toBe('2,511,000.00');
    expect(formatYuan(5)).toBe('0.05');
    const rows = statsCsvRows(sample);
    const header = rows[3]!;
    const totals = rows[4]!;
    expect(totals[header.indexOf('挽回金额（元）')]).toBe(2_511_000);
    expect(totals[header.indexOf('解决率(%)')]).toBe(66.7);
  });

  it('the CSV ends with the definitions of every column it exports', () => {
    const rows = statsCsvRows(sample);
    const at = rows.findIndex((r) => r[0] === '指标说明');
    expect(at).toBeGreaterThan(0);
    const defs = rows.slice(at + 1);
    for (const k of new Set([...CSV_FIGURES, ...CSV_DEPARTMENT_FIGURES])) expect(defs.some((r) => r[1] === FIGURES[k].definition), k).toBe(true);
  });
});
