import type { ConsoleEventDto } from '@minsheng/shared';
import { Card, Tag, Timeline } from 'antd';
import { Link } from 'react-router';
import { PlainText } from '@/components/ui/plain-text';
import { actorText, describeForOfficials, eventLabel } from '@/lib/events';
import { formatDateTime } from '@/lib/format';

const COLOR: Record<string, string> = { sla_overdue: 'red', sla_severe: 'red', sla_warning: 'orange', rejected: 'gray', withdrawn: 'gray', urged: 'orange', replied: 'green', closed: 'green' };

/** Every step of the case, oldest first; internal steps (not shown to the citizen) marked as such. */
export function CaseTimeline({ caseNo, events }: { caseNo: string; events: ConsoleEventDto[] }) {
  return (
    <Card size="small" title={<h2 className="card-title">办理记录</h2>} extra={<Link to={`/audit/${caseNo}`}>查看审计日志</Link>} className="timeline">
      <Timeline
        items={events.map((e, i) => ({
          key: `${e.at}-${i}`,
          color: COLOR[e.kind] ?? 'blue',
          content: (
            <div className="timeline__item">
              <div className="timeline__head">
                <strong>{eventLabel(e.kind, e.data)}</strong>
                <span className="timeline__meta">
                  {' '}
                  · {formatDateTime(e.at)} · {actorText(e)}
                </span>
                {!e.public ? (
                  <Tag style={{ marginLeft: 8, color: '#434343' }} bordered>
                    内部
                  </Tag>
                ) : null}
              </div>
              <PlainText text={describeForOfficials(e)} />
            </div>
          ),
        }))}
      />
    </Card>
  );
}
