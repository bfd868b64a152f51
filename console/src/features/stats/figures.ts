import type { ConsoleStatsResponse, StatsRow } from '@minsheng/shared';
// Relative imports only: the integration tests import this file to compare what the page shows with a recount.
import type { Cell } from '../../lib/csv';
import { formatPercent, formatYuan } from '../../lib/format';

/**
 * Every figure the statistics page shows: its name, a plain definition (what is counted, from when,
 * per what) and how it is read from a row of GET /api/console/stats. The page, its tables, its charts
 * and the CSV all take their names and numbers from here, so a figure cannot appear without its definition.
 */
export interface Figure {
  key: FigureKey;
  title: string;
  /** What the figure counts, in plain words for officials. */
  definition: string;
  unit: '件' | '%' | 'time' | '元';
  value: (r: StatsRow) => number | undefined;
}

export type FigureKey =
  | 'filed'
  | 'accepted'
  | 'dispatched'
  | 'answered'
  | 'answeredOnTime'
  | 'onTimeRate'
  | 'averageAnswer'
  | 'ratings'
  | 'satisfied'
  | 'basically_satisfied'
  | 'unsatisfied'
  | 'satisfactionRate'
  | 'overdue'
  | 'rejected'
  | 'merged'
  | 'withdrawn'
  | 'closed'
  | 'partsAssigned'
  | 'partsSubmitted'
  | 'partsOnTime'
  | 'resolved'
  | 'partly_resolved'
  | 'unresolved'
  | 'explained'
  | 'resolutionRate'
  | 'amountRecovered';

const SCOPE = '统计期间内（按发生时的北京时间计月份）';

