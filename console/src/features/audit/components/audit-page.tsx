import { CASE_STATUS_LABELS, type CaseStatus, type ConsoleEventDto } from '@minsheng/shared';
import { Button, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { PageTitle } from '@/components/ui/page-title';
import { Loading, LoadError } from '@/components/ui/query-state';
import { PlainText } from '@/components/ui/plain-text';
import { actorText, describeForOfficials, eventLabel } from '@/lib/events';
import { formatDateTime } from '@/lib/format';
import { useAudit } from '../api/get-audit';

const status = (s: CaseStatus | undefined) => (s ? CASE_STATUS_LABELS[s] : '—');

/** The audit trail of one case: every event, who (and in which role), the status change, when and from where. */
export function AuditPage() {
  const { caseNo = '' } = useParams<{ caseNo: string }>();
  const navigate = useNavigate();
  const audit = useAudit(caseNo);

  return (
    <>
      <PageTitle
        title={caseNo ? `审计日志 · 案件 ${caseNo}` : '审计日志'}
        subtitle="案件的每一步操作都记录在此且不可修改：谁、以什么角色、何时、从哪里、做了什么，包括查看完整联系方式。"
        extra={caseNo ? <Link to={`/cases/${caseNo}`}>返回案件</Link> : null}
      />
      <Form layout="inline" onFinish={(v: { caseNo: string }) => navigate(`/audit/${v.caseNo.replace(/\s/g, '')}`)} initialValues={{ caseNo }} style={{ marginBottom: 16 }} key={caseNo}>
        <Form.Item label="案件编号" name="caseNo" rules={[{ required: true, pattern: /^\s*\d{8}\s*\d{6}\s*$/, message: '请填写 14 位案件编号' }]}>
          <Input style={{ width: 220 }} inputMode="numeric" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form>
      {!caseNo ? null : audit.isError ? (
        <LoadError error={audit.error} retry={audit.refetch} />
      ) : audit.isPending ? (
        <Loading rows={8} label="审计日志加载中…" />
      ) : (
        <ScrollRegion label={`审计日志 ${caseNo}`}>
          <Table<ConsoleEventDto>
            rowKey={(e) => `${e.at}-${e.kind}-${e.actorId}`}
            dataSource={audit.data?.items ?? []}
            pagination={false}
            size="middle"
            title={() => <span className="table-caption">共 {audit.data?.items.length ?? 0} 条记录，按时间先后排列</span>}
            columns={[
              { title: '时间', key: 'at', width: 160, render: (_, e) => formatDateTime(e.at) },
              {
                title: '事件',
                key: 'kind',
                width: 170,
                render: (_, e) => (
                  <Space size={4} wrap>
                    {eventLabel(e.kind, e.data)}
                    {!e.public ? <Tag style={{ color: '#434343' }}>内部</Tag> : null}
                  </Space>
                ),
              },
              { title: '操作人', key: 'actor', width: 200, render: (_, e) => actorText(e, { login: true }) },
              { title: '状态变化', key: 'status', width: 170, render: (_, e) => (e.fromStatus && e.fromStatus !== e.toStatus ? `${status(e.fromStatus)} → ${status(e.toStatus)}` : status(e.toStatus)) },
              { title: '内容', key: 'text', render: (_, e) => <PlainText text={describeForOfficials(e)} /> },
              {
                title: '来源',
                key: 'client',
                width: 220,
                render: (_, e) =>
                  e.client ? (
                    <Typography.Text style={{ fontSize: 12 }}>
                      {e.client.ip ?? ''}
                      {e.client.userAgent ? ` · ${e.client.userAgent.slice(0, 60)}` : ''}
                    </Typography.Text>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </ScrollRegion>
      )}
    </>
  );
}
