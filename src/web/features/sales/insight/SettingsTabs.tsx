import type { ButtonProps } from 'antd';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyFieldIssues, fieldIssuesOf } from '../../../lib/forms.js';
import { toMinor } from '../../../lib/format.js';
import { useCompetitors, useExchangeRates, useInsightMutations, useSegments, type Competitor, type Segment } from './api.js';
import { money } from './labels.js';

function useFormErrors(form: ReturnType<typeof Form.useForm>[0], fields: string[]) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (e: unknown) => {
    const issues = fieldIssuesOf(e);
    const rest = applyFieldIssues(form, issues, fields);
    if (rest.length || !issues.length) message.error(errorMessage(e, t));
  };
}

export function CompetitorsTab() {
  const { t } = useTranslation();
  const q = useCompetitors();
  const [editing, setEditing] = useState<Competitor | 'new' | null>(null);
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      {q.data?.pages[0]?.abilities.create && (
        <Button type="primary" onClick={() => setEditing('new')} style={{ marginBottom: 12 }} data-testid="competitor-add">
          {t('insight.settings.addCompetitor')}
        </Button>
      )}
      {q.error ? <ErrorAlert error={q.error} /> : null}
      <Table
        rowKey="id"
        size="small"
        loading={q.isLoading}
        pagination={false}
        dataSource={items}
        data-testid="competitor-table"
        columns={[
          { title: t('insight.settings.name'), dataIndex: 'name', render: (v: string, r) => (r.abilities.update ? <Typography.Link onClick={() => setEditing(r)}>{v}</Typography.Link> : v) },
          { title: t('insight.settings.website'), dataIndex: 'website' },
          { title: t('insight.settings.strengths'), dataIndex: 'strengths' },
          { title: t('insight.settings.weaknesses'), dataIndex: 'weaknesses' },
          { title: t('insight.settings.pricingNotes'), dataIndex: 'pricingNotes' },
        ]}
      />
      <LoadMore shown={items.length} hasMore={!!q.hasNextPage} loading={q.isFetchingNextPage} onMore={() => void q.fetchNextPage()} />
      {editing && <CompetitorModal competitor={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function CompetitorModal({ competitor, onClose }: { competitor: Competitor | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const m = useInsightMutations();
  const onError = useFormErrors(form, ['name', 'website', 'strengths', 'weaknesses', 'pricingNotes']);
  const submit = (v: Record<string, string>) =>
    m.saveCompetitor.mutate({ ...(competitor ? { id: competitor.id, version: competitor.version } : {}), ...v, website: v.website || null }, { onSuccess: onClose, onError });
  return (
    <Modal open title={competitor ? competitor.name : t('insight.settings.addCompetitor')} onOk={() => form.submit()} okButtonProps={{ loading: m.saveCompetitor.isPending, 'data-testid': 'competitor-save' } as ButtonProps} onCancel={onClose}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={competitor ?? {}}>
        <Form.Item name="name" label={t('insight.settings.name')} rules={[{ required: true, message: t('insight.required') }]}>
          <Input maxLength={200} data-testid="competitor-name" />
        </Form.Item>
        <Form.Item name="website" label={t('insight.settings.website')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="strengths" label={t('insight.settings.strengths')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="weaknesses" label={t('insight.settings.weaknesses')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="pricingNotes" label={t('insight.settings.pricingNotes')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function SegmentsTab() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const q = useSegments();
  const [editing, setEditing] = useState<Segment | 'new' | null>(null);
  const [sizing, setSizing] = useState<Segment | null>(null);
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      {q.data?.pages[0]?.abilities.create && (
        <Button type="primary" onClick={() => setEditing('new')} style={{ marginBottom: 12 }} data-testid="segment-add">
          {t('insight.settings.addSegment')}
        </Button>
      )}
      {q.error ? <ErrorAlert error={q.error} /> : null}
      <Table
        rowKey="id"
        size="small"
        loading={q.isLoading}
        pagination={false}
        dataSource={items}
        data-testid="segment-table"
        columns={[
          { title: t('insight.settings.name'), dataIndex: 'name', render: (v: string, r) => (r.abilities.update ? <Typography.Link onClick={() => setEditing(r)}>{v}</Typography.Link> : v) },
          { title: t('insight.settings.description'), dataIndex: 'description' },
          {
            title: t('insight.settings.marketSizes'),
            dataIndex: 'sizes',
            render: (sizes: Segment['sizes'], r) => (
              <Space wrap>
                {sizes.map((s) => (
                  <Typography.Text key={`${s.periodKind}${s.periodStart}`}>
                    {s.periodKind === 'year' ? s.periodStart.slice(0, 4) : `${s.periodStart.slice(0, 4)}-Q${Math.floor((Number(s.periodStart.slice(5, 7)) - 1) / 3) + 1}`}: {money(s.marketSize, locale)}
                  </Typography.Text>
                ))}
                {r.abilities.update && (
                  <Button size="small" onClick={() => setSizing(r)} data-testid={`segment-sizes-${r.id}`}>
                    {t('insight.settings.editSizes')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <LoadMore shown={items.length} hasMore={!!q.hasNextPage} loading={q.isFetchingNextPage} onMore={() => void q.fetchNextPage()} />
      {editing && <SegmentModal segment={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {sizing && <SizesModal segment={sizing} onClose={() => setSizing(null)} />}
    </>
  );
}

function SegmentModal({ segment, onClose }: { segment: Segment | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const m = useInsightMutations();
  const onError = useFormErrors(form, ['name', 'description']);
  return (
    <Modal open title={segment ? segment.name : t('insight.settings.addSegment')} onOk={() => form.submit()} okButtonProps={{ loading: m.saveSegment.isPending } as ButtonProps} onCancel={onClose}>
      <Form form={form} layout="vertical" initialValues={segment ?? {}} onFinish={(v: Record<string, string>) => m.saveSegment.mutate({ ...(segment ? { id: segment.id, version: segment.version } : {}), ...v }, { onSuccess: onClose, onError })}>
        <Form.Item name="name" label={t('insight.settings.name')} rules={[{ required: true, message: t('insight.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('insight.settings.description')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SizesModal({ segment, onClose }: { segment: Segment; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const m = useInsightMutations();
  const onError = useFormErrors(form, []);
  const initial = { sizes: segment.sizes.map((s) => ({ periodKind: s.periodKind, periodStart: dayjs(s.periodStart), marketSize: s.marketSize / 100 })) };
  const submit = (v: { sizes?: { periodKind: 'year' | 'quarter'; periodStart: dayjs.Dayjs; marketSize: number }[] }) =>
    m.putSizes.mutate(
      {
        id: segment.id,
        version: segment.version,
        sizes: (v.sizes ?? []).map((s) => ({ periodKind: s.periodKind, periodStart: (s.periodKind === 'year' ? s.periodStart.startOf('year') : s.periodStart.startOf('month')).format('YYYY-MM-DD'), marketSize: toMinor(s.marketSize) })),
      },
      { onSuccess: onClose, onError },
    );
  return (
    <Modal open width={640} title={t('insight.settings.sizesOf', { name: segment.name })} onOk={() => form.submit()} okButtonProps={{ loading: m.putSizes.isPending } as ButtonProps} onCancel={onClose}>
      <Typography.Paragraph type="secondary">{t('insight.settings.sizesHelp')}</Typography.Paragraph>
      <Form form={form} initialValues={initial} onFinish={submit}>
        <Form.List name="sizes">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'periodKind']} rules={[{ required: true }]}>
                    <Select style={{ width: 110 }} options={[{ value: 'year', label: t('insight.periodKind.year') }, { value: 'quarter', label: t('insight.periodKind.quarter') }]} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => (
                      <Form.Item name={[f.name, 'periodStart']} rules={[{ required: true }]}>
                        <DatePicker picker={form.getFieldValue(['sizes', f.name, 'periodKind']) === 'quarter' ? 'quarter' : 'year'} />
                      </Form.Item>
                    )}
                  </Form.Item>
                  <Form.Item name={[f.name, 'marketSize']} rules={[{ required: true }]}>
                    <InputNumber min={0} precision={2} style={{ width: 180 }} aria-label={t('insight.market.marketSize')} />
                  </Form.Item>
                  <Button type="text" danger onClick={() => remove(f.name)}>
                    {t('insight.remove')}
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({ periodKind: 'year', periodStart: dayjs().startOf('year'), marketSize: 0 })}>{t('insight.settings.addSize')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

export function ExchangeRatesTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useExchangeRates();
  const m = useInsightMutations();
  const [form] = Form.useForm();
  const onError = useFormErrors(form, ['currency', 'rate', 'effectiveFrom']);
  const first = q.data?.pages[0];
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      {first && <Typography.Paragraph type="secondary">{t('insight.settings.ratesHelp', { currency: first.orgCurrency })}</Typography.Paragraph>}
      {first?.abilities.create && (
        <Form
          form={form}
          layout="inline"
          style={{ marginBottom: 12 }}
          data-testid="rate-form"
          onFinish={(v: { currency: string; rate: number; effectiveFrom: dayjs.Dayjs }) =>
            m.addRate.mutate({ currency: v.currency.toUpperCase(), rate: v.rate, effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD') }, { onSuccess: () => form.resetFields(), onError })
          }
        >
          <Form.Item name="currency" rules={[{ required: true, pattern: /^[A-Za-z]{3}$/, message: t('insight.settings.currencyRule') }]}>
            <Input placeholder="USD" maxLength={3} style={{ width: 90 }} data-testid="rate-currency" />
          </Form.Item>
          <Form.Item name="rate" rules={[{ required: true, message: t('insight.required') }]}>
            <InputNumber min={0.000001} step={0.01} placeholder={t('insight.settings.rate')} style={{ width: 140 }} data-testid="rate-rate" />
          </Form.Item>
          <Form.Item name="effectiveFrom" rules={[{ required: true, message: t('insight.required') }]}>
            <DatePicker placeholder={t('insight.settings.effectiveFrom')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={m.addRate.isPending} data-testid="rate-add">
            {t('insight.settings.addRate')}
          </Button>
        </Form>
      )}
      {q.error ? <ErrorAlert error={q.error} /> : null}
      <Table
        rowKey="id"
        size="small"
        loading={q.isLoading}
        pagination={false}
        dataSource={items}
        data-testid="rate-table"
        columns={[
          { title: t('insight.settings.currency'), dataIndex: 'currency' },
          { title: t('insight.settings.rate'), dataIndex: 'rate' },
          { title: t('insight.settings.effectiveFrom'), dataIndex: 'effectiveFrom' },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, r) =>
              first?.abilities.delete && (
                <Popconfirm title={t('insight.settings.deleteRate')} onConfirm={() => m.deleteRate.mutate(r, { onError: (e) => message.error(errorMessage(e, t)) })}>
                  <Button size="small" danger type="text">
                    {t('insight.remove')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <LoadMore shown={items.length} hasMore={!!q.hasNextPage} loading={q.isFetchingNextPage} onMore={() => void q.fetchNextPage()} />
    </>
  );
}
