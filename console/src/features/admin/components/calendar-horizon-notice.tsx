import { Alert } from 'antd';
import { Link, useLocation } from 'react-router';
import { useOfficial } from '@/lib/auth';
import { useCalendar } from '../api/get-calendar';
import { horizonNotice } from '../calendar-horizon';

/**
 * The shell's notice for admins and supervisors when the holiday calendar's horizon matters: open
 * working-day cases with deadlines in a year nobody has entered (with the count and a link to the
 * list), or an unknown year about to start while a policy counts working days. Silent otherwise,
 * on the 节假日 page itself (which says it in full), and when the calendar cannot be read.
 */
export function CalendarHorizonNotice() {
  const official = useOfficial();
  const location = useLocation();
  const enabled = official.role === 'admin' || official.role === 'supervisor';
  const calendar = useCalendar({ staleMs: 5 * 60_000, enabled });
  if (!enabled || !calendar.data || location.pathname.startsWith('/admin/calendar')) return null;
  const notice = horizonNotice(calendar.data, new Date());
  if (!notice) return null;
  return (
    <Alert
      type={notice.level}
      showIcon
      role="status"
      className="horizon-notice"
      style={{ marginBottom: 16 }}
      title={notice.title}
      description={
        <>
          {notice.description}{' '}
          <Link to="/admin/calendar#beyond-horizon">{official.role === 'admin' ? '查看案件清单并录入安排' : '查看案件清单'}</Link>
        </>
      }
    />
  );
}
