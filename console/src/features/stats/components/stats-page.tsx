import { DownloadOutlined } from '@ant-design/icons';
import type { ConsoleStatsResponse, StatsRow } from '@minsheng/shared';
import { Button, Card, Col, Empty, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Chart } from '@/components/ui/chart';
import { PageTitle } from '@/components/ui/page-title';
import { Loading, LoadError } from '@/components/ui/query-state';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { downloadCsv } from '@/lib/csv';
import type { EChartsCoreOption } from '@/lib/echarts';
import { useStats } from '../api/get-stats';
import { CHARTS, FIGURES, HEADLINE, SECTIONS, figureText, periodLabel, statsCsvRows, timeAxis, type FigureKey, type SectionKey } from '../figures';
import { FigureName } from './figure-name';

const BLUE = '#0958d9';
const CYAN = '#006d75';
const GREEN = '#237804';
const ORANGE = '#d46b08';
const RED = '#a8071a';

function FiguresTable({ rows, section }: { rows: StatsRow[]; section: SectionKey }) {
  const spec = SECTIONS[section];
  return (
    <ScrollRegion label={spec.caption}>
      <Table<StatsRow>
        size="small"
        rowKey="key"
        className="figures-table"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: '本期间暂无数据' }}
        title={() => <span className="table-caption">{spec.caption}</span>}
        columns={[
          { title: spec.first, dataIndex: 'name', key: 'name', width: 150 },
          ...spec.columns.map((key: FigureKey) => ({
            title: <FigureName figure={key} />,
            key,
            align: 'right' as const,
            render: (_: unknown, r: StatsRow) => figureText(key, r),
          })),
        ]}
      />
    </ScrollRegion>
  );
}

const value = (key: FigureKey) => (r: StatsRow) => FIGURES[key].value(r) ?? null;

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
      { name: FIGURES.filed.title, type: 'bar', data: s.series.map(value('filed')), itemStyle: { color: BLUE } },
      { name: FIGURES.accepted.title, type: 'bar', data: s.series.map(value('accepted')), itemStyle: { color: CYAN } },
      { name: FIGURES.answered.title, type: 'bar', data: s.series.map(value('answered')), itemStyle: { color: GREEN } },
      { name: FIGURES.onTimeRate.title, type: 'line', yAxisIndex: 1, data: s.series.map(value('onTimeRate')), itemStyle: { color: ORANGE }, connectNulls: true },
    ],
  };
  const bars = (rows: StatsRow[], figures: { key: FigureKey; color: string }[], left = 130): EChartsCoreOption => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left, right: 48, top: 36, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true },
    series: figures.map((f) => ({ name: FIGURES[f.key].title, type: 'bar', data: rows.map(value(f.key)), itemStyle: { color: f.color } })),
  });
  const t = s.totals;
  const satisfaction: EChartsCoreOption = {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 条（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        name: '群众评价',
        type: 'pie',
        radius: ['40%', '70%'],
        label: { formatter: '{b}\n{c} 条' },
        data: [
          { name: FIGURES.satisfied.title, value: t.satisfied ?? 0, itemStyle: { color: GREEN } },
          { name: FIGURES.basically_satisfied.title, value: t.basically_satisfied ?? 0, itemStyle: { color: BLUE } },
          { name: FIGURES.unsatisfied.title, value: t.unsatisfied ?? 0, itemStyle: { color: RED } },
        ],
      },
    ],
  };
  const answered = s.byDepartment.filter((r) => FIGURES.averageAnswer.value(r) !== undefined);
  const axis = timeAxis(answered);
  const answerTime: EChartsCoreOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 150, right: 48, top: 24, bottom: 24 },
    xAxis: { type: 'value', name: axis.unit },
    yAxis: { type: 'category', data: answered.map((r) => r.name), inverse: true },
    series: [{ name: `${FIGURES.averageAnswer.title}（${axis.unit}）`, type: 'bar', data: answered.map(axis.value), itemStyle: { color: ORANGE }, label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => figureText('averageAnswer', answered[p.dataIndex]!) } }],
  };
  return {
    trend,
    byCategory: bars(s.byCategory, [
      { key: 'filed', color: BLUE },
      { key: 'accepted', color: CYAN },
    ]),
    byDept: bars(
      s.byDepartment,
      [
        { key: 'dispatched', color: BLUE },
        { key: 'answered', color: GREEN },
        { key: 'overdue', color: RED },
      ],
      150,
    ),
    satisfaction,
    answerTime,
    answerTimeRows: answered,
    answerTimeUnit: axis.unit,
  };
}

const chartTitle = (k: keyof typeof CHARTS) => <h2 className="card-title">{CHARTS[k].title}</h2>;

