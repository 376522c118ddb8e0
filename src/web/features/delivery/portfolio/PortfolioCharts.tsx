import { PieChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentLocale } from '../../../i18n/index.js';
import { indexColour, type PortfolioItem } from '../closing/api.js';
import type { ProjectHealth } from '../types.js';

echarts.use([PieChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

const HEALTH: { key: ProjectHealth; colour: string }[] = [
  { key: 'on_track', colour: '#52c41a' },
  { key: 'at_risk', colour: '#faad14' },
  { key: 'off_track', colour: '#f5222d' },
];

/** Projects counted by health (a doughnut). */
export function HealthChart({ items }: { items: readonly PortfolioItem[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'svg', locale: locale === 'zh-CN' ? 'ZH' : 'EN' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['45%', '70%'],
          center: ['50%', '45%'],
          label: { formatter: '{c}' },
          data: HEALTH.map((h) => ({ name: t(`delivery.health.${h.key}`), value: items.filter((i) => i.health === h.key).length, itemStyle: { color: h.colour } })),
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [items, locale, t]);
  return <div ref={el} style={{ width: '100%', height: 280 }} data-testid="portfolio-health-chart" role="img" aria-label={t('portfolio.healthLabel')} />;
}

/** SPI across, CPI up; the 1.0 lines split the quadrants; a click on a dot opens its project. */
export function IndexScatter({ items }: { items: readonly PortfolioItem[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: 'svg', locale: locale === 'zh-CN' ? 'ZH' : 'EN' });
    const points = items.filter((i) => i.spi !== null && i.cpi !== null);
    const round = (v: number) => Math.round(v * 100) / 100;
    chart.setOption({
      animation: false,
      grid: { left: 16, right: 24, top: 32, bottom: 24, containLabel: true },
      tooltip: {
        trigger: 'item',
        formatter: (p: { data: { name: string; value: [number, number] } }) => `${p.data.name}<br/>SPI ${p.data.value[0].toFixed(2)} · CPI ${p.data.value[1].toFixed(2)}`,
      },
      xAxis: { type: 'value', name: 'SPI', nameLocation: 'middle', nameGap: 24, scale: true, splitLine: { show: false } },
      yAxis: { type: 'value', name: 'CPI', scale: true, splitLine: { show: false } },
      series: [
        {
          type: 'scatter',
          symbolSize: 14,
          cursor: 'pointer',
          data: points.map((p) => ({
            id: p.id,
            name: `${p.code} ${p.name}`,
            value: [round(p.spi!), round(p.cpi!)],
            itemStyle: { color: indexColour(Math.min(p.spi!, p.cpi!)) },
          })),
          markLine: { symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: '#8c8c8c' }, label: { show: false }, data: [{ xAxis: 1 }, { yAxis: 1 }] },
        },
      ],
    });
    chart.on('click', (p) => {
      const id = (p.data as { id?: string } | undefined)?.id;
      if (id) navigate(`/delivery/projects/${id}`);
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [items, locale, navigate]);
  return <div ref={el} style={{ width: '100%', height: 280 }} data-testid="portfolio-scatter" role="img" aria-label={t('portfolio.scatterLabel')} />;
}