export const FIGURES: Record<FigureKey, Figure> = {
  filed: { key: 'filed', title: '收件量', unit: '件', definition: `${SCOPE}群众提交的诉求件数，不论是否受理。`, value: (r) => r.filed ?? 0 },
  accepted: {
    key: 'accepted',
    title: '受理量',
    unit: '件',
    definition: `${SCOPE}受理员受理并分办到部门的案件数，每件只计一次（退回后再次分办不重复计）。不予受理、直接合并的不计入。`,
    value: (r) => r.accepted ?? 0,
  },
  dispatched: {
    key: 'dispatched',
    title: '交办量',
    unit: '件',
    definition: `${SCOPE}交办到本部门的次数：受理分办到本部门，加上从其他部门转办过来的；退回受理员后再次交办另计一次。`,
    value: (r) => r.dispatched ?? 0,
  },
  answered: {
    key: 'answered',
    title: '已答复',
    unit: '件',
    definition: `${SCOPE}首次答复群众的案件数（重办后的再次答复不重复计）。按部门统计时计入作出首次答复的部门。`,
    value: (r) => r.answered ?? 0,
  },
  answeredOnTime: { key: 'answeredOnTime', title: '按时答复', unit: '件', definition: '已答复的案件中，首次答复在办理时限（含批准的延期）之内的件数。', value: (r) => r.answeredOnTime ?? 0 },
  onTimeRate: { key: 'onTimeRate', title: '按时答复率', unit: '%', definition: '按时答复件数 ÷ 已答复件数。没有答复时显示“—”。', value: (r) => r.onTimeRate },
  averageAnswer: {
    key: 'averageAnswer',
    title: '平均答复用时',
    unit: 'time',
    definition: '已答复案件从群众提交到首次答复所用时间的平均值（按自然时间计，含非工作日和等待群众补充材料的时间）。没有答复时显示“—”。',
    value: (r) => r.averageAnswerMinutes ?? (r.averageAnswerHours === undefined ? undefined : r.averageAnswerHours * 60),
  },
  ratings: { key: 'ratings', title: '评价数', unit: '件', definition: `${SCOPE}群众提交的评价条数；重办后再次评价另计一条。按部门统计时计入被评价答复的部门。`, value: (r) => r.ratings ?? 0 },
  satisfied: { key: 'satisfied', title: '满意', unit: '件', definition: '评价为“满意”的条数。', value: (r) => r.satisfied ?? 0 },
  basically_satisfied: { key: 'basically_satisfied', title: '基本满意', unit: '件', definition: '评价为“基本满意”的条数。', value: (r) => r.basically_satisfied ?? 0 },
  unsatisfied: { key: 'unsatisfied', title: '不满意', unit: '件', definition: '评价为“不满意”的条数（第一次不满意的案件退回承办部门重办）。', value: (r) => r.unsatisfied ?? 0 },
  satisfactionRate: { key: 'satisfactionRate', title: '满意率', unit: '%', definition: '（满意 + 基本满意）÷ 评价数。没有评价时显示“—”。', value: (r) => r.satisfactionRate },
  overdue: {
    key: 'overdue',
    title: '超期',
    unit: '件',
    definition: `${SCOPE}超过办理时限仍未答复的案件数，在到期时计入当时的承办部门。`,
    value: (r) => r.overdue ?? 0,
  },
  rejected: { key: 'rejected', title: '不予受理', unit: '件', definition: `${SCOPE}受理员决定不予受理的件数。`, value: (r) => r.rejected ?? 0 },
  merged: { key: 'merged', title: '合并', unit: '件', definition: `${SCOPE}作为重复件并入另一案件的件数。`, value: (r) => r.merged ?? 0 },
  withdrawn: { key: 'withdrawn', title: '群众撤回', unit: '件', definition: `${SCOPE}群众在受理前自行撤回的件数（不计入已答复和办结）。`, value: (r) => r.withdrawn ?? 0 },
  closed: { key: 'closed', title: '办结', unit: '件', definition: `${SCOPE}办结的案件数（群众评价后、评价期满或官方办结）。`, value: (r) => r.closed ?? 0 },
  // 协办: an assisting department's parts (the case itself counts for its lead department).
  partsAssigned: { key: 'partsAssigned', title: '协办件', unit: '件', definition: `${SCOPE}本部门被指定为协办部门的件数（案件本身计入主办部门）。`, value: (r) => r.partsAssigned ?? 0 },
  partsSubmitted: { key: 'partsSubmitted', title: '协办已提交', unit: '件', definition: '协办件中本部门已提交协办意见的件数（被退回后重新提交不另计）。', value: (r) => r.partsSubmitted ?? 0 },
  partsOnTime: { key: 'partsOnTime', title: '协办按时提交', unit: '件', definition: '协办已提交的件数中，首次提交在协办期限之内的件数。', value: (r) => r.partsOnTime ?? 0 },
  // 答复结果: one per answer (a case answered again after 不满意 counts each answer), on the answering department.
  resolved: { key: 'resolved', title: '解决', unit: '件', definition: `${SCOPE}答复结果为“解决”的答复数；重办后再次答复另计一次。按部门统计时计入作出答复的部门。`, value: (r) => r.resolved ?? 0 },
  partly_resolved: { key: 'partly_resolved', title: '部分解决', unit: '件', definition: `${SCOPE}答复结果为“部分解决”的答复数；重办后再次答复另计一次。`, value: (r) => r.partly_resolved ?? 0 },
  unresolved: { key: 'unresolved', title: '未解决', unit: '件', definition: `${SCOPE}答复结果为“未解决”的答复数；重办后再次答复另计一次。`, value: (r) => r.unresolved ?? 0 },
  explained: { key: 'explained', title: '解释说明', unit: '件', definition: `${SCOPE}答复结果为“解释说明”的答复数（如政策咨询、无法改变的规定），不计入解决率。`, value: (r) => r.explained ?? 0 },
  resolutionRate: {
    key: 'resolutionRate',
    title: '解决率',
    unit: '%',
    definition: '（解决 + 部分解决 × 0.5）÷（解决 + 部分解决 + 未解决）。解释说明不计入；没有这三类答复时显示“—”。',
    value: (r) => r.resolutionRate,
  },
  amountRecovered: {
    key: 'amountRecovered',
    title: '挽回金额',
    unit: '元',
    definition: `${SCOPE}答复中填报的为群众挽回的金额（还利于民）之和，单位元；重办后再次答复只填新增的金额。`,
    value: (r) => (r.amountRecoveredFen ?? 0) / 100,
  },
};

