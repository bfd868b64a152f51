import { RATING_LABELS, type CaseListItemDto, type ConsoleCaseDto } from '@minsheng/shared';
import { useQueries } from '@tanstack/react-query';
import { Button, Flex, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useInbox } from '@/api/get-inbox';
import { PageTitle } from '@/components/ui/page-title';
import { Loading, LoadError } from '@/components/ui/query-state';
import { SlaTag } from '@/components/ui/sla-tag';
import { formatDateTime } from '@/lib/format';
import { caseKey, getCase } from '../api/get-case';
import { useCaseQueue } from '../api/list-cases';
import { CaseTable } from './case-table';

function QueueTab({ queue, caption }: { queue: 'overdue' | 'escalated'; caption: string }) {
  const list = useCaseQueue(queue, {});
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.isError) return <LoadError error={list.error} retry={list.refetch} />;
  return (
    <>
      <CaseTable items={items} loading={list.isPending} caption={`${caption}：已显示 ${items.length} 件${list.hasNextPage ? '，还有更多' : ''}`} />
      {list.hasNextPage ? (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            加载更多
          </Button>
        </Flex>
      ) : null}
    </>
  );
}

/** Cases fetched one by one (the list DTO lacks what these views need: see the hints). */
function useCaseDetails(caseNos: string[]) {
  return useQueries({
    queries: caseNos.map((no) => ({ queryKey: caseKey(no), queryFn: () => getCase(no), staleTime: 30_000 })),
    combine: (results) => ({ cases: results.map((r) => r.data).filter((c): c is ConsoleCaseDto => Boolean(c)), pending: results.some((r) => r.isPending) }),
  });
}

function ExtensionsTab() {
  const inbox = useInbox();
  const caseNos = useMemo(() => [...new Set((inbox.data ?? []).filter((m) => m.kind === 'extension_requested').map((m) => m.caseNo))], [inbox.data]);
  const { cases, pending } = useCaseDetails(caseNos);
  const rows = cases.filter((c) => c.sla.extension?.status === 'pending');
  if (inbox.isError) return <LoadError error={inbox.error} retry={inbox.refetch} />;
  if (inbox.isPending || pending) return <Loading label="延期申请加载中…" />;
  return (
    <>
      <Typography.Paragraph className="hint">
        来自督办消息中的延期申请，逐件核对后只列出仍在等待审批的。点“去审批”在案件页批准或驳回。
      </Typography.Paragraph>
      <Table<ConsoleCaseDto>
        rowKey="caseNo"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: '没有待审批的延期申请' }}
        title={() => <span className="table-caption">待审批的延期申请：{rows.length} 件</span>}
        columns={[
          { title: '时限', key: 'sla', width: 190, render: (_, c) => <SlaTag level={c.sla.level} daysLeft={c.sla.daysLeft} paused={c.sla.paused} /> },
          { title: '案件', key: 'title', render: (_, c) => <Link to={`/cases/${c.caseNo}`}>{c.title}</Link> },
          { title: '承办部门', key: 'dept', render: (_, c) => c.departmentName ?? '—' },
          { title: '申请延期', key: 'days', render: (_, c) => `${c.sla.extension?.days ?? ''} 天` },
          { title: '理由', key: 'reason', render: (_, c) => c.sla.extension?.reason },
          { title: '', key: 'go', width: 100, render: (_, c) => <Link to={`/cases/${c.caseNo}`}>去审批</Link> },
        ]}
      />
    </>
  );
}

function ReviewsTab() {
  const closed = useCaseQueue('closed', {});
  const items: CaseListItemDto[] = closed.data?.pages.flatMap((p) => p.items) ?? [];
  const { cases, pending } = useCaseDetails(items.map((i) => i.caseNo));
  const rows = cases.filter((c) => c.reviewRequired || c.ratings.some((r) => r.rating === 'unsatisfied'));
  if (closed.isError) return <LoadError error={closed.error} retry={closed.refetch} />;
  if (closed.isPending || (pending && !cases.length)) return <Loading label="评价加载中…" />;
  return (
    <>
      <Typography.Paragraph className="hint">
        这里列出群众评价“不满意”的已办结案件，供督办复核答复是否到位。群众第一次评价不满意时，案件会自动退回承办部门重新办理，那些案件在各部门的待办队列里；重新办理后群众仍不满意的，标为“需督办复核”，请打开案件查看答复，决定是否督办。
        已查看最近办结的 {items.length} 件案件{closed.hasNextPage ? '，点“继续查找”查看更早办结的' : ''}。
      </Typography.Paragraph>
      <Table<ConsoleCaseDto>
        rowKey="caseNo"
        loading={pending}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: '已查看的案件中没有不满意评价' }}
        title={() => <span className="table-caption">不满意评价：{rows.length} 件</span>}
        columns={[
          {
            title: '复核',
            key: 'review',
            width: 130,
            render: (_, c) => (c.reviewRequired ? <Tag style={{ color: '#a8071a', borderColor: '#ff7875' }}>需督办复核</Tag> : <Tag style={{ color: '#434343' }}>不满意（已重办）</Tag>),
          },
          { title: '案件', key: 'title', render: (_, c) => <Link to={`/cases/${c.caseNo}`}>{c.title}</Link> },
          { title: '承办部门', key: 'dept', render: (_, c) => c.departmentName ?? '—' },
          {
            title: '评价',
            key: 'ratings',
            render: (_, c) => c.ratings.map((r) => `第 ${r.round} 轮：${RATING_LABELS[r.rating]}${r.comment ? `（${r.comment}）` : ''}`).join('；'),
          },
          { title: '最后评价时间', key: 'at', width: 160, render: (_, c) => formatDateTime(c.ratings.at(-1)?.at) },
        ]}
      />
      {closed.hasNextPage ? (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button onClick={() => void closed.fetchNextPage()} loading={closed.isFetchingNextPage}>
            继续查找
          </Button>
        </Flex>
      ) : null}
    </>
  );
}

const TABS = ['overdue', 'escalated', 'extensions', 'reviews'] as const;

/** The supervisor's desk: overdue and escalated cases across departments, extension approvals, unsatisfied ratings. */
export function SupervisionPage() {
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'overdue';
  return (
    <>
      <PageTitle title="督办中心" subtitle="跨部门查看超期和升级督办的案件，审批延期，复核不满意评价。督办、审批在案件页进行。" />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'overdue', label: '已超期', children: <QueueTab queue="overdue" caption="已超期未答复（各部门）" /> },
          { key: 'escalated', label: '升级督办', children: <QueueTab queue="escalated" caption="时限系统升级督办的案件" /> },
          { key: 'extensions', label: '延期审批', children: <ExtensionsTab /> },
          { key: 'reviews', label: '不满意评价复核', children: <ReviewsTab /> },
        ]}
      />
    </>
  );
}
