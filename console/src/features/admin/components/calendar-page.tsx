import {
  CASE_TYPE_LABELS,
  SCHEDULE_SOURCE_LABELS,
  calendarOverrideInputSchema,
  scheduleOverrides,
  type BeyondHorizonCaseDto,
  type CalendarChangeDto,
  type CalendarOverrideInput,
  type CalendarOverrideDto,
  type CalendarResponse,
  type RetimeJobDto,
} from '@minsheng/shared';
import { Alert, App, Button, Card, Form, Input, Radio, Table, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { PageTitle } from '@/components/ui/page-title';
import { QueryState } from '@/components/ui/query-state';
import { errorMessage } from '@/lib/api-client';
import { useOfficial } from '@/lib/auth';
import { formatDate, formatDateTime } from '@/lib/format';
import { checkWith, showServerFieldErrors } from '@/lib/form-errors';
import { useDeleteCalendarOverride } from '../api/delete-calendar-override';
import { calendarKey, useCalendar } from '../api/get-calendar';
import { useRetimeJobs } from '../api/get-retime-jobs';
import { usePutCalendarOverride } from '../api/put-calendar-override';
import { horizonNotice, retimeActive, retimeView, yearsText } from '../calendar-horizon';
import { ScheduleTable } from './schedule-table';
import { YearScheduleCard } from './year-schedule-card';

/** Which years the calendar knows, and the open working-day cases whose deadlines lie beyond (with the list). */
function HorizonCard({ cal, canOpenCases }: { cal: CalendarResponse; canOpenCases: boolean }) {
  const notice = horizonNotice(cal, new Date());
  const { count, complete, items } = cal.casesBeyondHorizon;
  const unknown = new Set(cal.unknownYearsAhead);
  const dateCell = (iso: string) => {
    const year = Number(formatDate(iso).slice(0, 4));
    return (
      <>
        {formatDate(iso)}
        {unknown.has(year) ? (
          <Tag className="tag-unknown-year" style={{ marginLeft: 6 }}>
            {year} 年未录入
          </Tag>
        ) : null}
      </>
    );
  };
  return (
    <Card size="small" title={<h2 className="card-title">日历覆盖的年份</h2>} style={{ marginBottom: 16 }}>
      <Typography.Paragraph style={{ marginBottom: 4 }}>已内置官方节假日安排的年份：{yearsText(cal.knownYears)}（chinese-days 数据）。</Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 12 }}>
        管理员录入的年份：
        {cal.schedules.length ? cal.schedules.map((s) => `${s.year} 年（${s.enteredByName} ${formatDateTime(s.enteredAt)} 录入）`).join('、') : '无'}。
      </Typography.Paragraph>
      {notice ? (
        <Alert type={notice.level} showIcon style={{ marginBottom: 12 }} title={notice.title} description={notice.description} />
      ) : cal.unknownYearsAhead.length ? (
        <Typography.Paragraph className="hint">
          {cal.unknownYearsAhead.map((y) => `${y} 年`).join('、')}的安排尚未录入，目前没有按工作日计时的办理中案件期限落在其中。
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph className="hint">今明两年的节假日安排都已掌握。</Typography.Paragraph>
      )}
      {count > 0 ? (
        <div id="beyond-horizon" tabIndex={-1}>
          <Table<BeyondHorizonCaseDto>
            rowKey="caseNo"
            size="small"
            dataSource={items}
            pagination={false}
            title={() => (
              <span className="table-caption">
                期限落在未录入年份的办理中案件：{complete ? '' : '至少 '}
                {count} 件{items.length < count ? `（列出最早到期的 ${items.length} 件）` : ''}
              </span>
            )}
            columns={[
              {
                title: '案件编号',
                key: 'caseNo',
                render: (_, c) => (canOpenCases ? <Link to={`/cases/${c.caseNo}`}>{c.caseNo}</Link> : <span className="case-no-plain">{c.caseNo}</span>),
              },
              { title: '类型', key: 'type', render: (_, c) => CASE_TYPE_LABELS[c.type] },
              { title: '预警', key: 'warn', render: (_, c) => dateCell(c.warnAt) },
              { title: '答复期限', key: 'due', render: (_, c) => dateCell(c.dueAt) },
              { title: '严重超期', key: 'severe', render: (_, c) => dateCell(c.severeAt) },
            ]}
          />
          <Typography.Paragraph className="hint" style={{ marginTop: 8 }}>
            以上日期按周一至周五暂算；等待群众补充材料（已暂停计时）的案件不在此列，恢复计时时按当时的日历重新计算。
          </Typography.Paragraph>
        </div>
      ) : null}
    </Card>
  );
}

