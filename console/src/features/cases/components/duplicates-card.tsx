import type { ConsoleCaseDto, DuplicateRule } from '@minsheng/shared';
import { App, Button, Card, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { errorMessage } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { useRunAction } from '../api/run-action';
import { useDuplicates } from '../api/search-cases';

const RULE_LABELS: Record<DuplicateRule, string> = {
  samePhone: '同一来电号码',
  samePlaceCategory: '同一地点、同一类别',
  similarText: '内容相似',
};

/**
 * 疑似重复诉求, on a case awaiting acceptance (intake): open cases of the last 30 days that share the
 * caller's phone, the place and category, or nearly the same text. 并单 merges THIS case into the
 * candidate (the existing merge: the candidate is kept and answers both; this case's citizen is told).
 */
export function DuplicatesCard({ c }: { c: ConsoleCaseDto }) {
  const duplicates = useDuplicates(c.caseNo, true);
  const merge = useRunAction(c.caseNo);
  const { message } = App.useApp();
  const items = duplicates.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card size="small" className="duplicates-card" data-testid="duplicates-card" title={<h2 className="card-title">疑似重复诉求（{items.length}）</h2>} style={{ borderColor: '#d48806' }}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        以下是近 30 天内尚未办结、可能反映同一问题的诉求。确认重复后可并单：本件并入所选诉求，由该诉求统一答复，本件群众会收到通知。
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={items}
        renderItem={(d) => (
          <List.Item
            actions={[
              <Popconfirm
                key="merge"
                title={`将本件并入 ${d.caseNo}？`}
                description="并单后本件不再单独办理。"
                okText="并单"
                cancelText="取消"
                onConfirm={() =>
                  merge.mutate(
                    { action: 'merge', intoCaseNo: d.caseNo, expectedVersion: c.version },
                    { onSuccess: () => void message.success(`已并入 ${d.caseNo}`), onError: (e) => void message.error(errorMessage(e)) },
                  )
                }
              >
                <Button size="small" danger loading={merge.isPending} aria-label={`并单到 ${d.caseNo}`}>
                  并单
                </Button>
              </Popconfirm>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Link to={`/cases/${d.caseNo}`}>{d.title}</Link>
                  <Typography.Text type="secondary">{d.caseNo}</Typography.Text>
                </Space>
              }
              description={
                <Space wrap size={4}>
                  {d.rules.map((r) => (
                    <Tag key={r} style={{ color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' }}>
                      {RULE_LABELS[r]}
                      {r === 'similarText' ? ` ${Math.round(d.similarity * 100)}%` : ''}
                    </Tag>
                  ))}
                  <span>
                    {d.statusLabel} · {d.categoryName ?? d.categoryId} · {formatDateTime(d.createdAt)}
                  </span>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
