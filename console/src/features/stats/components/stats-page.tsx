import { DownloadOutlined } from '@ant-design/icons';
import type { ConsoleStatsResponse, StatsRow } from '@minsheng/shared';
import { Alert, Button, Card, Col, Empty, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Chart } from '@/components/ui/chart';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { PageTitle } from '@/components/ui/page-title';
import { errorMessage } from '@/lib/api-client';
import { downloadCsv } from '@/lib/csv';
import type { EChartsCoreOption } from '@/lib/echarts';
import { formatHours, formatPercent } from '@/lib/format';
import { useStats } from '../api/get-stats';
import { FIGURE_COLUMNS, periodLabel, statsCsvRows } from '../figures';

const BLUE = '#0958d9';
const GREEN = '#237804';
const ORANGE = '#d46b08';
const RED = '#a8071a';

function FiguresTable({ rows, first, caption }: { rows: StatsRow[]; first: string; caption: string }) {
  const keys = ['filed', 'answered', 'onTimeRate', 'averageAnswerHours', 'ratings', 'satisfactionRate', 'overdue'];
  return (
    <ScrollRegion label={caption}>
      <Table<StatsRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: '暂无数据' }}
        title={() => <span className="table-caption">{caption}</span>}
        columns={[
          { title: first, dataIndex: 'name', key: 'name', width: 150 },
          ...FIGURE_COLUMNS.filter((c) => keys.includes(c.key)).map((c) => ({
            title: c.title,
            key: c.key,
            align: 'right' as const,
            render: (_: unknown, r: StatsRow) => {
              const v = c.value(r);
              return v === undefined ? '—' : c.key.endsWith('Rate') ? formatPercent(v) : v;
            },
          })),
        ]}
      />
    </ScrollRegion>
  );
}

function options(s: ConsoleStatsResponse) {
  const months = s.series.map((r) => r.key);
  const trend: EChartsCoreOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: months },
    yAxis: [
      { type: 'value', name: '件', minInterval: 1 },
      { type: 'value', name: '按时率 %', min: 0, max: 100 },
    ],
    series: [
      { name: '受理量', type: 'bar', data: s.series.map((r) => r.filed ?? 0), itemStyle: { color: BLUE } },
      { name: '已答复', type: 'bar', data: s.series.map((r) => r.answered ?? 0), itemStyle: { color: GREEN } },
      { name: '按时答复率', type: 'line', yAxisIndex: 1, data: s.series.map((r) => r.onTimeRate ?? null), itemStyle: { color: ORANGE }, connectNulls: true },
    ],
  };
  const bar = (rows: StatsRow[], name: string, metric: (r: StatsRow) => number, color: string): EChartsCoreOption => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 130, right: 24, top: 16, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true },
    series: [{ name, type: 'bar', data: rows.map(metric), itemStyle: { color } }],
  });
  const byDept: EChartsCoreOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 150, right: 48, top: 36, bottom: 24 },
    xAxis: [{ type: 'value', minInterval: 1 }],
    yAxis: { type: 'category', data: s.byDepartment.map((r) => r.name), inverse: true },
    series: [
      { name: '交办', type: 'bar', data: s.byDepartment.map((r) => r.dispatched ?? 0), itemStyle: { color: BLUE } },
      { name: '已答复', type: 'bar', data: s.byDepartment.map((r) => r.answered ?? 0), itemStyle: { color: GREEN } },
      { name: '超期', type: 'bar', data: s.byDepartment.map((r) => r.overdue ?? 0), itemStyle: { color: RED } },
    ],
  };
  const t = s.totals;
  const satisfaction: EChartsCoreOption = {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        name: '群众评价',
        type: 'pie',
        radius: ['40%', '70%'],
        label: { formatter: '{b}\n{c} 件' },
        data: [
          { name: '满意', value: t.satisfied ?? 0, itemStyle: { color: GREEN } },
          { name: '基本满意', value: t.basically_satisfied ?? 0, itemStyle: { color: BLUE } },
          { name: '不满意', value: t.unsatisfied ?? 0, itemStyle: { color: RED } },
        ],
      },
    ],
  };
  const answerTime = bar(
    s.byDepartment.filter((r) => r.averageAnswerHours !== undefined),
    '平均答复用时（小时）',
    (r) => r.averageAnswerHours ?? 0,
    ORANGE,
  );
  return { trend, byCategory: bar(s.byCategory, '受理量', (r) => r.filed ?? 0, BLUE), byDept, satisfaction, answerTime };
}

