import { List, Typography } from 'antd';
import { Link } from 'react-router';
import { useInbox } from '@/api/get-inbox';
import { PageTitle } from '@/components/ui/page-title';
import { QueryState } from '@/components/ui/query-state';
import { formatDateTime } from '@/lib/format';

/** Notifications for this official: new dispatches, urges, SLA warnings and escalations, extension requests. */
export function InboxPage() {
  const inbox = useInbox();
  return (
    <>
      <PageTitle title="消息" subtitle="新交办、督办提醒、即将超期和超期升级、延期申请等通知，最新的在前。每分钟自动刷新。" />
      <QueryState query={inbox}>
        {(items) => (
          <List
            bordered
            dataSource={items}
            locale={{ emptyText: '暂无消息' }}
            renderItem={(m) => (
              <List.Item key={m.id} className="inbox-item" extra={<Link to={`/cases/${m.caseNo}`}>查看案件</Link>}>
                <List.Item.Meta
                  title={
                    <span>
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