/** "不到 1 分钟", "35 分钟", "5.2 小时", "3.5 天" from minutes; "—" when there is nothing to average. */
export function formatMinutes(v: number | undefined): string {
  if (v === undefined) return '—';
  const minutes = Math.round(v);
  if (minutes < 1) return '不到 1 分钟';
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = minutes / 60;
  if (hours >= 48) return `${(hours / 24).toFixed(1)} 天`;
  return `${hours.toFixed(1)} 小时`;
}

/** A figure as the page shows it: "12 件" becomes "12", a rate "83.3%", a time "35 分钟"; "—" for nothing. */
export function figureText(key: FigureKey, r: StatsRow): string {
  const f = FIGURES[key];
  const v = f.value(r);
  if (f.unit === '%') return formatPercent(v);
  if (f.unit === 'time') return formatMinutes(v);
  if (f.unit === '元') return formatYuan(Math.round((v ?? 0) * 100));
  return String(v ?? 0);
}

/** The headline cards over the whole service (the 合计 row). */
export const HEADLINE: FigureKey[] = ['filed', 'accepted', 'answered', 'onTimeRate', 'averageAnswer', 'satisfactionRate', 'overdue', 'resolutionRate', 'amountRecovered'];

/** The sections of the page, each a table with its own columns (a department never "receives submissions"). */
export const SECTIONS = {
  series: { title: '按月趋势', first: '月份', caption: '按月数据', columns: ['filed', 'accepted', 'answered', 'onTimeRate', 'averageAnswer', 'ratings', 'satisfactionRate', 'overdue', 'resolutionRate', 'amountRecovered'] },
  byCategory: { title: '按问题类别', first: '类别', caption: '按类别数据', columns: ['filed', 'accepted', 'answered', 'onTimeRate', 'averageAnswer', 'ratings', 'satisfactionRate', 'overdue', 'resolutionRate', 'amountRecovered'] },
  byDepartment: { title: '按承办部门', first: '部门', caption: '按部门数据', columns: ['dispatched', 'answered', 'onTimeRate', 'averageAnswer', 'ratings', 'satisfactionRate', 'overdue', 'partsAssigned', 'partsSubmitted', 'partsOnTime', 'resolved', 'partly_resolved', 'unresolved', 'explained', 'resolutionRate', 'amountRecovered'] },
  byType: { title: '按诉求类型', first: '诉求类型', caption: '按诉求类型数据', columns: ['filed', 'accepted', 'answered', 'onTimeRate', 'averageAnswer', 'ratings', 'satisfactionRate', 'overdue', 'resolutionRate', 'amountRecovered'] },
} as const satisfies Record<string, { title: string; first: string; caption: string; columns: FigureKey[] }>;
export type SectionKey = keyof typeof SECTIONS;

/** The charts and the figures each one draws (the same numbers as the tables beside them). */
export const CHARTS = {
  trend: { title: '按月趋势：收件量、受理量、已答复与按时答复率', figures: ['filed', 'accepted', 'answered', 'onTimeRate'] },
  byCategory: { title: '按问题类别：收件量与受理量', figures: ['filed', 'accepted'] },
  satisfaction: { title: '群众满意度', figures: ['satisfied', 'basically_satisfied', 'unsatisfied'] },
  byDepartment: { title: '按承办部门：交办量、已答复与超期', figures: ['dispatched', 'answered', 'overdue'] },
  answerTime: { title: '按承办部门：平均答复用时', figures: ['averageAnswer'] },
} as const satisfies Record<string, { title: string; figures: FigureKey[] }>;