/** Statistics for intake, supervisors and admins: charts of the counters, and the same figures as tables and CSV. */
export function StatsPage() {
  const [period, setPeriod] = useState('ALL');
  const [months, setMonths] = useState(12);
  const stats = useStats(period, months);
  const s = stats.data;
  const charts = useMemo(() => (s ? options(s) : undefined), [s]);
  const monthOptions = (s?.series ?? []).map((r) => r.key).reverse();

  return (
    <>
      <PageTitle
        title="统计分析"
        subtitle="受理量、按时答复率、平均答复用时和群众满意度。数据随每次办理实时累计。"
        extra={
          <Button icon={<DownloadOutlined aria-hidden />} disabled={!s} onClick={() => s && downloadCsv(`民声统计-${s.period}.csv`, statsCsvRows(s))}>
            导出 CSV
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="stats-period">统计期间</label>
        <Select id="stats-period" style={{ width: 160 }} value={period} onChange={setPeriod} options={[{ value: 'ALL', label: '全部时间' }, ...monthOptions.map((m) => ({ value: m, label: periodLabel(m) }))]} />
        <label htmlFor="stats-months">趋势范围</label>
        <Select id="stats-months" style={{ width: 140 }} value={months} onChange={setMonths} options={[6, 12, 24, 36].map((n) => ({ value: n, label: `最近 ${n} 个月` }))} />
      </Space>
      {stats.isError ? <Alert type="error" showIcon title="加载失败" description={errorMessage(stats.error)} /> : null}
      {s && charts ? (
        <>
          <Row gutter={[16, 16]} className="stats-totals">
            {[
              { key: 'filed', title: '受理量', value: String(s.totals.filed ?? 0), suffix: '件' },
              { key: 'answered', title: '已答复', value: String(s.totals.answered ?? 0), suffix: '件' },
              { key: 'onTime', title: '按时答复率', value: formatPercent(s.totals.onTimeRate) },
              { key: 'avg', title: '平均答复用时', value: formatHours(s.totals.averageAnswerHours) },
              { key: 'satisfaction', title: '满意率', value: formatPercent(s.totals.satisfactionRate), suffix: s.totals.ratings ? `（${s.totals.ratings} 条评价）` : '' },
              { key: 'overdue', title: '超期', value: String(s.totals.overdue ?? 0), suffix: '件' },
            ].map((k) => (
              <Col key={k.key} xs={12} md={8} xl={4}>
                <Card size="small" data-stat={k.key}>
                  <Statistic title={<span style={{ color: '#434343' }}>{k.title}</span>} value={k.value} suffix={k.suffix} />
                </Card>
              </Col>
            ))}
          </Row>
          <Typography.Paragraph className="hint" style={{ marginTop: 8 }}>
            统计期间：{periodLabel(s.period)}。按时答复率 = 首次答复在期限内的件数 ÷ 已答复件数；满意率 =（满意 + 基本满意）÷ 评价数。
          </Typography.Paragraph>
          <Row gutter={[16, 16]}>
            <Col xs={24}>
              <Card size="small" title={<h2 className="card-title">按月趋势：受理量、答复量与按时答复率</h2>}>
                <Chart option={charts.trend} label={`最近 ${months} 个月每月受理量、已答复量和按时答复率，数据见下表`} testId="chart-trend" />
                <FiguresTable rows={s.series} first="月份" caption="按月数据" />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={<h2 className="card-title">按问题类别：受理量</h2>}>
                <Chart option={charts.byCategory} height={Math.max(220, s.byCategory.length * 28 + 40)} label="各问题类别的受理量，数据见下表" testId="chart-category" />
                <FiguresTable rows={s.byCategory} first="类别" caption="按类别数据" />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={<h2 className="card-title">群众满意度</h2>}>
                {s.totals.ratings ? (
                  <Chart option={charts.satisfaction} label={`群众评价：满意 ${s.totals.satisfied ?? 0} 件，基本满意 ${s.totals.basically_satisfied ?? 0} 件，不满意 ${s.totals.unsatisfied ?? 0} 件`} testId="chart-satisfaction" />
                ) : (
                  <Empty description="本期间还没有群众评价" />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={<h2 className="card-title">按承办部门：交办、答复与超期</h2>}>
                {s.byDepartment.length ? (
                  <Chart option={charts.byDept} height={Math.max(240, s.byDepartment.length * 40 + 60)} label="各承办部门的交办量、已答复量和超期量，数据见下表" testId="chart-department" />
                ) : (
                  <Empty description="本期间还没有交办到部门的案件" />
                )}
                <FiguresTable rows={s.byDepartment} first="部门" caption="按部门数据" />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={<h2 className="card-title">按承办部门：平均答复用时</h2>}>
                {s.byDepartment.some((r) => r.averageAnswerHours !== undefined) ? (
                  <Chart option={charts.answerTime} height={Math.max(220, s.byDepartment.length * 28 + 40)} label="各承办部门的平均答复用时（小时），数据见部门表" testId="chart-answer-time" />
                ) : (
                  <Empty description="本期间还没有答复" />
                )}
                <FiguresTable rows={s.byType} first="诉求类型" caption="按诉求类型数据" />
              </Card>
            </Col>
          </Row>
        </>
      ) : !stats.isError ? (
        <Card loading />
      ) : null}
    </>
  );
}
