import { Alert, Button, Flex, Skeleton, Spin } from 'antd';
import type { ReactNode } from 'react';
import { errorMessage } from '@/lib/api-client';

/** What every page shows while its data loads: a spinner and "加载中…" announced politely, then a skeleton of the content. */
export function Loading({ rows = 4, label = '加载中…' }: { rows?: number; label?: string }) {
  return (
    <div role="status" aria-busy="true" aria-live="polite" className="loading-state" data-testid="loading">
      <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
        <Spin size="small" />
        <span>{label}</span>
      </Flex>
      <Skeleton active title={false} paragraph={{ rows }} />
    </div>
  );
}

/** The API's own words, and a way to try again. */
export function LoadError({ error, retry }: { error: unknown; retry: () => unknown }) {
  return (
    <Alert
      type="error"
      showIcon
      title="加载失败"
      description={errorMessage(error)}
      action={
        <Button size="small" onClick={() => void retry()}>
          重试
        </Button>
      }
    />
  );
}

/** Loading, or the API's own words with a retry, or the content (the empty state only once loaded). */
export function QueryState<T>({
  query,
  children,
  rows = 4,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  children: (data: T) => ReactNode;
  rows?: number;
}) {
  if (query.isPending) return <Loading rows={rows} />;
  if (query.isError || query.data === undefined) return <LoadError error={query.error} retry={query.refetch} />;
  return <>{children(query.data)}</>;
}