/**
 * The newest re-timing job: each calendar change re-times the open working-day cases in the
 * background; while it runs the page re-reads every ~2 s and the bar shows how far it is.
 */
function RetimeCard({ job }: { job: RetimeJobDto }) {
  const view = retimeView(job, formatDateTime);
  return (
    <Card size="small" title={<h2 className="card-title">重新计算办理时限</h2>} style={{ marginBottom: 16 }}>
      {view.progress ? (
        // Not a live region: read out every 2 s it would drown the page; the outcome below is one.
        <>
          <progress className="retime-progress" max={view.progress.max || 1} value={view.progress.value} aria-label={view.text} style={{ width: '100%', height: 12 }} />
          <Typography.Paragraph style={{ margin: '4px 0' }}>{view.text}</Typography.Paragraph>
        </>
      ) : (
        <div role="status">
          <Alert type={view.level} showIcon title={view.text} style={{ marginBottom: 4 }} />
        </div>
      )}
      <Typography.Paragraph className="hint" style={{ marginBottom: 0 }}>
        {view.detail}
      </Typography.Paragraph>
    </Card>
  );
}

/** The holiday calendar: the official one (by year), years entered by admins, local overrides, and the change log. */
export function CalendarPage() {
  const official = useOfficial();
  const canEdit = official.role === 'admin';
  const calendar = useCalendar();
  // The progress bar polls the jobs alone (cheap); when the newest job finishes, the calendar is
  // read again (its horizon list follows the re-timed deadlines).
  const jobs = useRetimeJobs();
  const qc = useQueryClient();
  const wasActive = useRef(false);
  const active = retimeActive(jobs.data?.items);
  useEffect(() => {
    if (wasActive.current && !active) void qc.invalidateQueries({ queryKey: calendarKey, exact: true });
    wasActive.current = active;
  }, [active, qc]);
  const put = usePutCalendarOverride();
  const del = useDeleteCalendarOverride();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ date: string; work: boolean; note?: string }>();
  const location = useLocation();

  // The shell's notice links here: bring the list into view once it is there.
  useEffect(() => {
    if (location.hash !== '#beyond-horizon' || !calendar.data) return;
    const list = document.getElementById('beyond-horizon');
    list?.scrollIntoView({ block: 'start' });
    list?.focus({ preventScroll: true });
  }, [location.hash, calendar.data]);

  const add = async () => {
    const v = form.getFieldsValue(true) as { date?: string; work?: boolean; note?: string };
    const value = checkWith<CalendarOverrideInput>(calendarOverrideInputSchema, { date: (v.date ?? '').trim(), work: v.work, ...(v.note?.trim() ? { note: v.note.trim() } : {}) }, form);
    if (!value) return;
    try {
      await put.mutateAsync(value);
      message.success(`已设置 ${value.date} 为${value.work ? '工作日' : '休息日'}；在办诉求的办理时限正在后台重新计算`);
      form.resetFields();
    } catch (e) {
      if (!showServerFieldErrors(e, form)) message.error(errorMessage(e));
    }
  };

  const remove = (o: CalendarOverrideDto) =>
    modal.confirm({
      title: `删除 ${o.date} 的调整？`,
      content: '删除后该日按官方节假日安排计算。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await del.mutateAsync(o.date);
          message.success('已删除');
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  return (
    <>
      <PageTitle title="节假日" subtitle="按工作日计时的规则使用国家法定节假日和调休安排；尚未内置的年份由管理员录入国务院办公厅的通知，地方性假日可逐日调整。" />
      <QueryState query={calendar}>
        {(cal) => {
          // Dates an entered year lists: there the year's schedule wins over a single-day override.
          const scheduled = new Map(cal.schedules.flatMap((s) => scheduleOverrides(s).map((o) => [o.date, s.year] as const)));
          return (
            <>
              {(jobs.data?.items ?? cal.retimeJobs)[0] ? <RetimeCard job={(jobs.data?.items ?? cal.retimeJobs)[0]!} /> : null}
              <HorizonCard cal={cal} canOpenCases={official.role === 'supervisor'} />
              {canEdit ? <YearScheduleCard calendar={cal} username={official.username} /> : null}
              {cal.schedules.map((s) => (
                <Card key={s.year} size="small" title={<h2 className="card-title">{s.year} 年（管理员录入）</h2>} style={{ marginBottom: 16 }}>
                  <Typography.Paragraph className="hint">
                    {SCHEDULE_SOURCE_LABELS[s.source]} · {s.enteredByName}（{s.enteredBy}）于 {formatDateTime(s.enteredAt)} 录入
                  </Typography.Paragraph>
                  <ScheduleTable year={s.year} holidays={s.holidays} caption={`${s.year} 年各节日的放假和调休上班安排`} />
                </Card>
              ))}
              {canEdit ? (
                <Card size="small" title={<h2 className="card-title">新增调整</h2>} style={{ marginBottom: 16 }}>
                  <Form form={form} layout="inline" initialValues={{ work: false }} onFinish={() => void add()}>
                    <Form.Item name="date" label="日期" rules={[{ required: true, message: '请填写日期' }]}>
                      <Input placeholder="YYYY-MM-DD" style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name="work" label="当天">
                      <Radio.Group options={[{ value: false, label: '休息' }, { value: true, label: '上班' }]} />
                    </Form.Item>
                    <Form.Item name="note" label="说明">
                      <Input maxLength={50} style={{ width: 200 }} />
                    </Form.Item>
                    <Button type="primary" htmlType="submit" loading={put.isPending}>
                      保存
                    </Button>
                  </Form>
                </Card>
              ) : null}
              <Table<CalendarOverrideDto>
                rowKey="date"
                dataSource={cal.overrides}
                pagination={false}
                style={{ marginBottom: 16 }}
                locale={{ emptyText: '没有调整，全部按官方安排' }}
                title={() => <span className="table-caption">本地调整：{cal.overrides.length} 天</span>}
                columns={[
                  { title: '日期', dataIndex: 'date', key: 'date', width: 140 },
                  { title: '当天', key: 'work', width: 100, render: (_, o) => (o.work ? <Tag style={{ color: '#0958d9' }}>上班</Tag> : <Tag style={{ color: '#a8071a' }}>休息</Tag>) },
                  {
                    title: '说明',
                    key: 'note',
                    render: (_, o) => (
                      <>
                        {o.note}
                        {scheduled.has(o.date) ? <span className="hint">{o.note ? '；' : ''}该日以录入的 {scheduled.get(o.date)} 年安排为准</span> : null}
                      </>
                    ),
                  },
                  ...(canEdit
                    ? [{ title: '操作', key: 'ops', width: 90, render: (_: unknown, o: CalendarOverrideDto) => <Button type="link" danger onClick={() => remove(o)} aria-label={`删除 ${o.date} 的调整`}>删除</Button> }]
                    : []),
                ]}
              />
              <Table<CalendarChangeDto>
                rowKey={(c) => `${c.at}-${c.summary}`}
                dataSource={cal.changes}
                pagination={false}
                size="small"
                locale={{ emptyText: '还没有人修改过节假日日历' }}
                title={() => <span className="table-caption">变更记录（最近 {cal.changes.length} 条）</span>}
                columns={[
                  { title: '时间', key: 'at', width: 170, render: (_, c) => formatDateTime(c.at) },
                  { title: '操作人', key: 'by', width: 200, render: (_, c) => `${c.byName}（${c.by}）` },
                  { title: '内容', dataIndex: 'summary', key: 'summary' },
                ]}
              />
            </>
          );
        }}
      </QueryState>
    </>
  );
}
