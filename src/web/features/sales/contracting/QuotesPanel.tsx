import { DeleteOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Descriptions, Empty, Flex, Input, InputNumber, Modal, Select, Space, Statistic, Table, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatMinor, toMinor } from '../../../lib/format.js';
import { useProducts, useQuoteMutations, useQuotes, useQuote, type QuoteAction } from './api.js';
import { percent, QuoteStatusTag } from './labels.js';
import type { Quote, QuoteLineInput } from './types.js';

type DraftLine = { productId: string | null; description: string; quantity: number; unit: string; price: number; discountPercent: number; cost: number };

const toDraft = (q: Quote): DraftLine[] =>
  q.lines.map((l) => ({ productId: l.productId, description: l.description, quantity: l.quantity, unit: l.unit, price: l.unitPrice / 100, discountPercent: l.discountPercent, cost: l.estimatedUnitCost / 100 }));

/** Same arithmetic as src/domain/contracting/quote.ts, for the live preview while editing (the server's totals are the record). */
function preview(lines: DraftLine[]) {
  let net = 0;
  let cost = 0;
  for (const l of lines) {
    net += Math.round(l.quantity * toMinor(l.price) * (1 - l.discountPercent / 100));
    cost += l.quantity * toMinor(l.cost);
  }
  return { net, cost: Math.round(cost), margin: net === 0 ? null : (net - cost) / net };
}

