import type { ButtonProps } from 'antd';
import { App, Button, Card, Col, DatePicker, Drawer, Form, Input, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyFieldIssues, fieldIssuesOf } from '../../../lib/forms.js';
import { periodEnd, shiftPeriod, useFeedback, useFeedbackTrends, useInsightMutations, useMarket, useMarketDeals, useSegments, type DealsFilter, type FeedbackFilter, type FeedbackTrends, type Period } from './api.js';
import { EChart } from './EChart.js';
import { FEEDBACK_CATEGORIES, money, percent, SENTIMENTS } from './labels.js';
import { PeriodPicker, usePeriod } from './PeriodPicker.js';

/** Market insight: win/loss by competitor and reason, market share per segment, the feedback log and its trends. */
export default function MarketPage() {
  const { t } = useTranslation();
  const [period, setPeriod] = usePeriod();
  const market = useMarket(period);
  const [deals, setDeals] = useState<DealsFilter | null>(null);
  // The dashboard's feedback chart links here with the month and category it was clicked on.
  const [params] = useSearchParams();
  const [filter, setFilter] = useState<FeedbackFilter>(() => {
    const category = params.get('feedbackCategory');
    return {
      category: (FEEDBACK_CATEGORIES as readonly string[]).includes(category ?? '') ? (category as FeedbackFilter['category']) : undefined,
      from: params.get('feedbackFrom') ?? undefined,
      to: params.get('feedbackTo') ?? undefined,
    };
  });
  const d = market.data;

  const winLoss = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 16, right: 16, top: 24, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: (d?.competitors ?? []).map((c) => c.name) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { id: 'won', type: 'bar', name: t('insight.market.wonAgainst'), itemStyle: { color: '#52c41a' }, data: (d?.competitors ?? []).map((c) => c.wonAgainst) },
        { id: 'lost', type: 'bar', name: t('insight.market.lostTo'), itemStyle: { color: '#f5222d' }, data: (d?.competitors ?? []).map((c) => c.lostTo) },
      ],
    }),
    [d, t],
  );
  const reasons = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['40%', '70%'], center: ['50%', '45%'], data: (d?.lostReasons ?? []).map((r) => ({ name: r.reason ?? t('insight.market.noReason'), value: r.count, reason: r.reason })) }],
    }),
    [d, t],
  );
  const shares = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      grid: { left: 16, right: 16, top: 24, bottom: 24, containLabel: true },
      xAxis: { type: 'category', data: (d?.segments ?? []).map((s) => s.name) },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [{ type: 'bar', name: t('insight.market.share'), data: (d?.segments ?? []).map((s) => (s.share === null ? 0 : Math.round(s.share * 1000) / 10)) }],
    }),
    [d, t],
  );

  return (
    <>
      <PageHeader title={t('insight.market.title')} extra={<PeriodPicker period={period} onChange={setPeriod} />} />
      {market.error ? <ErrorAlert error={market.error} onRetry={() => market.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('insight.market.winLossTitle')}>
            {d && d.competitors.length === 0 ? (
              <Typography.Text type="secondary">{t('insight.noData')}</Typography.Text>
            ) : (
              <EChart
                option={winLoss}
                testId="market-winloss-chart"
                label={t('insight.market.winLossTitle')}
                onClick={(p) => {
                  const c = d?.competitors[p.dataIndex];
                  if (c) setDeals({ outcome: p.seriesId === 'won' ? 'won' : 'lost', competitorId: c.competitorId, title: `${c.name} · ${p.seriesName}` });
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('insight.market.lostReasonsTitle')}>
            {d && d.lostReasons.length === 0 ? (
              <Typography.Text type="secondary">{t('insight.noData')}</Typography.Text>
            ) : (
              <EChart
                option={reasons}
                testId="market-reasons-chart"
                label={t('insight.market.lostReasonsTitle')}
                onClick={(p) => {
                  const r = d?.lostReasons[p.dataIndex];
                  if (r) setDeals({ outcome: 'lost', reason: r.reason ?? undefined, title: p.name });
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('insight.market.segmentsTitle')}>
            <Typography.Paragraph type="secondary">{t('insight.market.shareHelp')}</Typography.Paragraph>
            <Row gutter={16}>
              <Col xs={24} lg={12}>
                <EChart
                  option={shares}
                  height={260}
                  testId="market-share-chart"
                  label={t('insight.market.segmentsTitle')}
                  onClick={(p) => {
                    const s = d?.segments[p.dataIndex];
                    if (s) setDeals({ outcome: 'won', segmentId: s.segmentId, title: s.name });
                  }}
                />
              </Col>
              <Col xs={24} lg={12}>
                <SegmentTable segments={d?.segments ?? []} onOpen={(s) => setDeals({ outcome: 'won', segmentId: s.segmentId, title: s.name })} />
              </Col>
            </Row>
          </Card>
        </Col>
        <Col xs={24}>
          <FeedbackSection period={period} filter={filter} setFilter={setFilter} />
        </Col>
      </Row>
      {deals && <DealsDrawer period={period} filter={deals} onClose={() => setDeals(null)} />}
    </>
  );
}

function SegmentTable({ segments, onOpen }: { segments: { segmentId: string; name: string; marketSize: number | null; sizePeriodKind: string | null; booked: number; share: number | null }[]; onOpen: (s: { segmentId: string; name: string }) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Table
      rowKey="segmentId"
      size="small"
      pagination={false}
      dataSource={segments}
      data-testid="market-segments"
      columns={[
        { title: t('insight.market.segment'), dataIndex: 'name', render: (v: string, s) => <Typography.Link onClick={() => onOpen(s)}>{v}</Typography.Link> },
        { title: t('insight.market.marketSize'), dataIndex: 'marketSize', align: 'right', render: (v: number | null, s) => (v === null ? '—' : `${money(v, locale)}${s.sizePeriodKind === 'year' ? ` (${t('insight.periodKind.year')})` : ''}`) },
        { title: t('insight.market.booked'), dataIndex: 'booked', align: 'right', render: (v: number) => money(v, locale) },
        { title: t('insight.market.share'), dataIndex: 'share', align: 'right', render: (v: number | null) => percent(v) },
      ]}
    />
  );
}

/** The deals behind a chart element, from /market/deals (scoped like every sales list). */
function DealsDrawer({ period, filter, onClose }: { period: Period; filter: DealsFilter; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const deals = useMarketDeals(period, filter);
  return (
    <Drawer open width={720} title={filter.title} onClose={onClose} data-testid="market-deals">
      {deals.error ? <ErrorAlert error={deals.error} /> : null}
      <Table
        rowKey="id"
        size="small"
        loading={deals.isLoading}
        pagination={false}
        dataSource={deals.data?.items ?? []}
        columns={[
          { title: t('insight.deal.name'), dataIndex: 'name', render: (v: string, r) => <Typography.Link onClick={() => navigate(`/sales/opportunities/${r.id}`)}>{v}</Typography.Link> },
          { title: t('insight.deal.account'), dataIndex: 'accountName' },
          { title: t('insight.deal.owner'), dataIndex: 'ownerName' },
          { title: t('insight.deal.amount'), dataIndex: 'amountBase', align: 'right', render: (v: number) => money(v, locale) },
          { title: t('insight.deal.closeDate'), dataIndex: 'closeDate' },
          { title: t('insight.deal.lostReason'), dataIndex: 'lostReason' },
        ]}
      />
    </Drawer>
  );
}

function trendOption(trends: FeedbackTrends | undefined, t: (k: string) => string) {
  const months = trends?.months ?? [];
  const byCat = (c: string) => months.map((m) => (trends?.points ?? []).filter((p) => p.month === m && p.category === c).reduce((a, p) => a + p.count, 0));
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 16, right: 16, top: 24, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', minInterval: 1 },
    series: FEEDBACK_CATEGORIES.map((c) => ({ id: c, type: 'line', name: t(`insight.feedbackCategory.${c}`), data: byCat(c) })),
  };
}

/** Feedback trend lines for the twelve months ending with the period; a point filters the log to that month and category. */
export function FeedbackTrendChart({ period, onPick }: { period: Period; onPick: (category: string, month: string) => void }) {
  const { t } = useTranslation();
  const to = periodEnd(period);
  const from = shiftPeriod({ kind: 'month', start: `${to.slice(0, 7)}-01` }, -11).start;
  const trends = useFeedbackTrends(from, to);
  const option = useMemo(() => trendOption(trends.data, t as unknown as (k: string) => string), [trends.data, t]);
  return (
    <EChart
      option={option}
      height={260}
      testId="feedback-trend-chart"
      label={t('insight.feedback.trendsTitle')}
      onClick={(p) => {
        const month = trends.data?.months[p.dataIndex];
        if (month && p.seriesId) onPick(p.seriesId, month);
      }}
    />
  );
}

function FeedbackSection({ period, filter, setFilter }: { period: Period; filter: FeedbackFilter; setFilter: (f: FeedbackFilter) => void }) {
  const { t } = useTranslation();
  const feedback = useFeedback(filter);
  const segments = useSegments();
  const [adding, setAdding] = useState(false);
  const items = feedback.data?.pages.flatMap((p) => p.items) ?? [];
  const canAdd = feedback.data?.pages[0]?.abilities.create;
  const sentimentColour = { positive: 'green', neutral: 'default', negative: 'red' } as const;
  const monthEnd = (m: string) => {
    const [y, mo] = m.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
  };
  return (
    <Card
      size="small"
      title={t('insight.feedback.title')}
      extra={
        canAdd && (
          <Button type="primary" onClick={() => setAdding(true)} data-testid="feedback-add">
            {t('insight.feedback.add')}
          </Button>
        )
      }
    >
      <FeedbackTrendChart period={period} onPick={(category, month) => setFilter({ category: category as FeedbackFilter['category'], from: `${month}-01`, to: monthEnd(month) })} />
      <Space wrap style={{ margin: '12px 0' }} data-testid="feedback-filters">
        <Select allowClear placeholder={t('insight.feedback.category')} style={{ width: 150 }} value={filter.category} onChange={(category) => setFilter({ ...filter, category })} options={FEEDBACK_CATEGORIES.map((c) => ({ value: c, label: t(`insight.feedbackCategory.${c}`) }))} />
        <Select allowClear placeholder={t('insight.feedback.sentiment')} style={{ width: 150 }} value={filter.sentiment} onChange={(sentiment) => setFilter({ ...filter, sentiment })} options={SENTIMENTS.map((c) => ({ value: c, label: t(`insight.sentiment.${c}`) }))} />
        <Select allowClear placeholder={t('insight.feedback.segment')} style={{ width: 200 }} value={filter.segmentId} onChange={(segmentId) => setFilter({ ...filter, segmentId })} options={(segments.data?.pages.flatMap((p) => p.items) ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        <Input.Search allowClear placeholder={t('insight.feedback.tag')} style={{ width: 160 }} defaultValue={filter.tag} onSearch={(tag) => setFilter({ ...filter, tag: tag || undefined })} />
        <DatePicker.RangePicker
          value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
          onChange={(r) => setFilter({ ...filter, from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
        />
        <Button onClick={() => setFilter({})}>{t('insight.feedback.clear')}</Button>
      </Space>
      {feedback.error ? <ErrorAlert error={feedback.error} /> : null}
      <Table
        rowKey="id"
        size="small"
        loading={feedback.isLoading}
        pagination={false}
        dataSource={items}
        data-testid="feedback-log"
        columns={[
          { title: t('insight.feedback.recordedOn'), dataIndex: 'recordedOn', width: 110 },
          { title: t('insight.feedback.category'), dataIndex: 'category', render: (v: (typeof FEEDBACK_CATEGORIES)[number]) => t(`insight.feedbackCategory.${v}`) },
          { title: t('insight.feedback.sentiment'), dataIndex: 'sentiment', render: (v: keyof typeof sentimentColour) => <Tag color={sentimentColour[v]}>{t(`insight.sentiment.${v}`)}</Tag> },
          { title: t('insight.feedback.text'), dataIndex: 'text' },
          { title: t('insight.feedback.source'), dataIndex: 'source' },
          { title: t('insight.feedback.account'), dataIndex: 'accountName' },
          { title: t('insight.feedback.tags'), dataIndex: 'tags', render: (tags: string[]) => tags.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: t('insight.feedback.recordedBy'), dataIndex: 'recordedByName' },
        ]}
      />
      <LoadMore shown={items.length} hasMore={!!feedback.hasNextPage} loading={feedback.isFetchingNextPage} onMore={() => void feedback.fetchNextPage()} testId="feedback-more" />
      {adding && <FeedbackModal onClose={() => setAdding(false)} />}
    </Card>
  );
}

function FeedbackModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const m = useInsightMutations();
  const segments = useSegments();
  const submit = (v: { source: string; category: string; sentiment: string; text: string; product?: string; segmentId?: string; tags?: string[]; recordedOn: dayjs.Dayjs }) =>
    m.addFeedback.mutate(
      { source: v.source, category: v.category as never, sentiment: v.sentiment as never, text: v.text, product: v.product || null, segmentId: v.segmentId ?? null, tags: v.tags ?? [], recordedOn: v.recordedOn.format('YYYY-MM-DD') },
      {
        onSuccess: onClose,
        onError: (e) => {
          const rest = applyFieldIssues(form, fieldIssuesOf(e), ['source', 'category', 'sentiment', 'text', 'product', 'segmentId', 'tags', 'recordedOn']);
          if (rest.length || !fieldIssuesOf(e).length) message.error(errorMessage(e, t));
        },
      },
    );
  return (
    <Modal open title={t('insight.feedback.add')} onOk={() => form.submit()} okButtonProps={{ loading: m.addFeedback.isPending, 'data-testid': 'feedback-save' } as ButtonProps} onCancel={onClose}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ recordedOn: dayjs(), category: 'price', sentiment: 'neutral' }} data-testid="feedback-form">
        <Form.Item name="source" label={t('insight.feedback.source')} rules={[{ required: true, message: t('insight.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space>
          <Form.Item name="category" label={t('insight.feedback.category')} rules={[{ required: true }]}>
            <Select style={{ width: 150 }} options={FEEDBACK_CATEGORIES.map((c) => ({ value: c, label: t(`insight.feedbackCategory.${c}`) }))} />
          </Form.Item>
          <Form.Item name="sentiment" label={t('insight.feedback.sentiment')} rules={[{ required: true }]}>
            <Select style={{ width: 150 }} options={SENTIMENTS.map((c) => ({ value: c, label: t(`insight.sentiment.${c}`) }))} />
          </Form.Item>
          <Form.Item name="recordedOn" label={t('insight.feedback.recordedOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="text" label={t('insight.feedback.text')} rules={[{ required: true, message: t('insight.required') }]}>
          <Input.TextArea rows={3} maxLength={8000} />
        </Form.Item>
        <Form.Item name="product" label={t('insight.feedback.product')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="segmentId" label={t('insight.feedback.segment')}>
          <Select allowClear options={(segments.data?.pages.flatMap((p) => p.items) ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="tags" label={t('insight.feedback.tags')}>
          <Select mode="tags" tokenSeparators={[',']} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
