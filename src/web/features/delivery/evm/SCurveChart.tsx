import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n/index.js';
import { formatMinor } from '../../../lib/format.js';
import type { EarnedValue } from './api.js';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

/** The S-curve: cumulative PV, EV and AC (major units) by week, the status date marked. */
export function SCurveChart({ data }: { data: EarnedValue }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const el = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'svg', locale: locale === 'zh-CN' ? 'ZH' : 'EN' });
    const major = (v: number | null) => (v === null ? null : v / 100);
    const dates = data.series.map((p) => p.date);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatMinor(Math.round(v * 100), locale) : '—') },
      legend: { top: 0 },
      grid: { left: 16, right: 24, top: 40, bottom: 16, containLabel: true },
      xAxis: { type: 'category', data: dates, boundaryGap: false },
      yAxis: { type: 'value', name: data.currency },
      series: [
        { name: t('evm.pv'), type: 'line', data: data.series.map((p) => major(p.pv)), showSymbol: false, lineStyle: { width: 2 }, markLine: { symbol: 'none', silent: true, label: { formatter: t('evm.statusDate') }, data: [{ xAxis: data.statusDate }] } },
        { name: t('evm.ev'), type: 'line', data: data.series.map((p) => major(p.ev)), connectNulls: true, lineStyle: { width: 2 } },
        { name: t('evm.ac'), type: 'line', data: data.series.map((p) => major(p.ac)), showSymbol: false, lineStyle: { width: 2 } },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [data, locale, t]);

  return <div ref={el} style={{ width: '100%', height: 360 }} data-testid="s-curve" role="img" aria-label={t('evm.chartLabel')} />;
}