/** The quotes of an opportunity: versions, the line editor with the catalogue, totals and margin, and the approval flow. */
export function QuotesPanel({ opportunityId }: { opportunityId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const list = useQuotes(opportunityId);
  const [selected, setSelected] = useState<string | undefined>();
  const currentId = selected ?? list.data?.items[0]?.id;
  const quote = useQuote(currentId);
  const m = useQuoteMutations(opportunityId);
  const products = useProducts(true);
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [validUntil, setValidUntil] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');

  useEffect(() => {
    if (quote.data) {
      setLines(toDraft(quote.data));
      setValidUntil(quote.data.validUntil);
      setDirty(false);
    }
  }, [quote.data]);

  const q = quote.data;
  const editable = !!q?.abilities.editLines;
  const live = useMemo(() => preview(lines), [lines]);

  const fail = (e: unknown) => message.error(errorMessage(e, t));
  const newVersion = () =>
    m.create.mutate({ fromQuoteId: q?.id }, { onSuccess: (created) => { setSelected(created.id); message.success(t('contracting.quotes.created')); }, onError: fail });
  const save = () => {
    if (!q) return;
    const body: QuoteLineInput[] = lines.map((l) => ({ productId: l.productId, description: l.description, quantity: l.quantity, unit: l.unit, unitPrice: toMinor(l.price), discountPercent: l.discountPercent, estimatedUnitCost: toMinor(l.cost) }));
    m.lines.mutate({ id: q.id, version: q.version, validUntil, lines: body }, { onSuccess: () => message.success(t('contracting.saved')), onError: fail });
  };
  const act = (action: QuoteAction, extra: { note?: string } = {}) =>
    q && m.action.mutate({ id: q.id, action, version: q.version, ...extra }, { onSuccess: () => message.success(t(`contracting.quotes.done.${action}`)), onError: fail });
  const patch = (i: number, p: Partial<DraftLine>) => {
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...p } : l)));
    setDirty(true);
  };
  const pickProduct = (i: number, id: string | null) => {
    const p = products.data?.items.find((x) => x.id === id);
    patch(i, p ? { productId: p.id, description: p.name, unit: p.unit, price: p.listPrice / 100, cost: p.estimatedUnitCost / 100 } : { productId: null });
  };

  if (list.error) return <ErrorAlert error={list.error} onRetry={() => list.refetch()} />;
  const canCreate = !!list.data?.abilities.create;

  return (
    <Card
      title={t('contracting.quotes.title')}
      data-testid="quotes-panel"
      loading={list.isLoading}
      extra={
        <Space wrap>
          {list.data && list.data.items.length > 0 ? (
            <Select
              size="small"
              style={{ minWidth: 200 }}
              value={currentId}
              onChange={setSelected}
              data-testid="quote-version-select"
              options={list.data.items.map((x) => ({ value: x.id, label: `${x.number} v${x.quoteVersion} · ${t(`contracting.quoteStatus.${x.status}`)}` }))}
            />
          ) : null}
          {canCreate ? (
            <Button size="small" icon={<PlusOutlined />} onClick={newVersion} loading={m.create.isPending} data-testid="quote-new">
              {q ? t('contracting.quotes.newVersion') : t('contracting.quotes.new')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {!q ? (
        <Empty description={t('contracting.quotes.empty')} />
      ) : (
        <Flex vertical gap={12}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('contracting.quotes.number')}>{q.number} v{q.quoteVersion}</Descriptions.Item>
            <Descriptions.Item label={t('contracting.status')}><QuoteStatusTag status={q.status} /></Descriptions.Item>
            <Descriptions.Item label={t('contracting.quotes.validUntil')}>
              {editable ? (
                <DatePicker size="small" value={validUntil ? dayjs(validUntil) : null} onChange={(d) => { setValidUntil(d ? d.format('YYYY-MM-DD') : null); setDirty(true); }} data-testid="quote-valid-until" />
              ) : (q.validUntil ?? '—')}
            </Descriptions.Item>
            {q.approvalNote ? <Descriptions.Item label={t('contracting.quotes.approvalNote')} span={3}>{q.approvalNote}</Descriptions.Item> : null}
          </Descriptions>
          <Table
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            dataSource={lines}
            scroll={{ x: 900 }}
            data-testid="quote-lines"
            columns={[
              {
                title: t('contracting.quotes.product'), width: 180,
                render: (_, l, i) => editable ? (
                  <Select allowClear showSearch optionFilterProp="label" size="small" style={{ width: '100%' }} value={l.productId ?? undefined} onChange={(v) => pickProduct(i, v ?? null)}
                    data-testid={`quote-line-product-${i}`} options={products.data?.items.map((p) => ({ value: p.id, label: `${p.code} · ${p.name}` }))} />
                ) : (products.data?.items.find((p) => p.id === l.productId)?.code ?? '—'),
              },
              { title: t('contracting.quotes.description'), render: (_, l, i) => editable ? <Input size="small" value={l.description} onChange={(e) => patch(i, { description: e.target.value })} data-testid={`quote-line-description-${i}`} /> : l.description },
              { title: t('contracting.quotes.quantity'), width: 100, render: (_, l, i) => editable ? <InputNumber size="small" min={0} value={l.quantity} onChange={(v) => patch(i, { quantity: Number(v ?? 0) })} data-testid={`quote-line-quantity-${i}`} /> : l.quantity },
              { title: t('contracting.quotes.unit'), width: 80, render: (_, l, i) => editable ? <Input size="small" value={l.unit} onChange={(e) => patch(i, { unit: e.target.value })} data-testid={`quote-line-unit-${i}`} /> : l.unit },
              { title: t('contracting.quotes.unitPrice'), width: 130, align: 'right', render: (_, l, i) => editable ? <InputNumber size="small" min={0} precision={2} value={l.price} onChange={(v) => patch(i, { price: Number(v ?? 0) })} data-testid={`quote-line-price-${i}`} /> : formatMinor(toMinor(l.price), locale) },
              { title: t('contracting.quotes.discount'), width: 100, align: 'right', render: (_, l, i) => editable ? <InputNumber size="small" min={0} max={100} value={l.discountPercent} onChange={(v) => patch(i, { discountPercent: Number(v ?? 0) })} data-testid={`quote-line-discount-${i}`} /> : `${l.discountPercent}%` },
              { title: t('contracting.quotes.unitCost'), width: 130, align: 'right', render: (_, l, i) => editable ? <InputNumber size="small" min={0} precision={2} value={l.cost} onChange={(v) => patch(i, { cost: Number(v ?? 0) })} data-testid={`quote-line-cost-${i}`} /> : formatMinor(toMinor(l.cost), locale) },
              { title: t('contracting.quotes.net'), width: 130, align: 'right', render: (_, l) => formatMinor(Math.round(l.quantity * toMinor(l.price) * (1 - l.discountPercent / 100)), locale) },
              ...(editable ? [{ title: '', width: 40, render: (_: unknown, __: DraftLine, i: number) => <Button size="small" type="text" aria-label={t('contracting.remove')} icon={<DeleteOutlined />} onClick={() => { setLines((ls) => ls.filter((_, j) => j !== i)); setDirty(true); }} /> }] : []),
            ]}
          />
          {editable ? (
            <Space>
              <Button size="small" icon={<PlusOutlined />} data-testid="quote-line-add" onClick={() => { setLines((ls) => [...ls, { productId: null, description: '', quantity: 1, unit: t('contracting.quotes.defaultUnit'), price: 0, discountPercent: 0, cost: 0 }]); setDirty(true); }}>
                {t('contracting.quotes.addLine')}
              </Button>
              <Button size="small" type="primary" disabled={!dirty} loading={m.lines.isPending} onClick={save} data-testid="quote-save">{t('contracting.quotes.saveLines')}</Button>
            </Space>
          ) : null}
          <Flex gap={32} wrap>
            <Statistic title={t('contracting.quotes.listTotal')} value={formatMinor(q.listTotal, locale)} suffix={q.currency} />
            <Statistic title={t('contracting.quotes.netTotal')} value={formatMinor(dirty ? live.net : q.netTotal, locale)} suffix={q.currency} data-testid="quote-net-total" />
            <Statistic title={t('contracting.quotes.costTotal')} value={formatMinor(dirty ? live.cost : q.costTotal, locale)} suffix={q.currency} />
            <Statistic title={t('contracting.quotes.margin')} value={percent(dirty ? live.margin : q.margin)} data-testid="quote-margin" />
            <Statistic title={t('contracting.quotes.maxDiscount')} value={`${q.maxDiscountPercent}%`} suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('contracting.quotes.limit', { limit: q.discountApprovalPercent })}</Typography.Text>} />
          </Flex>
          <Space wrap>
            {q.abilities.submit ? <Button type="primary" disabled={dirty} onClick={() => act('submit')} data-testid="quote-submit">{t('contracting.quotes.submit')}</Button> : null}
            {q.abilities.approve ? <Button type="primary" onClick={() => act('approve')} data-testid="quote-approve">{t('contracting.quotes.approve')}</Button> : null}
            {q.abilities.rejectApproval ? <Button danger onClick={() => setRejecting(true)} data-testid="quote-reject-approval">{t('contracting.quotes.rejectApproval')}</Button> : null}
            {q.abilities.send ? <Button type="primary" onClick={() => act('send')} data-testid="quote-send">{t('contracting.quotes.send')}</Button> : null}
            {q.abilities.accept ? <Button type="primary" onClick={() => act('accept')} data-testid="quote-accept">{t('contracting.quotes.accept')}</Button> : null}
            {q.abilities.reject ? <Button danger onClick={() => act('reject')} data-testid="quote-reject">{t('contracting.quotes.reject')}</Button> : null}
            <Link to={`/sales/quotes/${q.id}/print`} target="_blank" data-testid="quote-print"><PrinterOutlined /> {t('contracting.quotes.print')}</Link>
          </Space>
          {q.status === 'pending_approval' && !q.abilities.approve ? <Typography.Text type="warning">{t('contracting.quotes.waiting')}</Typography.Text> : null}
        </Flex>
      )}
      <Modal open={rejecting} title={t('contracting.quotes.rejectApproval')} onCancel={() => setRejecting(false)} okButtonProps={{ disabled: !note.trim(), 'data-testid': 'quote-reject-approval-ok' } as ButtonProps}
        onOk={() => { act('reject-approval', { note }); setRejecting(false); setNote(''); }}>
        <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('contracting.quotes.rejectReason')} data-testid="quote-reject-note" />
      </Modal>
    </Card>
  );
}
