import type { ConsoleStatsResponse, StatsRow } from '@minsheng/shared';
import type { Cell } from '@/lib/csv';

/** The columns shown in every figures table and exported to CSV, in that order. */
export const FIGURE_COLUMNS: { key: string; title: string; value: (r: StatsRow) => number | undefined }[] = [
  { key: 'filed', title: '受理量（提交）', value: (r) => r.filed ?? 0 },
  { key: 'dispatched', title: '交办', value: (r) => r.dispatched ?? 0 },
  { key: 'answered', title: '已答复', value: (r) => r.answered ?? 0 },
  { key: 'answeredOnTime', title: '按时答复', value: (r) => r.answeredOnTime ?? 0 },
  { key: 'onTimeRate', title: '按时答复率(%)', value: (r) => r.onTimeRate },
  { key: 'averageAnswerHours', title: '平均答复用时(小时)', value: (r) => r.averageAnswerHours },
  { key: 'ratings', title: '评价数', value: (r) => r.ratings ?? 0 },
  { key: 'satisfied', title: '满意', value: (r) => r.satisfied ?? 0 },
  { key: 'basically_satisfied', title: '基本满意', value: (r) => r.basically_satisfied ?? 0 },
  { key: 'unsatisfied', title: '不满意', value: (r) => r.unsatisfied ?? 0 },
  { key: 'satisfactionRate', title: '满意率(%)', value: (r) => r.satisfactionRate },
  { key: 'overdue', title: '超期', value: (r) => r.overdue ?? 0 },
  { key: 'closed', title: '办结', value: (r) => r.closed ?? 0 },
];

export function periodLabel(period: string): string {
  return period === 'ALL' ? '全部时间' : `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
}

/** The same figures as the page's tables, section by section, for the CSV export. */
export function statsCsvRows(s: ConsoleStatsResponse): Cell[][] {
  const header = (first: string): Cell[] => [first, ...FIGURE_COLUMNS.map((c) => c.title)];
  const row = (r: StatsRow): Cell[] => [r.name, ...FIGURE_COLUMNS.map((c) => c.value(r))];
  return [
    ['民声 统计报表', `统计期间：${periodLabel(s.period)}`, `导出时间：${new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`],
    [],
    ['合计'],
    header('范围'),
    row(s.totals),
    [],
    ['按月趋势'],
    header('月份'),
    ...s.series.map(row),
    [],
    ['按问题类别'],
    header('类别'),
    ...s.byCategory.map(row),
    [],
    ['按承办部门'],
    header('部门'),
    ...s.byDepartment.map(row),
    [],
    ['按诉求类型'],
    header('类型'),
    ...s.byType.map(row),
  ];
}
