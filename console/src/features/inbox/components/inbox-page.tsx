import { List, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useInbox, useMarkInboxRead } from '@/api/get-inbox';
import { PageTitle } from '@/components/ui/page-title';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/format';

/**
 * Notifications for this official: new dispatches, urges, SLA warnings and escalations, extension
 * requests. Opening the page reads them: the 消息 count goes down, and what was unread is marked 新 while here.
 */
export function InboxPage() {
  const inbox = useInbox();
  const markRead = useMarkInboxRead();
  // The messages that were unread when this visit saw them (they stay marked while the official is here).
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const unread = (inbox.data ?? []).filter((m) => !m.read);
  const newest = unread[0]?.at;

  useEffect(() => {
    if (!newest) return;
    setFresh((seen) => new Set([...seen, ...unread.map((m) => m.id)]));
    markRead.mutate(newest);
  }, [newest]); // once per newest unread message seen

  return (
    <>
      <PageTitle title="消息" subtitle="新交办、督办提醒、即将超期和超期升级、延期申请等通知，最新的在前。每分钟自动刷新；打开本页即视为已读。" />
      <QueryState query={inbox}>
        {(items) => (
          <List
            bordered
            dataSource={items}
            locale={{ emptyText: '暂无消息' }}
            renderItem={(m) => (
              <List.Item key={m.id} className={`inbox-item${fresh.has(m.id) ? ' inbox-item--new' : ''}`} extra={<Link to={`/cases/${m.caseNo}`}>查看案件</Link>}>
                <List.Item.Meta
                  title={
                    <span>
                      {fresh.has(m.id) ? <Tag style={{ color: '#a8071a', borderColor: '#ff7875' }}>新</Tag> : null}
                      <strong>{m.title}</strong> <Typography.Text style={{ fontSize: 13 }}>· {formatDateTime(m.at)}</Typography.Text>
                    </span>
                  }
                  description={<span style={{ color: '#434343' }}>{m.body}</span>}
                />
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </>
  );
}
