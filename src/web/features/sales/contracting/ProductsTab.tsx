import { App, Button, Form, Input, InputNumber, Modal, Select, Switch, Table, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyFieldIssues, fieldIssuesOf } from '../../../lib/forms.js';
import { formatMinor, toMinor } from '../../../lib/format.js';
import { PRODUCT_KIND_LIST } from './constants.js';
import { useProductMutations, useProducts } from './api.js';
import type { Product } from './types.js';

const FIELDS = ['code', 'name', 'kind', 'unit', 'listPrice', 'currency', 'estimatedUnitCost', 'active'] as const;

/** The products and services catalogue that quotes pick from. */
export function ProductsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const list = useProducts();
  const m = useProductMutations();
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [form] = Form.useForm();
  const open = (p: Product | 'new') => setEditing(p);
  const initial = editing === null ? undefined : editing === 'new' ? { kind: 'service_hours', currency: 'CNY', active: true } : { ...editing, listPrice: editing.listPrice / 100, estimatedUnitCost: editing.estimatedUnitCost / 100 };
  const save = async () => {
    const v = await form.validateFields();
    const body = { ...v, listPrice: toMinor(v.listPrice), estimatedUnitCost: toMinor(v.estimatedUnitCost) };
    const onError = (e: unknown) => {
      const rest = applyFieldIssues(form, fieldIssuesOf(e), FIELDS);
      if (rest.length || !fieldIssuesOf(e).length) message.error(errorMessage(e, t));
    };
    if (editing === 'new') m.create.mutate(body, { onSuccess: () => setEditing(null), onError });
    else if (editing) m.update.mutate({ id: editing.id, version: editing.version, ...body }, { onSuccess: () => setEditing(null), onError });
  };
  if (list.error) return <ErrorAlert error={list.error} onRetry={() => list.refetch()} />;
  return (
    <>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => open('new')} data-testid="product-new">{t('contracting.products.new')}</Button>
      <Table<Product> size="small" rowKey="id" loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={false} data-testid="products-table"
        onRow={(p) => ({ onClick: () => open(p), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('contracting.products.code'), dataIndex: 'code' },
          { title: t('contracting.products.name'), dataIndex: 'name' },
          { title: t('contracting.products.kind'), dataIndex: 'kind', render: (k: Product['kind']) => t(`contracting.products.kinds.${k}`) },
          { title: t('contracting.quotes.unit'), dataIndex: 'unit' },
          { title: t('contracting.products.listPrice'), align: 'right', render: (_, p) => `${formatMinor(p.listPrice, locale)} ${p.currency}` },
          { title: t('contracting.products.unitCost'), align: 'right', render: (_, p) => formatMinor(p.estimatedUnitCost, locale) },
          { title: t('contracting.status'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{t('contracting.products.active')}</Tag> : <Tag>{t('contracting.products.inactive')}</Tag>) },
        ]}
      />
      <Modal open={editing !== null} title={editing === 'new' ? t('contracting.products.new') : t('contracting.products.edit')} onCancel={() => setEditing(null)} onOk={save}
        destroyOnHidden confirmLoading={m.create.isPending || m.update.isPending} okButtonProps={{ 'data-testid': 'product-save' } as ButtonProps}>
        <Form form={form} layout="vertical" initialValues={initial}>
          <Form.Item name="code" label={t('contracting.products.code')} rules={[{ required: true }]}><Input data-testid="product-code" /></Form.Item>
          <Form.Item name="name" label={t('contracting.products.name')} rules={[{ required: true }]}><Input data-testid="product-name" /></Form.Item>
          <Form.Item name="kind" label={t('contracting.products.kind')}><Select options={PRODUCT_KIND_LIST.map((k) => ({ value: k, label: t(`contracting.products.kinds.${k}`) }))} /></Form.Item>
          <Form.Item name="unit" label={t('contracting.quotes.unit')} rules={[{ required: true }]}><Input data-testid="product-unit" /></Form.Item>
          <Form.Item name="listPrice" label={t('contracting.products.listPrice')} rules={[{ required: true }]}><InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="product-price" /></Form.Item>
          <Form.Item name="currency" label={t('contracting.products.currency')} rules={[{ required: true, pattern: /^[A-Z]{3}$/ }]}><Input style={{ width: 100 }} /></Form.Item>
          <Form.Item name="estimatedUnitCost" label={t('contracting.products.unitCost')} rules={[{ required: true }]}><InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="product-cost" /></Form.Item>
          <Form.Item name="active" label={t('contracting.products.active')} valuePropName="checked"><Switch /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
