import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { currentLocale } from '../../../i18n/index.js';

echarts.use([BarChart, FunnelChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

export type ChartClick = { seriesId?: string; seriesName?: string; name: string; dataIndex: number; data: unknown };

/**
 * One ECharts chart (SVG, tree-shaken). `onClick` gets the element clicked, so that every chart
 * element can lead to the records behind it.
 */
export function EChart({ option, onClick, height = 300, testId, label }: { option: Record<string, unknown>; onClick?: (p: ChartClick) => void; height?: number; testId: string; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const locale = currentLocale();
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'svg', locale: locale === 'zh-CN' ? 'ZH' : 'EN' });
    chart.setOption({ animation: false, ...option });
    chart.on('click', (p) => click.current?.(p as unknown as ChartClick));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option, locale]);
  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} role="img" aria-label={label} />;
}
