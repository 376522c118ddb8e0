import type { ButtonProps } from 'antd';
import { App, Button, Card, Drawer, Flex, InputNumber, Modal, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined } from '@ant-design/icons';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatMinorWhole, toMinor } from '../../../lib/format.js';
import { opportunitiesLink, periodEnd, useAccuracy, useForecast, useInsightMutations, useRepDeals, useTargets, type Forecast, type ForecastCategory, type ForecastFigures, type Period } from './api.js';
import { EChart } from './EChart.js';
import { FORECAST_CATEGORIES, money, percent, times } from './labels.js';
import { PeriodPicker, usePeriod } from './PeriodPicker.js';

type Row = ForecastFigures & { key: string; kind: 'team' | 'rep' | 'total'; id: string; name: string; children?: Row[] };

/** Team rows with their sub-teams and reps as children; reps without a visible team at the top. */
export function forecastTree(f: Forecast): Row[] {
  const repRow = (r: Forecast['reps'][number]): Row => ({ ...r, key: `rep:${r.userId}`, kind: 'rep', id: r.userId });
  const teamIds = new Set(f.teams.map((t) => t.teamId));
  const build = (parentId: string | null): Row[] => {
    const teams = f.teams.filter((t) => (parentId === null ? !t.parentId || !teamIds.has(t.parentId) : t.parentId === parentId));
    return teams.map((t) => ({
      ...t,
      key: `team:${t.teamId}`,
      kind: 'team' as const,
      id: t.teamId,
      children: [...build(t.teamId), ...f.reps.filter((r) => r.teamId === t.teamId).map(repRow)],
    }));
  };
  return [...build(null), ...f.reps.filter((r) => !r.teamId || !teamIds.has(r.teamId)).map(repRow)];
}

