import { LIBRARY_KIND_LABELS, LIBRARY_KINDS, type LibraryAdminItemDto, type LibraryKind } from '@minsheng/shared';
import { App, Button, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { PageTitle } from '@/components/ui/page-title';
import { QueryState } from '@/components/ui/query-state';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { errorMessage } from '@/lib/api-client';
import { useOfficial } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { useDeleteLibraryItem } from '../api/delete-library-item';
import { useLibrary } from '../api/list-library';
import { useOfficialLabel } from '../api/list-officials';
import { LibraryEditor, type EditorTarget } from './library-editor';

const PAGE_SIZE = 20;

/** 政策问答库: the policy documents and published Q&As citizens search in the mini-program. */
export function LibraryPage() {
  const official = useOfficial();
  const who = useOfficialLabel();
  const { message, modal } = App.useApp();
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  const [kind, setKind] = useState<LibraryKind>();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<EditorTarget>();
  const list = useLibrary({ q, ...(kind ? { kind } : {}), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const del = useDeleteLibraryItem();

  // The last item of the last page deleted: show the page before it.
  const shown = list.data && !list.isPlaceholderData ? list.data : undefined;
  useEffect(() => {
    if (shown && shown.items.length === 0 && page > 1) setPage(Math.max(1, Math.ceil(shown.total / PAGE_SIZE)));
  }, [shown, page]);

  const search = (value: string) => {
    setQ(value.trim());
    setPage(1);
  };

  const remove = (item: LibraryAdminItemDto) =>
    modal.confirm({
      title: `删除「${item.title}」？`,
      content:
        item.kind === 'qa'
          ? '删除后群众将无法再查到这条问答（来源咨询可以重新发布）。此操作不能撤销。'
          : '删除后群众将无法再查到这份政策文件。此操作不能撤销。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await del.mutateAsync({ id: item.id, revision: item.revision });
          message.success(`已删除：${item.title}`);
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  return (
    <>
      <PageTitle
        title="政策问答库"
        subtitle="群众在小程序中检索的政策文件和已公开的咨询答复。修改保存后几秒内即可检索到。"
        extra={
          <Button type="primary" onClick={() => setEditing({ mode: 'create' })}>
            新增政策文件
          </Button>
        }
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search" aria-label="检索政策问答库">
        <Input.Search
          aria-label="搜索政策和问答"
          placeholder="搜索标题、正文、文号或标签"
          allowClear
          enterButton="搜索"
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value);
            if (e.target.value === '') search('');
          }}
          onSearch={search}
          style={{ maxWidth: 420 }}
        />
        <Select<LibraryKind | 'all'>
          aria-label="类型"
          value={kind ?? 'all'}
          style={{ width: 140 }}
          onChange={(v) => {
            setKind(v === 'all' ? undefined : v);
            setPage(1);
          }}
          options={[{ value: 'all', label: '全部类型' }, ...LIBRARY_KINDS.map((k) => ({ value: k, label: LIBRARY_KIND_LABELS[k] }))]}
        />
      </Flex>
      <QueryState query={list}>
        {(data) => (
          <ScrollRegion label="政策问答列表">
            <Table<LibraryAdminItemDto>
              rowKey="id"
              className="library-table"
              dataSource={data.items}
              loading={list.isFetching && list.isPlaceholderData}
              title={() => (
                <span className="table-caption">
                  {q ? `搜索“${q}”：找到 ${data.total} 条（按相关度排列）` : `共 ${data.total} 条（按发文日期从新到旧）`}
                </span>
              )}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: data.total,
                showSizeChanger: false,
                onChange: setPage,
                hideOnSinglePage: true,
              }}
              columns={[
                {
                  title: '标题',
                  key: 'title',
                  render: (_, item) => (
                    <>
                      <Typography.Text strong className="library-title">
                        {item.title}
                      </Typography.Text>
                      {item.docNo ? <div className="hint">{item.docNo}</div> : null}
                    </>
                  ),
                },
                { title: '类型', key: 'kind', width: 96, render: (_, item) => <Tag style={{ color: item.kind === 'qa' ? '#0958d9' : '#262626' }}>{item.kindLabel}</Tag> },
                { title: '发文机关 / 答复部门', key: 'issuer', width: 200, render: (_, item) => item.issuer ?? '—' },
                { title: '日期', key: 'issuedAt', width: 112, render: (_, item) => <span style={{ whiteSpace: 'nowrap' }}>{item.issuedAt}</span> },
                {
                  title: '标签',
                  key: 'tags',
                  width: 200,
                  render: (_, item) =>
                    item.tags.length ? (
                      <Space size={[0, 4]} wrap>
                        {item.tags.map((t) => (
                          <Tag key={t} style={{ color: '#262626' }}>
                            {t}
                          </Tag>
                        ))}
                      </Space>
                    ) : (
                      '—'
                    ),
                },
                {
                  title: '最后修改',
                  key: 'updated',
                  width: 150,
                  render: (_, item) => (
                    <>
                      <div>{formatDateTime(item.updatedAt)}</div>
                      <div className="hint">{who(item.updatedBy)}</div>
                    </>
                  ),
                },
                {
                  title: '操作',
                  key: 'ops',
                  width: 130,
                  render: (_, item) => (
                    <Space size={0}>
                      <Button type="link" onClick={() => setEditing({ mode: 'edit', item })} aria-label={`编辑 ${item.title}`}>
                        编辑
                      </Button>
                      <Button type="link" danger onClick={() => remove(item)} aria-label={`删除 ${item.title}`}>
                        删除
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
          </ScrollRegion>
        )}
      </QueryState>
      {editing ? (
        <LibraryEditor
          key={editing.mode === 'edit' ? `${editing.item.id}-${editing.item.revision}` : 'new'}
          target={editing}
          username={official.username}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
    </>
  );
}
