import { Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { currentLocale } from '../../../i18n/index.js';
import { contractsLink, opportunitiesLink, useDashboard, type Dashboard } from './api.js';
import { EChart } from './EChart.js';
import { FEEDBACK_CATEGORIES, money } from './labels.js';
import { PeriodPicker, usePeriod } from './PeriodPicker.js';

const monthEnd = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
};

/** The sales dashboard: every chart element opens the opportunities list filtered to the records behind it. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const [period, setPeriod] = usePeriod();
  const q = useDashboard(period);
  const d = q.data;
  const o = useMemo(() => (d ? options(d, t as unknown as (k: string, o?: object) => string) : null), [d, t]);
  const go = (f: Record<string, string | undefined>) => navigate(opportunitiesLink(f));
  return (
    <>
      <PageHeader title={t('insight.dashboard.title')} extra={<PeriodPicker period={period} onChange={setPeriod} />} />
      {q.error ? <ErrorAlert error={q.error} onRetry={() => q.refetch()} /> : null}
      {d && o && (
        <Row gutter={[16, 16]}>
          <Col xs={24}>
            <Card size="small">
              {/* Seven figures of up to 14 characters: they wrap rather than run into each other. */}
              <Flex wrap gap="12px 32px">
                {(['closedWon', 'booked', 'commit', 'bestCase', 'pipeline', 'weighted', 'quota'] as const).map((k) => (
                  <Statistic key={k} title={t(`insight.forecast.${k}`)} value={money(d.forecastVsTarget[k], locale)} valueStyle={{ fontSize: 20 }} data-testid={`dashboard-${k}`} />
                ))}
              </Flex>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('insight.dashboard.funnel')}>
              <EChart option={o.funnel} testId="dashboard-funnel" label={t('insight.dashboard.funnel')} onClick={(p) => go({ stageId: d.funnel[p.dataIndex]?.stageId, status: 'open', pipelineId: d.pipelineId ?? undefined })} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('insight.dashboard.attainment')}>
              <EChart option={o.attainment} testId="dashboard-attainment" label={t('insight.dashboard.attainment')} onClick={(p) => navigate(contractsLink({ ownerId: d.attainment[p.dataIndex]?.userId, signedFrom: d.period.start, signedTo: d.period.end }))} />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('insight.dashboard.forecastVsTarget')}>
              <EChart
                option={o.forecast}
                testId="dashboard-forecast"
                label={t('insight.dashboard.forecastVsTarget')}
                onClick={(p) => go(p.dataIndex === 0 ? { status: 'won', closeFrom: d.period.start, closeTo: d.period.end } : { status: 'open', closeFrom: d.period.start, closeTo: d.period.end, forecastCategory: p.dataIndex === 1 ? 'commit' : p.dataIndex === 2 ? 'best_case' : undefined })}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('insight.dashboard.winRate')}>
              <EChart
                option={o.winRate}
                testId="dashboard-winrate"
                label={t('insight.dashboard.winRate')}
                onClick={(p) => {
                  const m = d.winRate[p.dataIndex];
                  if (m) go({ status: p.seriesId === 'lost' ? 'lost' : 'won', closeFrom: `${m.month}-01`, closeTo: monthEnd(m.month) });
                }}
              />
              <Typography.Text type="secondary">{t('insight.dashboard.winRateHelp')}</Typography.Text>
            </Card>
          </Col>
          <Col xs={24}>
            <Card size="small" title={t('insight.dashboard.feedback')}>
              <EChart option={o.feedback} height={260} testId="dashboard-feedback" label={t('insight.dashboard.feedback')} onClick={(p) => {
                  const month = d.feedbackTrends.months[p.dataIndex];
                  if (month && p.seriesId) navigate(`/sales/market?periodKind=${period.kind}&periodStart=${period.start}&feedbackCategory=${p.seriesId}&feedbackFrom=${month}-01&feedbackTo=${monthEnd(month)}`);
                }} />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}

function options(d: Dashboard, t: (k: string, o?: object) => string) {
  const grid = { left: 16, right: 16, top: 24, bottom: 40, containLabel: true };
  // Every name shown (long bilingual stage names and people's names wrap instead of every other one being hidden).
  const names = { interval: 0, width: 90, overflow: 'break', lineHeight: 14 };
  return {
    funnel: {
      tooltip: { trigger: 'axis' },
      grid,
      xAxis: { type: 'category', data: d.funnel.map((s) => s.name), axisLabel: names },
      yAxis: [{ type: 'value', name: t('insight.dashboard.amount') }, { type: 'value', name: t('insight.dashboard.count'), minInterval: 1 }],
      legend: { bottom: 0 },
      series: [
        { id: 'amount', type: 'bar', name: t('insight.dashboard.amount'), data: d.funnel.map((s) => s.amount / 100) },
        { id: 'count', type: 'line', yAxisIndex: 1, name: t('insight.dashboard.count'), data: d.funnel.map((s) => s.count) },
      ],
    },
    attainment: {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      grid,
      xAxis: { type: 'category', data: d.attainment.map((r) => r.name), axisLabel: names },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          name: t('insight.forecast.attainment'),
          data: d.attainment.map((r) => (r.attainment === null ? 0 : Math.round(r.attainment * 1000) / 10)),
          markLine: { symbol: 'none', silent: true, label: { show: false }, data: [{ yAxis: 100 }], lineStyle: { type: 'dashed' } },
        },
      ],
    },
    forecast: {
      tooltip: { trigger: 'axis' },
      grid,
      xAxis: { type: 'category', data: ['closedWon', 'commit', 'bestCase', 'pipeline', 'weighted'].map((k) => t(`insight.forecast.${k}`)), axisLabel: names },
      yAxis: { type: 'value' },
      series: [
        {
          type: 'bar',
          name: t('insight.dashboard.amount'),
          data: [d.forecastVsTarget.closedWon, d.forecastVsTarget.commit, d.forecastVsTarget.bestCase, d.forecastVsTarget.pipeline, d.forecastVsTarget.weighted].map((v) => v / 100),
          markLine: d.forecastVsTarget.quota === null ? undefined : { symbol: 'none', silent: true, label: { formatter: t('insight.forecast.quota') }, data: [{ yAxis: d.forecastVsTarget.quota / 100 }], lineStyle: { type: 'dashed', color: '#f5222d' } },
        },
      ],
    },
    winRate: {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid,
      xAxis: { type: 'category', data: d.winRate.map((m) => m.month) },
      yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }],
      series: [
        { id: 'won', type: 'bar', stack: 'closed', name: t('insight.dashboard.won'), itemStyle: { color: '#52c41a' }, data: d.winRate.map((m) => m.won) },
        { id: 'lost', type: 'bar', stack: 'closed', name: t('insight.dashboard.lost'), itemStyle: { color: '#f5222d' }, data: d.winRate.map((m) => m.lost) },
        { id: 'rate', type: 'line', yAxisIndex: 1, name: t('insight.dashboard.winRate'), data: d.winRate.map((m) => (m.winRate === null ? null : Math.round(m.winRate * 1000) / 10)) },
      ],
    },
    feedback: {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid,
      xAxis: { type: 'category', data: d.feedbackTrends.months },
      yAxis: { type: 'value', minInterval: 1 },
      series: FEEDBACK_CATEGORIES.map((c) => ({ id: c, type: 'line', name: t(`insight.feedbackCategory.${c}`), data: d.feedbackTrends.months.map((m) => d.feedbackTrends.points.filter((p) => p.month === m && p.category === c).reduce((a, p) => a + p.count, 0)) })),
    },
  };
}

