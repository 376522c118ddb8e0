import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Flex, Form, Input, InputNumber, Modal, Progress, Space, Table, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatMinor, toMinor } from '../../../lib/format.js';
import { useContractMutations, useOrder } from './api.js';
import { today } from './labels.js';
import type { ContractDetail, Order } from './types.js';

/** The order of a signed contract: its lines, billing milestones and how much is invoiced and paid. */
export function OrderSection({ contract }: { contract: ContractDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const m = useContractMutations();
  const order = useOrder(contract.orderId);
  if (!contract.orderId) {
    if (contract.status !== 'signed' && contract.status !== 'active') return null;
    return (
      <Card title={t('contracting.orders.title')}>
        <Empty description={t('contracting.orders.none')}>
          {contract.abilities.update ? (
            <Button type="primary" loading={m.order.isPending} data-testid="order-create"
              onClick={() => m.order.mutate({ id: contract.id, version: contract.version }, { onError: (e) => message.error(errorMessage(e, t)) })}>
              {t('contracting.orders.create')}
            </Button>
          ) : null}
        </Empty>
      </Card>
    );
  }
  if (order.error) return <ErrorAlert2 error={order.error} />;
  if (!order.data) return <Card loading />;
  return <OrderCard o={order.data} />;
}

function ErrorAlert2({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return <Typography.Text type="danger">{errorMessage(error, t)}</Typography.Text>;
}

function OrderCard({ o }: { o: Order }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const m = useContractMutations();
  const [editing, setEditing] = useState<{ milestones: { name: string; amount: number; dueDate: dayjs.Dayjs }[] } | null>(null);
  const [form] = Form.useForm();
  const fail = (e: unknown) => message.error(errorMessage(e, t));
  const save = async () => {
    const v = await form.validateFields();
    const milestones = (v.milestones as { name: string; amount: number; dueDate: dayjs.Dayjs }[]).map((x) => ({ name: x.name, amount: toMinor(x.amount), dueDate: x.dueDate.format('YYYY-MM-DD') }));
    m.milestones.mutate({ id: o.id, version: o.version, milestones }, { onSuccess: () => setEditing(null), onError: fail });
  };
  const pct = (v: number) => (o.value ? Math.round((v / o.value) * 100) : 0);
  return (
    <Card title={`${t('contracting.orders.title')} ${o.number}`} data-testid="order-section"
      extra={o.abilities.editMilestones ? <Button size="small" onClick={() => setEditing({ milestones: o.milestones.length ? o.milestones.map((x) => ({ name: x.name, amount: x.amount / 100, dueDate: dayjs(x.dueDate) })) : [{ name: t('contracting.orders.defaultMilestone'), amount: o.value / 100, dueDate: dayjs() }] })} data-testid="milestones-edit">{t('contracting.orders.editMilestones')}</Button> : null}>
      <Flex gap={32} wrap style={{ marginBottom: 16 }}>
        <div><Typography.Text type="secondary">{t('contracting.orders.value')}</Typography.Text><div>{formatMinor(o.value, locale)} {o.currency}</div></div>
        <div style={{ minWidth: 220 }}><Typography.Text type="secondary">{t('contracting.orders.invoiced')}</Typography.Text><Progress percent={pct(o.invoicedTotal)} size="small" data-testid="order-invoiced" data-percent={pct(o.invoicedTotal)} /></div>
        <div style={{ minWidth: 220 }}><Typography.Text type="secondary">{t('contracting.orders.paid')}</Typography.Text><Progress percent={pct(o.paidTotal)} size="small" status="success" data-testid="order-paid" data-percent={pct(o.paidTotal)} /></div>
        <div><Typography.Text type="secondary">{t('contracting.status')}</Typography.Text><div data-testid="order-status" data-status={o.status}>{t(`contracting.orderStatus.${o.status}`)}</div></div>
      </Flex>
      <Table size="small" rowKey="id" pagination={false} dataSource={o.milestones} data-testid="milestones-table" locale={{ emptyText: t('contracting.orders.noMilestones') }}
        columns={[
          { title: t('contracting.orders.milestone'), dataIndex: 'name' },
          { title: t('contracting.orders.amount'), align: 'right', render: (_, x) => formatMinor(x.amount, locale) },
          { title: t('contracting.orders.dueDate'), dataIndex: 'dueDate' },
          { title: t('contracting.orders.invoicedOn'), render: (_, x) => x.invoicedOn ?? (o.abilities.update ? <Button size="small" data-testid="milestone-invoice" onClick={() => m.milestone.mutate({ id: x.id, what: 'invoice', version: x.version, date: today() }, { onError: fail })}>{t('contracting.orders.invoice')}</Button> : '—') },
          { title: t('contracting.orders.paidOn'), render: (_, x) => x.paidOn ?? (o.abilities.update && x.invoicedOn ? <Button size="small" data-testid="milestone-pay" onClick={() => m.milestone.mutate({ id: x.id, what: 'pay', version: x.version, date: today() }, { onError: fail })}>{t('contracting.orders.pay')}</Button> : '—') },
        ]}
      />
      {o.lines.length ? (
        <Table size="small" rowKey="id" pagination={false} dataSource={o.lines} style={{ marginTop: 16 }}
          columns={[
            { title: t('contracting.quotes.description'), dataIndex: 'description' },
            { title: t('contracting.quotes.quantity'), dataIndex: 'quantity' },
            { title: t('contracting.quotes.unit'), dataIndex: 'unit' },
            { title: t('contracting.quotes.net'), align: 'right', render: (_, l) => formatMinor(l.netAmount, locale) },
          ]}
        />
      ) : null}
      <Modal open={editing !== null} destroyOnHidden width={720} title={t('contracting.orders.editMilestones')} onCancel={() => setEditing(null)} onOk={save} confirmLoading={m.milestones.isPending} okButtonProps={{ 'data-testid': 'milestones-ok' } as ButtonProps}>
        <Typography.Paragraph type="secondary">{t('contracting.orders.sumHint', { value: formatMinor(o.value, locale) })}</Typography.Paragraph>
        <Form form={form} initialValues={editing ?? undefined}>
          <Form.List name="milestones">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}><Input placeholder={t('contracting.orders.milestone')} data-testid={`milestone-name-${i}`} /></Form.Item>
                    <Form.Item name={[f.name, 'amount']} rules={[{ required: true }]}><InputNumber min={0} precision={2} placeholder={t('contracting.orders.amount')} data-testid={`milestone-amount-${i}`} /></Form.Item>
                    <Form.Item name={[f.name, 'dueDate']} rules={[{ required: true }]}><DatePicker data-testid={`milestone-due-${i}`} /></Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} aria-label={t('contracting.remove')} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ name: '', amount: 0, dueDate: dayjs() })} data-testid="milestone-add">{t('contracting.orders.addMilestone')}</Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}
