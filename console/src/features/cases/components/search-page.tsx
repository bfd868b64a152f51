import { Alert, Button, Flex, Form, Input, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageTitle } from '@/components/ui/page-title';
import { LoadError } from '@/components/ui/query-state';
import { useCaseSearch, type CaseSearchParams } from '../api/search-cases';
import { CaseTable } from './case-table';

type Mode = 'caseNo' | 'phone' | 'q';
const MODES: { value: Mode; label: string }[] = [
  { value: 'caseNo', label: '受理编号' },
  { value: 'phone', label: '电话' },
  { value: 'q', label: '关键词' },
];
const HINTS: Record<Mode, string> = {
  caseNo: '输入 14 位受理编号，精确查找。',
  phone: '输入群众留下的手机号或座机号，精确查找（号码以加密索引比对，不会明文保存）。',
  q: '输入标题或内容中的词语（至少两个字，多个词用空格分开，需全部包含），可限定提交日期；默认查最近 90 天，最长一年。',
};

/** Reads the search from the address (so a result page can be shared and reloaded). */
function paramsOf(search: URLSearchParams): CaseSearchParams | undefined {
  const out: CaseSearchParams = {};
  for (const k of ['caseNo', 'phone', 'q', 'from', 'to'] as const) {
    const v = search.get(k);
    if (v) out[k] = v;
  }
  return out.caseNo || out.phone || out.q ? out : undefined;
}

/** 查询: find a case by its number, the caller's phone, or words of its text within a date range — in the official's scope. */
export function SearchPage() {
  const [search, setSearch] = useSearchParams();
  const params = paramsOf(search);
  const [mode, setMode] = useState<Mode>(params?.phone ? 'phone' : params?.q ? 'q' : 'caseNo');
  const [form] = Form.useForm<{ value: string; from?: string; to?: string }>();
  const result = useCaseSearch(params);
  const items = result.data?.pages.flatMap((p) => p.items) ?? [];

  const submit = ({ value, from, to }: { value: string; from?: string; to?: string }) => {
    const next = new URLSearchParams({ [mode]: value.trim() });
    if (mode !== 'caseNo' && from) next.set('from', from);
    if (mode !== 'caseNo' && to) next.set('to', to);
    setSearch(next);
  };

  return (
    <>
      <PageTitle title="查询案件" subtitle="仅显示您的办理范围内的案件；号码和身份信息按规定遮挡。" />
      <Flex vertical gap={16}>
        <Form
          form={form}
          layout="inline"
          onFinish={submit}
          aria-label="查询条件"
          initialValues={{ value: params?.caseNo ?? params?.phone ?? params?.q ?? '', from: params?.from, to: params?.to }}
        >
          <Form.Item label="查询方式">
            <Segmented<Mode> options={MODES} value={mode} onChange={(m) => setMode(m)} aria-label="查询方式" />
          </Form.Item>
          <Form.Item
            name="value"
            label={MODES.find((m) => m.value === mode)!.label}
            rules={[
              { required: true, whitespace: true, message: `请输入${MODES.find((m) => m.value === mode)!.label}` },
              ...(mode === 'caseNo' ? [{ pattern: /^\d{14}$/, message: '受理编号应为 14 位数字' }] : []),
            ]}
          >
            <Input style={{ width: 260 }} maxLength={mode === 'q' ? 50 : 20} placeholder={mode === 'caseNo' ? '例如 20300401123456' : mode === 'phone' ? '例如 13800138000' : '例如 路灯 不亮'} />
          </Form.Item>
          {mode !== 'caseNo' ? (
            <>
              <Form.Item name="from" label="提交日期从">
                <Input type="date" aria-label="提交日期从" style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name="to" label="至">
                <Input type="date" aria-label="提交日期至" style={{ width: 160 }} />
              </Form.Item>
            </>
          ) : null}
          <Form.Item>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
          </Form.Item>
        </Form>
        <Typography.Text type="secondary">{HINTS[mode]}</Typography.Text>
        {!params ? null : result.isError ? (
          <LoadError error={result.error} retry={() => result.refetch()} />
        ) : (
          <>
            <CaseTable items={items} loading={result.isLoading} caption={`查询结果（${items.length}${result.hasNextPage ? '+' : ''} 件，按提交时间从新到旧）`} />
            {result.hasNextPage ? (
              <Space>
                <Button onClick={() => void result.fetchNextPage()} loading={result.isFetchingNextPage}>
                  加载更多
                </Button>
              </Space>
            ) : null}
            {!result.isLoading && !items.length ? <Alert type="info" showIcon title="没有找到符合条件的案件（或案件不在您的办理范围内）" /> : null}
          </>
        )}
      </Flex>
    </>
  );
}
