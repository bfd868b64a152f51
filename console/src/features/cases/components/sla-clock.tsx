import { SLA_LEVEL_LABELS, type ConsoleCaseDto } from '@minsheng/shared';
import { Card, Descriptions } from 'antd';
import { SlaTag } from '@/components/ui/sla-tag';
import { formatDateTime } from '@/lib/format';

const EXTENSION_STATUS = { pending: '待督办审批', approved: '已批准', denied: '已驳回' } as const;
const STOPPED = new Set(['replied', 'closed', 'rejected', 'merged', 'withdrawn']);

/** The SLA clock: level, the rule it runs by, the three deadlines, pause and extension. */
export function SlaClock({ c }: { c: ConsoleCaseDto }) {
  const s = c.sla;
  const stopped = STOPPED.has(c.status);
  return (
    <Card title={<h2 className="card-title">办理时限</h2>} size="small" className="sla-clock">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'level', label: '当前', children: stopped ? `计时已停止（${c.statusLabel}）` : <SlaTag level={s.level} daysLeft={s.daysLeft} paused={s.paused} /> },
          { key: 'rule', label: '规则', children: `${s.rule}${s.dayMode === 'working' ? '（节假日不计）' : ''}` },
          { key: 'warn', label: '预警时间', children: formatDateTime(s.warnAt) },
          { key: 'due', label: '答复期限', children: formatDateTime(s.dueAt) },
          { key: 'severe', label: '严重超期', children: formatDateTime(s.severeAt) },
          ...(s.reached !== 'normal' ? [{ key: 'reached', label: '曾达到', children: `${SLA_LEVEL_LABELS[s.reached]}（计入考核，不因延期撤销）` }] : []),
          ...(s.paused ? [{ key: 'paused', label: '暂停', children: '等待群众补充材料，计时暂停' }] : []),
          {
            key: 'ext',
            label: '延期',
            children: s.extension
              ? `${s.extension.days} 天，${EXTENSION_STATUS[s.extension.status]}。理由：${s.extension.reason}${s.extension.decisionNote ? `；审批意见：${s.extension.decisionNote}` : ''}`
              : '无',
          },
        ]}
      />
    </Card>
  );
}
