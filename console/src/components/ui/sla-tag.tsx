import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, PauseCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { SLA_LEVEL_LABELS, type SlaLevel } from '@minsheng/shared';
import type { ReactNode } from 'react';

// Colours chosen for contrast (text ≥ 4.5:1 on its background), and never alone: each level has
// its word and its own icon too.
const STYLE: Record<SlaLevel, { color: string; background: string; border: string; icon: ReactNode }> = {
  normal: { color: '#135200', background: '#f6ffed', border: '#95de64', icon: <CheckCircleOutlined aria-hidden /> },
  warning: { color: '#7c3300', background: '#fff7e6', border: '#ffc069', icon: <ClockCircleOutlined aria-hidden /> },
  overdue: { color: '#a8071a', background: '#fff1f0', border: '#ff7875', icon: <ExclamationCircleOutlined aria-hidden /> },
  severe: { color: '#ffffff', background: '#a8071a', border: '#820014', icon: <WarningOutlined aria-hidden /> },
};

/** Words for the time left: "剩 3 天", "超期 2 天", "今天到期". */
export function daysLeftText(daysLeft: number, paused: boolean): string {
  if (paused) return '已暂停（待群众补充）';
  if (daysLeft > 0) return `剩 ${daysLeft} 天`;
  if (daysLeft === 0) return '今天到期';
  return `超期 ${-daysLeft} 天`;
}

export function SlaTag({ level, daysLeft, paused, closed }: { level: SlaLevel; daysLeft?: number; paused?: boolean; closed?: boolean }) {
  const s = STYLE[level];
  const extra = closed ? '' : daysLeft === undefined ? '' : ` · ${daysLeftText(daysLeft, Boolean(paused))}`;
  return (
    <span
      className={`sla-tag sla-tag--${level}`}
      data-sla={level}
      style={{
        color: s.color,
        background: s.background,
        border: `1px solid ${s.border}`,
        borderRadius: 4,
        padding: '1px 8px',
        whiteSpace: 'nowrap',
        display: 'inline-flex',
        gap: 4,
        alignItems: 'center',
        fontSize: 13,
        lineHeight: '20px',
      }}
    >
      {paused && !closed ? <PauseCircleOutlined aria-hidden /> : s.icon}
      {SLA_LEVEL_LABELS[level]}
      {extra}
    </span>
  );
}