/** The columns exported to CSV: the full set, each named as on the page; a department's without 收件量/受理量 (counted for the whole service only). */
export const CSV_FIGURES: FigureKey[] = ['filed', 'accepted', 'answered', 'answeredOnTime', 'onTimeRate', 'averageAnswer', 'ratings', 'satisfied', 'basically_satisfied', 'unsatisfied', 'satisfactionRate', 'overdue', 'rejected', 'merged', 'withdrawn', 'closed', 'resolved', 'partly_resolved', 'unresolved', 'explained', 'resolutionRate', 'amountRecovered'];
export const CSV_DEPARTMENT_FIGURES: FigureKey[] = ['dispatched', 'answered', 'answeredOnTime', 'onTimeRate', 'averageAnswer', 'ratings', 'satisfied', 'basically_satisfied', 'unsatisfied', 'satisfactionRate', 'overdue', 'merged', 'closed', 'partsAssigned', 'partsSubmitted', 'partsOnTime', 'resolved', 'partly_resolved', 'unresolved', 'explained', 'resolutionRate', 'amountRecovered'];

export interface DisplayedFigure {
  key: FigureKey;
  title: string;
  definition: string;
  text: string;
}

/** Everything the page displays as numbers: the headline cards, and each section's rows and cells. */
export function displayedFigures(s: ConsoleStatsResponse): {
  headline: DisplayedFigure[];
  sections: Record<SectionKey, { key: string; name: string; cells: DisplayedFigure[] }[]>;
} {
  const cell = (key: FigureKey, r: StatsRow): DisplayedFigure => ({ key, title: FIGURES[key].title, definition: FIGURES[key].definition, text: figureText(key, r) });
  const section = (k: SectionKey) => s[k].map((r) => ({ key: r.key, name: r.name, cells: SECTIONS[k].columns.map((c) => cell(c, r)) }));
  return {
    headline: HEADLINE.map((k) => cell(k, s.totals)),
    sections: { series: section('series'), byCategory: section('byCategory'), byDepartment: section('byDepartment'), byType: section('byType') },
  };
}

/** A number for a chart, in the unit its axis says (minutes or hours for times, chosen by the largest value). */
export function timeAxis(rows: StatsRow[]): { unit: '分钟' | '小时'; value: (r: StatsRow) => number | null } {
  const max = Math.max(0, ...rows.map((r) => FIGURES.averageAnswer.value(r) ?? 0));
  if (max < 120) return { unit: '分钟', value: (r) => FIGURES.averageAnswer.value(r) ?? null };
  return { unit: '小时', value: (r) => { const v = FIGURES.averageAnswer.value(r); return v === undefined ? null : Math.round((v / 60) * 10) / 10; } };
}

export function periodLabel(period: string): string {
  return period === 'ALL' ? '全部时间' : `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
}

/** The same figures as the page's tables, section by section, for the CSV export; the definitions at the end. */
export function statsCsvRows(s: ConsoleStatsResponse, exportedAt = new Date()): Cell[][] {
  const csvTitle = (k: FigureKey) =>
    FIGURES[k].unit === 'time' ? `${FIGURES[k].title}（分钟）` : FIGURES[k].unit === '%' ? `${FIGURES[k].title}(%)` : FIGURES[k].unit === '元' ? `${FIGURES[k].title}（元）` : FIGURES[k].title;
  const header = (first: string, keys: FigureKey[]): Cell[] => [first, ...keys.map(csvTitle)];
  const row = (r: StatsRow, keys: FigureKey[]): Cell[] => [r.name, ...keys.map((k) => FIGURES[k].value(r))];
  const block = (k: SectionKey): Cell[][] => {
    const keys = k === 'byDepartment' ? CSV_DEPARTMENT_FIGURES : CSV_FIGURES;
    return [[SECTIONS[k].title], header(SECTIONS[k].first, keys), ...s[k].map((r) => row(r, keys)), []];
  };
  const all = [...new Set([...CSV_FIGURES, ...CSV_DEPARTMENT_FIGURES])];
  return [
    ['民声 统计报表', `统计期间：${periodLabel(s.period)}`, `导出时间：${exportedAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`],
    [],
    ['合计'],
    header('范围', CSV_FIGURES),
    row(s.totals, CSV_FIGURES),
    [],
    ...block('series'),
    ...block('byCategory'),
    ...block('byDepartment'),
    ...block('byType'),
    ['指标说明'],
    ...all.map((k): Cell[] => [csvTitle(k), FIGURES[k].definition]),
  ];
}
