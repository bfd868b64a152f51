import { CASE_TYPE_LABELS, CASE_TYPES, QUEUE_LABELS, REVISIT_MAX_ATTEMPTS, type CaseListItemDto, type CaseType, type ConsoleQueue } from '@minsheng/shared';
import type { TableColumnsType } from 'antd';
import { formatDateTime } from '@/lib/format';
import { Alert, Button, Flex, Select, Space, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { useCategories } from '@/api/list-categories';
import { useDepartments } from '@/api/list-departments';
import { useMe } from '@/api/get-me';
import { PageTitle } from '@/components/ui/page-title';
import { LoadError, QueryState } from '@/components/ui/query-state';
import { useOfficial } from '@/lib/auth';
import { countLabel, needsDepartment, useCaseQueue, useQueueCounts } from '../api/list-cases';
import { CaseTable } from './case-table';

const HINTS: Partial<Record<ConsoleQueue, string>> = {
  intake: '群众新提交、尚未受理的诉求，以及被承办部门退回、需要重新分办的案件。',
  department: '已交办、正在办理的案件。',
  answered: '本部门已答复、等待群众评价的案件，最近答复的在前；群众评价、办结或不满意重办后离开此列。',
  due_soon: '3 天内到期、尚未答复的案件（等待群众补充材料的案件暂停计时，不在此列）。',
  overdue: '已超过答复期限仍未答复的案件。',
  escalated: '被时限系统升级督办的案件（已超期或严重超期）。',
  closed: '已办结的案件（群众已评价，或评价期满自动办结）。',
  mine: '由我受理的案件（首问负责：我跟踪到办结）。',
};

export function QueuePage() {
  const official = useOfficial();
  const me = useMe();
  const { queue } = useParams<{ queue: string }>();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const categories = useCategories();
  const departments = useDepartments();

  const queues: ConsoleQueue[] = me.data?.queues ?? [];
  const departmentId = params.get('dept') ?? undefined;
  const type = (params.get('type') as CaseType | null) ?? undefined;
  const categoryId = params.get('category') ?? undefined;
  const counts = useQueueCounts(departmentId, official.role);

  const current = queue as ConsoleQueue;
  const valid = queues.includes(current);
  const deptMissing = valid && needsDepartment(current, official.role) && !departmentId;
  const filters = useMemo(() => ({ ...(needsDepartment(current, official.role) && departmentId ? { departmentId } : {}), ...(type ? { type } : {}), ...(categoryId ? { categoryId } : {}) }), [current, official.role, departmentId, type, categoryId]);
  const list = useCaseQueue(current, filters, valid && !deptMissing);

  if (me.isSuccess && !valid) return queues[0] ? <Navigate to={`/queues/${queues[0]}`} replace /> : <Alert type="info" title="您的角色没有工作队列" />;

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const countText = (queue: ConsoleQueue) => {
    if (counts.isPending) return '…';
    return countLabel(counts.data?.items.find((c) => c.queue === queue));
  };
  const categoryOptions = (categories.data ?? []).filter((c) => !type || c.types.includes(type)).map((c) => ({ value: c.id, label: c.name }));

  return (
    <>
      <PageTitle title="工作队列" subtitle={`${official.displayName} · 按紧急程度排序，最早到期的在前`} />
      <QueryState query={me}>
        {() => (
          <>
            <Tabs
              activeKey={current}
              onChange={(k) => navigate({ pathname: `/queues/${k}`, search: departmentId ? `?dept=${departmentId}` : '' })}
              items={queues.map((q) => {
                const n = countText(q);
                return { key: q, label: <span data-queue={q}>{QUEUE_LABELS[q]}{n ? <span className="tab-count"> ({n})</span> : null}</span> };
              })}
            />
            <Typography.Paragraph className="hint" style={{ marginTop: -4 }}>
              {HINTS[current]} 标签上的数字是各队列的案件总数{needsDepartment('department', official.role) ? '（本部门待办、已答复在选择部门后显示）' : ''}，办理后片刻更新。
            </Typography.Paragraph>
            <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }} role="search" aria-label="筛选案件">
              {needsDepartment(current, official.role) ? (
                <Space>
                  <label htmlFor="filter-dept">承办部门</label>
                  <Select
                    id="filter-dept"
                    style={{ width: 220 }}
                    placeholder="请选择部门"
                    showSearch={{ optionFilterProp: 'label' }}
                    value={departmentId}
                    allowClear
                    onChange={(v: string | undefined) => setParam('dept', v)}
                    options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                  />
                </Space>
              ) : null}
              <Space>
                <label htmlFor="filter-type">诉求类型</label>
                <Select
                  id="filter-type"
                  style={{ width: 140 }}
                  placeholder="全部类型"
                  value={type}
                  allowClear
                  onChange={(v: string | undefined) => setParam('type', v)}
                  options={CASE_TYPES.map((t) => ({ value: t, label: CASE_TYPE_LABELS[t] }))}
                />
              </Space>
              <Space>
                <label htmlFor="filter-category">问题类别</label>
                <Select
                  id="filter-category"
                  style={{ width: 180 }}
                  placeholder="全部类别"
                  showSearch={{ optionFilterProp: 'label' }}
                  value={categoryId}
                  allowClear
                  onChange={(v: string | undefined) => setParam('category', v)}
                  options={categoryOptions}
                />
              </Space>
              <Button onClick={() => void list.refetch()} disabled={deptMissing}>
                刷新
              </Button>
            </Flex>
            {deptMissing ? (
              <Alert type="info" showIcon title="请先选择要查看的承办部门" />
            ) : list.isError ? (
              <LoadError error={list.error} retry={list.refetch} />
            ) : (
              <>
                <CaseTable
                  items={items}
                  loading={list.isPending}
                  caption={`${QUEUE_LABELS[current]}：已显示 ${items.length} 件${list.hasNextPage ? '，还有更多' : ''}`}
                  extraColumns={current === 'revisit' ? REVISIT_COLUMNS : []}
                />
                <Flex justify="center" style={{ marginTop: 12 }}>
                  {list.hasNextPage ? (
                    <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                      加载更多
                    </Button>
                  ) : items.length ? (
                    <Typography.Text>已全部显示</Typography.Text>
                  ) : null}
                </Flex>
                {type || categoryId ? (
                  <Typography.Paragraph className="hint" style={{ marginTop: 8 }}>
                    已按条件筛选：每页从队列取 20 件再筛选，所以一页可能少于 20 件；点“加载更多”继续查找。
                  </Typography.Paragraph>
                ) : null}
              </>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}

/** 回访 rows: when the answer was given and how many calls reached no one. */
const REVISIT_COLUMNS: TableColumnsType<CaseListItemDto> = [
  { title: '答复时间', key: 'answeredAt', width: 150, render: (_, c) => (c.answeredAt ? formatDateTime(c.answeredAt) : '—') },
  { title: '回访次数', key: 'revisitAttempts', width: 120, render: (_, c) => (c.revisitAttempts ? `联系不上 ${c.revisitAttempts}/${REVISIT_MAX_ATTEMPTS}` : '未回访') },
];
