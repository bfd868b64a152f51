import { calendarOverrideInputSchema, type CalendarOverrideInput, type CalendarOverrideDto } from '@minsheng/shared';
import { App, Button, Card, Form, Input, Radio, Table, Tag, Typography } from 'antd';
import { PageTitle } from '@/components/ui/page-title';
import { QueryState } from '@/components/ui/query-state';
import { errorMessage } from '@/lib/api-client';
import { useOfficial } from '@/lib/auth';
import { checkWith, showServerFieldErrors } from '@/lib/form-errors';
import { useDeleteCalendarOverride } from '../api/delete-calendar-override';
import { useCalendar } from '../api/get-calendar';
import { usePutCalendarOverride } from '../api/put-calendar-override';

/** The holiday calendar: the official one (by year) plus local overrides, used when a policy counts working days. */
export function CalendarPage() {
  const official = useOfficial();
  const canEdit = official.role === 'admin';
  const calendar = useCalendar();
  const put = usePutCalendarOverride();
  const del = useDeleteCalendarOverride();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ date: string; work: boolean; note?: string }>();

  const add = async () => {
    const v = form.getFieldsValue(true) as { date?: string; work?: boolean; note?: string };
    const value = checkWith<CalendarOverrideInput>(calendarOverrideInputSchema, { date: (v.date ?? '').trim(), work: v.work, ...(v.note?.trim() ? { note: v.note.trim() } : {}) }, form);
    if (!value) return;
    try {
      await put.mutateAsync(value);
      message.success(`已设置 ${value.date} 为${value.work ? '工作日' : '休息日'}`);
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
      <PageTitle title="节假日" subtitle="按工作日计时的规则使用国家法定节假日和调休安排；地方性假日或尚未公布的年份可在此调整。" />
      <QueryState query={calendar}>
        {(cal) => (
          <>
            <Typography.Paragraph>
              已内置官方节假日安排的年份：{cal.knownYears.length ? cal.knownYears.map((y) => `${y} 年`).join('、') : '无'}。
            </Typography.Paragraph>
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
              locale={{ emptyText: '没有调整，全部按官方安排' }}
              title={() => <span className="table-caption">本地调整：{cal.overrides.length} 天</span>}
              columns={[
                { title: '日期', dataIndex: 'date', key: 'date', width: 140 },
                { title: '当天', key: 'work', width: 100, render: (_, o) => (o.work ? <Tag style={{ color: '#0958d9' }}>上班</Tag> : <Tag style={{ color: '#a8071a' }}>休息</Tag>) },
                { title: '说明', dataIndex: 'note', key: 'note' },
                ...(canEdit
                  ? [{ title: '操作', key: 'ops', width: 90, render: (_: unknown, o: CalendarOverrideDto) => <Button type="link" danger onClick={() => remove(o)} aria-label={`删除 ${o.date} 的调整`}>删除</Button> }]
                  : []),
              ]}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
