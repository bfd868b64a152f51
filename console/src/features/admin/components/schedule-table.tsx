import type { HolidayEntry } from '@minsheng/shared';
import { Table } from 'antd';
import { dateRuns } from '../calendar-horizon';

interface Row {
  key: string;
  name: string;
  daysOff: string[];
  count: number;
  workdays: string[];
}

/** A year's holidays: days off as runs with their weekdays (2月6日（周六） 至 2月13日（周六）), their count, and the make-up working days. */
export function ScheduleTable({ year, holidays, caption }: { year: number; holidays: HolidayEntry[]; caption: string }) {
  const rows: Row[] = holidays.map((h, i) => ({ key: `${i}-${h.name}`, name: h.name, daysOff: dateRuns(h.daysOff, year), count: h.daysOff.length, workdays: dateRuns(h.workdays, year) }));
  return (
    <Table<Row>
      rowKey="key"
      size="small"
      dataSource={rows}
      pagination={false}
      title={() => <span className="table-caption">{caption}</span>}
      columns={[
        { title: '节日', dataIndex: 'name', key: 'name', width: 140 },
        { title: '放假', key: 'off', render: (_, r) => <Lines items={r.daysOff} /> },
        { title: '放假天数', key: 'count', width: 100, render: (_, r) => `${r.count} 天` },
        { title: '调休上班', key: 'work', render: (_, r) => (r.workdays.length ? <Lines items={r.workdays} /> : <span className="hint">不调休</span>) },
      ]}
    />
  );
}

function Lines({ items }: { items: string[] }) {
  return (
    <ul className="date-lines">
      {items.map((t) => (
        <li key={t}>{t}</li>
      ))}
    </ul>
  );
}
