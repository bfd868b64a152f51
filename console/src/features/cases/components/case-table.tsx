import type { CaseListItemDto } from '@minsheng/shared';
import { Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { Loading } from '@/components/ui/query-state';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { SlaTag } from '@/components/ui/sla-tag';
import { formatDate, formatDateTime } from '@/lib/format';

const FINAL = new Set(['closed', 'rejected', 'merged', 'withdrawn']);

/** A list of cases: SLA state (colour, icon and words) first, the title linking to the workspace. */
export function CaseTable({ items, loading, caption, extraColumns = [] }: { items: CaseListItemDto[]; loading?: boolean; caption: string; extraColumns?: TableColumnsType<CaseListItemDto> }) {
  const columns: TableColumnsType<CaseListItemDto> = [
    {
      title: '时限',
      key: 'sla',
      width: 160,
      render: (_, c) => <SlaTag level={c.slaLevel} daysLeft={c.daysLeft} paused={c.paused} closed={FINAL.has(c.status) || c.status === 'replied'} />,
    },
    {
      title: '诉求',
      key: 'title',
      // The column an operator reads: never squeezed to a few characters a line by the fixed ones.
      minWidth: 280,
      render: (_, c) => (
        <div>
          <Link to={`/cases/${c.caseNo}`} className="case-link">
            {c.title}
          </Link>
          <div className="case-no">{c.caseNo}</div>
        </div>
      ),
    },
    { title: '类型', dataIndex: 'typeLabel', key: 'type', width: 90 },
    { title: '类别', key: 'category', width: 130, render: (_, c) => c.categoryName ?? c.categoryId },
    { title: '状态', dataIndex: 'statusLabel', key: 'status', width: 100 },
    { title: '承办部门', key: 'dept', width: 140, render: (_, c) => c.departmentName ?? '—' },
    { title: '答复期限', key: 'due', width: 110, render: (_, c) => formatDate(c.dueAt) },
    { title: '提交时间', key: 'created', width: 150, render: (_, c) => formatDateTime(c.createdAt) },
    ...extraColumns,
  ];
  // While loading: "加载中…", never "没有案件" (the empty state only once the list has come back).
  if (loading) return <Loading rows={6} label="案件列表加载中…" />;
  return (
    <ScrollRegion label={caption}>
      <Table<CaseListItemDto>
        rowKey="caseNo"
        size="middle"
        columns={columns}
        dataSource={items}
        pagination={false}
        rowClassName={(c) => `case-row case-row--${c.slaLevel}`}
        locale={{ emptyText: '没有案件' }}
        title={() => <span className="table-caption">{caption}</span>}
      />
    </ScrollRegion>
  );
}
