import { ASSESSMENT_RATE_LABELS, ASSESSMENT_RATES, toShanghaiDate, type AssessmentResponse, type RankingEntry } from '@minsheng/shared';
import { App, Button, Card, Empty, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { PageTitle } from '@/components/ui/page-title';
import { Loading, LoadError } from '@/components/ui/query-state';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { errorMessage } from '@/lib/api-client';
import { useOfficial } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { endedMonths } from '@/lib/months';
import { useAssessment, useAssessmentExemptions, usePublishAssessment } from '../api/assessment';
import { countsSpoken, countsText, isEmptyMonth, monthLabel, previousText, publishState, rankChangeText, rateDefinitions, rateText, scoreChangeText, scoreText, weightsText, type Level } from '../figures';
import { RateName } from './rate-name';

const LEVELS: { level: Level; key: 'departments' | 'units'; caption: string; first: string }[] = [
  { level: 'department', key: 'departments', caption: '部门排名', first: '部门' },
  { level: 'unit', key: 'units', caption: '下级单位排名', first: '单位' },
];

/** The months offered: this month (in progress) and the 23 before it, newest first; the default is last month. */
function monthOptions(now: Date) {
  const ended = endedMonths(now, 23);
  return { months: [toShanghaiDate(now).slice(0, 7), ...ended], defaultMonth: ended[0]! };
}

function RankingTable({ rows, level, data }: { rows: RankingEntry[]; level: (typeof LEVELS)[number]; data: AssessmentResponse }) {
  const defs = rateDefinitions(level.level, data.responseHours);
  return (
    <ScrollRegion label={level.caption}>
      <Table<RankingEntry>
        size="small"
        rowKey="key"
        className="figures-table assessment-table"
        data-testid={`assessment-${level.key}`}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: level.level === 'department' ? '没有参加考核的部门' : '没有下级单位' }}
        title={() => <h2 className="table-caption" style={{ fontSize: 16, margin: 0 }}>{level.caption}</h2>}
        columns={[
          { title: '排名', key: 'rank', width: 64, render: (_, r) => (r.rank === undefined ? <span title="无可计算的数据">—</span> : r.rank) },
          { title: level.first, dataIndex: 'name', key: 'name', width: 150 },
          { title: '综合得分', key: 'score', align: 'right', render: (_, r) => <strong>{scoreText(r.score)}</strong> },
          ...ASSESSMENT_RATES.map((rate) => ({
            title: <RateName title={ASSESSMENT_RATE_LABELS[rate]} definition={defs[rate]} />,
            key: rate,
            align: 'right' as const,
            render: (_: unknown, r: RankingEntry) => (
              <span className="assessment-rate" data-rate={rate}>
                <span className="assessment-rate__value">{rateText(r.rates[rate])}</span>
                <span className="assessment-rate__counts" aria-hidden="true">
                  {countsText(r, rate, level.level)}
                </span>
                <span className="sr-only">（{countsSpoken(r, rate, level.level)}）</span>
              </span>
            ),
          })),
          {
            title: '环比',
            key: 'change',
            render: (_, r) => {
              const rank = rankChangeText(r);
              const score = scoreChangeText(r.scoreChange);
              return (
                <span className="assessment-change" data-testid="rank-change">
                  {rank ? (
                    <span className={`assessment-change__rank assessment-change--${rank.trend}`}>
                      <span aria-hidden="true">{rank.shown}</span>
                      <span className="sr-only">{rank.spoken}</span>
                    </span>
                  ) : (
                    '—'
                  )}
                  {score ? <span className="assessment-change__score">得分 {score}</span> : null}
                  <span className="assessment-change__previous">{previousText(r)}</span>
                </span>
              );
            },
          },
          { title: '免考核', key: 'exempted', align: 'right', render: (_, r) => `${r.counts.exempted ?? 0} 件` },
        ]}
      />
    </ScrollRegion>
  );
}

function Exemptions({ month, count }: { month: string; count: number }) {
  const [open, setOpen] = useState(false);
  const official = useOfficial();
  const list = useAssessmentExemptions(month, open);
  // Admins do not open case pages (the route is for intake, handlers and supervisors).
  const canOpenCase = official.role !== 'admin';
  return (
    <Card size="small" title={<h2 className="card-title">免于考核的案件（{count} 件）</h2>} data-testid="assessment-exemptions" style={{ marginTop: 16 }}>
      <Typography.Paragraph className="hint">监督员认定为不合理诉求、免于考核的案件不计入上表的任何一项，仍计入统计分析的其他数字。</Typography.Paragraph>
      {count === 0 ? (
        <Typography.Text>本月没有免于考核的案件。</Typography.Text>
      ) : !open ? (
        <Button onClick={() => setOpen(true)} aria-expanded={false}>
          查看免考核案件
        </Button>
      ) : list.isError ? (
        <LoadError error={list.error} retry={list.refetch} />
      ) : list.isPending ? (
        <Loading rows={2} />
      ) : (
        <ScrollRegion label="免于考核的案件">
          <Table
            size="small"
            rowKey="caseNo"
            pagination={false}
            dataSource={list.data.items}
            locale={{ emptyText: '本月没有免于考核的案件' }}
            columns={[
              { title: '案件编号', dataIndex: 'caseNo', key: 'caseNo', render: (caseNo: string) => (canOpenCase ? <Link to={`/cases/${caseNo}`}>{caseNo}</Link> : caseNo) },
              { title: '部门 / 单位', key: 'where', render: (_, r) => [r.departmentName, r.unitName].filter(Boolean).join(' · ') || '—' },
              { title: '免考核理由', dataIndex: 'reason', key: 'reason' },
              { title: '认定人', dataIndex: 'by', key: 'by' },
              { title: '认定时间', dataIndex: 'at', key: 'at', render: (at: string) => formatDateTime(at) },
            ]}
          />
        </ScrollRegion>
      )}
    </Card>
  );
}

