import { fenToYuan } from '@minsheng/shared';
const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const dateOnly = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** "2026-11-21 15:04" in Beijing time, whatever the browser's zone. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateTime.format(d).replace(/\//g, '-');
}

export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateOnly.format(d).replace(/\//g, '-');
}

export function formatPercent(v: number | undefined): string {
  return v === undefined ? '—' : `${v.toFixed(1)}%`;
}

/** Average time to answer, given in hours (one decimal): days when long, minutes when short. */
export function formatHours(v: number | undefined): string {
  if (v === undefined) return '—';
  if (v >= 48) return `${(v / 24).toFixed(1)} 天`;
  if (v < 1) return v === 0 ? '不到 6 分钟' : `${Math.round(v * 60)} 分钟`;
  return `${v.toFixed(1)} 小时`;
}

/** An amount kept in fen as yuan with two decimals and thousands grouped ("2,511.00"). */
export function formatYuan(fen: number | undefined): string {
  if (fen === undefined) return '—';
  const [whole = '0', cents = '00'] = fenToYuan(fen).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}
