import { Alert, Button, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { errorMessage } from '@/lib/api-client';

/** Loading skeleton, or the API's own words with a retry, or the content. */
export function QueryState<T>({
  query,
  children,
  rows = 4,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  children: (data: T) => ReactNode;
  rows?: number;
}) {
  if (query.isPending) return <Skeleton active paragraph={{ rows }} />;
  if (query.isError || query.data === undefined)
    return (
      <Alert
        type="error"
        showIcon
        title="加载失败"
        description={errorMessage(query.error)}
        action={
          <Button size="small" onClick={() => void query.refetch()}>
            重试
          </Button>
        }
      />
    );
  return <>{children(query.data)}</>;
}