function PublishButton({ data }: { data: AssessmentResponse }) {
  const official = useOfficial();
  const { modal, message } = App.useApp();
  const publish = usePublishAssessment();
  const state = publishState(official, data);
  if (!state.offered) return null;
  const confirm = () =>
    modal.confirm({
      title: `发布${monthLabel(data.month)}考核排名？`,
      content: `发布后，全市${monthLabel(data.month)}各部门、各单位的得分、名次和各项比率将在小程序“部门排行”中向公众公开（不含任何案件内容），发布后不能在此撤回。`,
      okText: '确认发布',
      cancelText: '取消',
      onOk: async () => {
        try {
          await publish.mutateAsync(data.month);
          void message.success(`${monthLabel(data.month)}考核排名已发布`);
        } catch (error) {
          void message.error(errorMessage(error));
        }
      },
    });
  const reasonId = 'assessment-publish-reason';
  return (
    <Space orientation="vertical" size={2} align="end">
      <Button type="primary" disabled={Boolean(state.disabledReason)} loading={publish.isPending} onClick={confirm} aria-describedby={state.disabledReason ? reasonId : undefined}>
        发布排名
      </Button>
      {state.disabledReason && !data.published ? (
        <Typography.Text className="hint" id={reasonId}>
          {state.disabledReason}
        </Typography.Text>
      ) : null}
      {data.published ? (
        <Typography.Text className="hint" id={reasonId} data-testid="assessment-published">
          已于 {formatDateTime(data.published.at)} 发布（{data.published.by}）
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/** 考核排名: the month's ranking of the viewer's departments and child units, every rate with its counts and definition, 环比, the exemptions; a root supervisor publishes an ended month. */
export function AssessmentPage() {
  const { months, defaultMonth } = useMemo(() => monthOptions(new Date()), []);
  const [month, setMonth] = useState(defaultMonth);
  const query = useAssessment(month);
  const data = query.data;
  const levels = data ? LEVELS.map((l) => ({ ...l, defs: rateDefinitions(l.level, data.responseHours) })) : [];

  return (
    <>
      <PageTitle
        title="考核排名"
        subtitle="各部门和下级单位每月的响应率、按时办结率、解决率、满意率、回退率和重办率，及按权重计算的综合得分。考核数据由后台随每次办理汇总，可能有数秒延迟。每项比率下方是计算它的件数，ⓘ 说明它统计的是什么。"
        extra={data ? <PublishButton data={data} /> : null}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="assessment-month">考核月份</label>
        <Select
          id="assessment-month"
          style={{ width: 180 }}
          value={month}
          onChange={setMonth}
          options={months.map((m) => ({ value: m, label: m === months[0] ? `${monthLabel(m)}（本月，进行中）` : monthLabel(m) }))}
        />
      </Space>
      {query.isError ? <LoadError error={query.error} retry={query.refetch} /> : null}
      {!query.isError && !data ? <Loading rows={8} label="考核数据加载中…" /> : null}
      {data && !query.isError ? (
        isEmptyMonth(data) ? (
          <Empty description="本月暂无考核数据" />
        ) : (
          <>
            <Typography.Paragraph className="hint" data-testid="assessment-scope">
              {data.unitName}，{monthLabel(data.month)}{data.ended ? '' : '（本月尚未结束，数字仍在变化）'}；环比对照 {monthLabel(data.previousMonth)}。名次相同表示得分相同。
            </Typography.Paragraph>
            {LEVELS.map((l) => (
              <Card key={l.key} size="small" style={{ marginBottom: 16 }}>
                <RankingTable rows={data[l.key]} level={l} data={data} />
              </Card>
            ))}
            <Card size="small" title={<h2 className="card-title">得分与权重</h2>} data-testid="assessment-weights">
              <Typography.Paragraph style={{ marginBottom: 4 }}>{weightsText(data.weights)}</Typography.Paragraph>
              <Typography.Paragraph className="hint" style={{ margin: 0 }}>
                权重来源：{data.weightsSource}。响应时限：{data.responseHours} 小时。
              </Typography.Paragraph>
            </Card>
            <Exemptions month={data.month} count={data.exempted} />
            <Card size="small" title={<h2 className="card-title">指标说明</h2>} style={{ marginTop: 16 }}>
              <dl className="figure-definitions" data-testid="assessment-definitions">
                {ASSESSMENT_RATES.map((rate) => {
                  const [dept, unit] = levels.map((l) => l.defs[rate]);
                  return (
                    <div key={rate}>
                      <dt>{ASSESSMENT_RATE_LABELS[rate]}</dt>
                      <dd>{dept === unit ? dept : `部门：${dept} 下级单位：${unit}`}</dd>
                    </div>
                  );
                })}
              </dl>
            </Card>
          </>
        )
      ) : null}
    </>
  );
}
