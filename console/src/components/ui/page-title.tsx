import { Flex, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';

/** The page's one h1, its browser-tab title, and actions on the right. */
export function PageTitle({ title, extra, subtitle }: { title: string; extra?: ReactNode; subtitle?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · 民声办理工作台`;
  }, [title]);
  return (
    <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginBottom: 16 }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle ? <Typography.Paragraph style={{ margin: '4px 0 0' }}>{subtitle}</Typography.Paragraph> : null}
      </div>
      {extra ? <Flex gap={8} wrap>{extra}</Flex> : null}
    </Flex>
  );
}
