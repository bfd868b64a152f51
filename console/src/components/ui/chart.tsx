import { useEffect, useRef } from 'react';
import { echarts, type EChartsCoreOption } from '@/lib/echarts';

/**
 * One ECharts chart. ECharts' aria module describes the chart to screen readers; the same figures
 * are also in the table next to it (and in the CSV export).
 */
export function Chart({ option, height = 300, label, testId }: { option: EChartsCoreOption; height?: number; label: string; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: 'svg', locale: 'ZH' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, animation: false, ...option }, true);
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} data-testid={testId} className="chart" style={{ width: '100%', height }} />;
}