/** Statistics for intake, supervisors and admins: every figure named truthfully and defined (ⓘ), charts of the same numbers as the tables, and CSV. */
export function StatsPage() {
  const [period, setPeriod] = useState('ALL');
  const [months, setMonths] = useState(12);
  const stats = useStats(period, months);
  const s = stats.data;
  const charts = useMemo(() => (s ? options(s) : undefined), [s]);
  const monthOptions = (s?.series ?? []).map((r) => r.key).reverse();
  const defined = useMemo(() => [...new Set<FigureKey>([...HEADLINE, ...Object.values(SECTIONS).flatMap((x) => x.columns), ...Object.values(CHARTS).flatMap((c) => c.figures)])], []);

  return (
    <>
      <PageTitle
        title="统计分析"
        subtitle="收件、受理、答复、按时答复率、平均答复用时和群众满意度，随每次办理累计。统计数据由后台汇总，可能有数秒延迟。每个数字旁的 ⓘ 说明它统计的是什么。"
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
      {stats.isError ? <LoadError error={stats.error} retry={stats.refetch} /> : null}
      {stats.isPending ? <Loading rows={8} label="统计数据加载中…" /> : null}
      {s && charts ? (
        <>
          <Row gutter={[16, 16]} className="stats-totals">
            {HEADLINE.map((key) => (
              <Col key={key} xs={12} md={8} xl={6} xxl={3}>
                <Card size="small" data-stat={key}>
                  <Statistic
                    title={<span style={{ color: '#434343' }}><FigureName figure={key} /></span>}
                    value={figureText(key, s.totals)}
                    suffix={FIGURES[key].unit === '件' ? '件' : FIGURES[key].unit === '元' ? '元' : key === 'satisfactionRate' && s.totals.ratings ? `（${s.totals.ratings} 条评价）` : ''}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          <Typography.Paragraph className="hint" style={{ marginTop: 8 }}>
            统计期间：{periodLabel(s.period)}。按部门的数字只计该部门自己的案件：交办给它的、它答复的、它被评价的和在它那里超期的。
          </Typography.Paragraph>
          <Row gutter={[16, 16]}>
            <Col xs={24}>
              <Card size="small" title={chartTitle('trend')}>
                <Chart option={charts.trend} label={`最近 ${months} 个月每月的收件量、受理量、已答复量和按时答复率，数据见下表`} testId="chart-trend" />
                <FiguresTable rows={s.series} section="series" />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={chartTitle('byCategory')}>
                {s.byCategory.length ? (
                  <Chart option={charts.byCategory} height={Math.max(220, s.byCategory.length * 36 + 60)} label="各问题类别的收件量和受理量，数据见下表" testId="chart-category" />
                ) : (
                  <Empty description="本期间还没有收件" />
                )}
                <FiguresTable rows={s.byCategory} section="byCategory" />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={chartTitle('satisfaction')}>
                {s.totals.ratings ? (
                  <Chart
                    option={charts.satisfaction}
                    label={`群众评价：满意 ${s.totals.satisfied ?? 0} 条，基本满意 ${s.totals.basically_satisfied ?? 0} 条，不满意 ${s.totals.unsatisfied ?? 0} 条`}
                    testId="chart-satisfaction"
                  />
                ) : (
                  <Empty description="本期间还没有群众评价" />
                )}
                <FiguresTable rows={s.byType} section="byType" />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={chartTitle('byDepartment')}>
                {s.byDepartment.length ? (
                  <Chart option={charts.byDept} height={Math.max(240, s.byDepartment.length * 40 + 60)} label="各承办部门的交办量、已答复量和超期量，数据见下表" testId="chart-department" />
                ) : (
                  <Empty description="本期间还没有交办到部门的案件" />
                )}
                <FiguresTable rows={s.byDepartment} section="byDepartment" />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={chartTitle('answerTime')}>
                {charts.answerTimeRows.length ? (
                  <Chart
                    option={charts.answerTime}
                    height={Math.max(220, charts.answerTimeRows.length * 36 + 48)}
                    label={`各承办部门的平均答复用时（${charts.answerTimeUnit}）：${charts.answerTimeRows.map((r) => `${r.name} ${figureText('averageAnswer', r)}`).join('，')}`}
                    testId="chart-answer-time"
                  />
                ) : (
                  <Empty description="本期间还没有部门作出答复，没有可计算的用时" />
                )}
                <Typography.Paragraph className="hint" style={{ margin: '8px 0 0' }}>
                  {FIGURES.averageAnswer.definition}合计的平均答复用时为 {figureText('averageAnswer', s.totals)}。
                </Typography.Paragraph>
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <ChannelCard s={s} />
            </Col>
            <Col xs={24}>
              <Card size="small" title={<h2 className="card-title">指标说明</h2>}>
                <dl className="figure-definitions" data-testid="figure-definitions">
                  {defined.map((k) => (
                    <div key={k}>
                      <dt>{FIGURES[k].title}</dt>
                      <dd>{FIGURES[k].definition}</dd>
                    </div>
                  ))}
                </dl>
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </>
  );
}

/** 按来源渠道 (小程序、网页、电话、来访、信件、12345 转来) and the return visits' figures (回访评价, 联系不上). */
function ChannelCard({ s }: { s: ConsoleStatsResponse }) {
  const rows = s.byChannel ?? [];
  return (
    <Card size="small" title={<h2 className="card-title">按来源渠道</h2>} data-testid="stats-by-channel">
      <ScrollRegion label="按来源渠道数据">
        <Table<StatsRow>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: '本期间还没有收件' }}
          columns={[
            { title: '来源渠道', dataIndex: 'name', key: 'name' },
            { title: <FigureName figure="filed" />, key: 'filed', render: (_, r) => r.filed ?? 0 },
            { title: <FigureName figure="accepted" />, key: 'accepted', render: (_, r) => r.accepted ?? 0 },
            { title: <FigureName figure="answered" />, key: 'answered', render: (_, r) => r.answered ?? 0 },
            { title: <FigureName figure="satisfactionRate" />, key: 'satisfactionRate', render: (_, r) => (r.satisfactionRate === undefined ? '—' : `${r.satisfactionRate}%`) },
          ]}
        />
      </ScrollRegion>
      <Typography.Paragraph className="hint" style={{ margin: '8px 0 0' }}>
        回访（电话回访未评价的群众）：取得评价 {s.totals.revisitRatings ?? 0} 条（已计入群众评价和满意率），联系不上 {s.totals.revisitUnreachable ?? 0} 次。
      </Typography.Paragraph>
    </Card>
  );
}
