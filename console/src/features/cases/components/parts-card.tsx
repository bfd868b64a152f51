import type { ConsoleCaseDto } from '@minsheng/shared';
import { Alert, Card, Descriptions, Tag, Typography } from 'antd';
import { PlainText } from '@/components/ui/plain-text';
import { formatDateTime } from '@/lib/format';

const STATUS_COLOR: Record<string, string> = { pending: '#614700', submitted: '#135200', returned: '#a8071a', closed: '#595959' };

/**
 * 协办: each assisting department's part (department, due date, status, its text). The lead sees
 * them all; an assisting department sees its own part and what it is asked to do.
 */
export function PartsCard({ c }: { c: ConsoleCaseDto }) {
  const parts = c.parts ?? [];
  if (!parts.length) return null;
  return (
    <Card size="small" title={<h2 className="card-title">{c.assistingViewer ? '本部门协办' : '协办部门'}</h2>} className="case-parts">
      {c.assistingViewer ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`本案由「${c.departmentName ?? ''}」主办，本部门协办`}
          description="请在协办期限内用“提交协办意见”提交。主办部门汇总后统一答复群众，群众看不到协办意见。"
        />
      ) : null}
      {parts.map((p) => (
        <div key={p.departmentId} className="case-part" data-department={p.departmentId} style={{ marginBottom: 12 }}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'dept', label: '协办部门', children: p.departmentName },
              { key: 'due', label: '协办期限', children: formatDateTime(p.dueAt) },
              {
                key: 'status',
                label: '状态',
                children: (
                  <>
                    <Tag style={{ color: STATUS_COLOR[p.status] }}>{p.statusLabel}</Tag>
                    {p.onTime === false ? <Tag style={{ color: '#a8071a' }}>逾期提交</Tag> : null}
                    {p.returnedOnce ? <Typography.Text type="secondary">（已退回过一次）</Typography.Text> : null}
                  </>
                ),
              },
              ...(p.submittedAt ? [{ key: 'at', label: '提交时间', children: formatDateTime(p.submittedAt) }] : []),
              ...(p.returnReason ? [{ key: 'return', label: '退回理由', children: <PlainText text={p.returnReason} /> }] : []),
            ]}
          />
          {p.text ? <PlainText text={p.text} style={{ lineHeight: 1.7 }} /> : null}
        </div>
      ))}
    </Card>
  );
}