/** The forecast meeting: per rep and team for a period, against quota; deals' categories edited inline. */
export default function ForecastPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const [period, setPeriod] = usePeriod();
  const forecast = useForecast(period);
  const accuracy = useAccuracy(period);
  const targets = useTargets(period);
  const m = useInsightMutations();
  const [rep, setRep] = useState<{ id: string; name: string } | null>(null);
  const [quotaFor, setQuotaFor] = useState<{ id: string; name: string; kind: 'user' | 'team' } | null>(null);
  const f = forecast.data;
  const tree = useMemo(() => (f ? forecastTree(f) : []), [f]);

  /** A money figure in whole units (the meeting reads millions, not cents); the exact amount on hover. */
  const amount = (v: number | null) => <span title={money(v, locale)}>{formatMinorWhole(v, locale)}</span>;
  /** Every figure column, in order: the rows and the total row are drawn from this one list. */
  const figures: { key: keyof ForecastFigures; title: string; cell: (r: ForecastFigures) => ReactNode; rowCell?: (r: Row) => ReactNode }[] = [
    ...(['closedWon', 'booked', 'commit', 'bestCase', 'pipeline', 'weighted'] as const).map((key) => ({ key, title: t(`insight.forecast.${key}`), cell: (r: ForecastFigures) => amount(r[key]) })),
    {
      key: 'quota',
      title: t('insight.forecast.quota'),
      cell: (r) => amount(r.quota),
      rowCell: (r) => (
        <Space size={2}>
          {amount(r.quota)}
          {f?.abilities.setQuota && (
            <Tooltip title={t('insight.forecast.setQuota')}>
              <Button size="small" type="text" icon={<EditOutlined />} aria-label={`${t('insight.forecast.setQuota')} — ${r.name}`} onClick={() => setQuotaFor({ id: r.id, name: r.name, kind: r.kind === 'rep' ? 'user' : 'team' })} data-testid={`quota-edit-${r.id}`} />
            </Tooltip>
          )}
        </Space>
      ),
    },
    { key: 'attainment', title: t('insight.forecast.attainment'), cell: (r) => percent(r.attainment) },
    { key: 'orders', title: t('insight.forecast.orders'), cell: (r) => countOf(r.orders, r.ordersQuota) },
    { key: 'newCustomers', title: t('insight.forecast.newCustomers'), cell: (r) => countOf(r.newCustomers, r.newCustomersQuota) },
    { key: 'gap', title: t('insight.forecast.gap'), cell: (r) => amount(r.gap) },
    { key: 'coverage', title: t('insight.forecast.coverage'), cell: (r) => times(r.coverage) },
  ];
  const columns: ColumnsType<Row> = [
    {
      title: t('insight.forecast.name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, r) =>
        r.kind === 'rep' ? (
          <Button type="link" size="small" onClick={() => setRep({ id: r.id, name })} data-testid={`forecast-open-${r.id}`}>
            {name}
          </Button>
        ) : (
          <Typography.Text strong>{name}</Typography.Text>
        ),
    },
    ...figures.map((x) => ({ title: x.title, key: x.key, align: 'right' as const, render: (_: unknown, r: Row) => (x.rowCell ?? x.cell)(r) })),
  ];

  const chartOption = useMemo(() => {
    if (!f) return {};
    const reps = f.reps;
    const series = (['closedWon', 'booked', 'commit', 'bestCase', 'pipeline'] as const).map((k) => ({ id: k, type: 'bar', name: t(`insight.forecast.${k}`), data: reps.map((r) => ({ value: r[k] / 100, userId: r.userId })) }));
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 16, right: 16, top: 24, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: reps.map((r) => r.name) },
      yAxis: { type: 'value' },
      series: [...series, { id: 'quota', type: 'line', name: t('insight.forecast.quota'), data: reps.map((r) => (r.quota === null ? null : r.quota / 100)), lineStyle: { type: 'dashed' }, symbol: 'diamond', symbolSize: 12 }],
    };
  }, [f, t]);

  return (
    <>
      <PageHeader
        title={t('insight.forecast.title')}
        extra={
          <Space>
            <PeriodPicker period={period} onChange={setPeriod} />
            {f?.abilities.takeSnapshot && (
              <Button
                onClick={() => m.takeSnapshot.mutate(period, { onSuccess: () => message.success(t('insight.forecast.snapshotTaken')), onError: (e) => message.error(errorMessage(e, t)) })}
                loading={m.takeSnapshot.isPending}
                data-testid="forecast-snapshot"
              >
                {t('insight.forecast.takeSnapshot')}
              </Button>
            )}
          </Space>
        }
      />
      {forecast.error ? <ErrorAlert error={forecast.error} onRetry={() => forecast.refetch()} /> : null}
      <Table<Row>
        rowKey="key"
        size="small"
        loading={forecast.isLoading}
        columns={columns}
        dataSource={tree}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{ defaultExpandAllRows: true }}
        key={f ? `${period.start}:${tree.length}` : 'loading'}
        onRow={(r) => ({ 'data-testid': r.kind === 'rep' ? `forecast-rep-${r.id}` : `forecast-team-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
        data-testid="forecast-table"
        summary={() =>
          f ? (
            <Table.Summary.Row data-testid="forecast-total">
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t('insight.forecast.total')}</Typography.Text>
              </Table.Summary.Cell>
              {figures.map((x, i) => (
                <Table.Summary.Cell key={x.key} index={i + 1} align="right">
                  {x.cell(f.total)}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
      {f && f.reps.length > 0 && (
        <Card size="small" title={t('insight.forecast.chartTitle', { currency: f.currency })} style={{ marginTop: 16 }}>
          <EChart
            option={chartOption}
            testId="forecast-chart"
            label={t('insight.forecast.chartTitle', { currency: f.currency })}
            onClick={(p) => {
              const r = f.reps[p.dataIndex];
              if (r) setRep({ id: r.userId, name: r.name });
            }}
          />
        </Card>
      )}
      {accuracy.data && (
        <Card size="small" title={t('insight.forecast.accuracyTitle')} style={{ marginTop: 16 }} data-testid="forecast-accuracy">
          <Typography.Paragraph type="secondary">{t('insight.forecast.accuracyHelp')}</Typography.Paragraph>
          <Table
            rowKey="userId"
            size="small"
            pagination={false}
            dataSource={accuracy.data.reps}
            columns={[
              { title: t('insight.forecast.name'), dataIndex: 'name' },
              { title: t('insight.forecast.commitAtStart'), dataIndex: 'commitAtStart', align: 'right', render: (v: number | null) => money(v, locale) },
              { title: t('insight.forecast.booked'), dataIndex: 'booked', align: 'right', render: (v: number) => money(v, locale) },
              { title: t('insight.forecast.accuracy'), dataIndex: 'accuracy', align: 'right', render: (v: number | null) => percent(v) },
            ]}
          />
        </Card>
      )}
      {rep && <RepDealsDrawer period={period} rep={rep} onClose={() => setRep(null)} />}
      {quotaFor && (
        <QuotaModal
          period={period}
          subject={quotaFor}
          targets={targets.data?.items.filter((x) => (quotaFor.kind === 'user' ? x.userId === quotaFor.id : x.teamId === quotaFor.id)) ?? []}
          onClose={() => setQuotaFor(null)}
        />
      )}
    </>
  );
}

/** A count against its quota: "3 / 5", or the count alone without a quota. */
const countOf = (n: number, quota: number | null) => (quota === null ? String(n) : `${n} / ${quota}`);

type Metric = 'revenue' | 'orders' | 'new_customers';

/** Sets one of the subject's quotas for the period: revenue (money) or a count of orders or new customers. */
function QuotaModal({ period, subject, targets, onClose }: { period: Period; subject: { id: string; name: string; kind: 'user' | 'team' }; targets: { metric: string; amount: number; version: number }[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const m = useInsightMutations();
  const [metric, setMetric] = useState<Metric>('revenue');
  const current = targets.find((x) => x.metric === metric);
  const money_ = metric === 'revenue';
  const [amounts, setAmounts] = useState<Partial<Record<Metric, number | null>>>({});
  const amount = metric in amounts ? amounts[metric]! : current ? (money_ ? current.amount / 100 : current.amount) : null;
  const save = () =>
    m.putTarget.mutate(
      { periodKind: period.kind, periodStart: period.start, metric, amount: money_ ? toMinor(amount) : Math.round(amount ?? 0), version: current?.version, ...(subject.kind === 'user' ? { userId: subject.id } : { teamId: subject.id }) },
      { onSuccess: onClose, onError: (e) => message.error(errorMessage(e, t)) },
    );
  return (
    <Modal open title={t('insight.forecast.quotaFor', { name: subject.name })} onOk={save} okButtonProps={{ loading: m.putTarget.isPending, disabled: amount === null, 'data-testid': 'quota-save' } as ButtonProps} onCancel={onClose}>
      <Flex vertical gap={12}>
        <Segmented<Metric>
          value={metric}
          onChange={setMetric}
          options={[
            { value: 'revenue', label: t('insight.forecast.quotaRevenue') },
            { value: 'orders', label: t('insight.forecast.orders') },
            { value: 'new_customers', label: t('insight.forecast.newCustomers') },
          ]}
          data-testid="quota-metric"
        />
        <InputNumber
          key={metric}
          min={0}
          precision={money_ ? 2 : 0}
          value={amount}
          onChange={(v) => setAmounts((a) => ({ ...a, [metric]: v }))}
          style={{ width: '100%' }}
          data-testid="quota-amount"
          aria-label={t('insight.forecast.quota')}
        />
      </Flex>
    </Modal>
  );
}

/** A rep's deals closing in the period; their forecast category is edited in place (PATCH /opportunities/:id). */
function RepDealsDrawer({ period, rep, onClose }: { period: Period; rep: { id: string; name: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const deals = useRepDeals(period, rep.id, periodEnd(period));
  const m = useInsightMutations();
  const items = (deals.data?.items ?? []).filter((d) => d.status !== 'lost');
  return (
    <Drawer open width={760} title={t('insight.forecast.dealsOf', { name: rep.name })} onClose={onClose} data-testid="forecast-deals">
      {deals.error ? <ErrorAlert error={deals.error} /> : null}
      <Table
        rowKey="id"
        size="small"
        loading={deals.isLoading}
        pagination={false}
        dataSource={items}
        columns={[
          { title: t('insight.deal.name'), dataIndex: 'name', render: (v: string, d) => <Typography.Link onClick={() => navigate(`/sales/opportunities/${d.id}`)}>{v}</Typography.Link> },
          { title: t('insight.deal.account'), dataIndex: 'accountName' },
          { title: t('insight.deal.stage'), dataIndex: 'stageName', render: (v: string, d) => (d.status === 'won' ? <Tag color="green">{v}</Tag> : v) },
          { title: t('insight.deal.amount'), dataIndex: 'amountBase', align: 'right', render: (v: number) => money(v, locale) },
          { title: t('insight.deal.closeDate'), dataIndex: 'closeDate' },
          {
            title: t('insight.deal.forecastCategory'),
            dataIndex: 'forecastCategory',
            render: (v: ForecastCategory, d) =>
              d.status === 'open' && d.abilities.update ? (
                <Select
                  size="small"
                  value={v}
                  style={{ width: 130 }}
                  data-testid={`category-${d.id}`}
                  options={FORECAST_CATEGORIES.filter((c) => c !== 'closed').map((c) => ({ value: c, label: t(`insight.category.${c}`) }))}
                  onChange={(forecastCategory) =>
                    m.setCategory.mutate({ id: d.id, version: d.version, forecastCategory }, { onError: (e) => { message.error(errorMessage(e, t)); void deals.refetch(); } })
                  }
                />
              ) : (
                t(`insight.category.${v}`)
              ),
          },
        ]}
      />
      <Button type="link" onClick={() => navigate(opportunitiesLink({ ownerId: rep.id, closeFrom: period.start, closeTo: periodEnd(period) }))}>
        {t('insight.openList')}
      </Button>
    </Drawer>
  );
}
