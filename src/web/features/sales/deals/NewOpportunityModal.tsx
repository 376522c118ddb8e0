import { App, DatePicker, Form, Input, InputNumber, Modal, Select, Space, type ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyFieldIssues, fieldIssuesOf } from '../../../lib/forms.js';
import { toMinor } from '../../../lib/format.js';
import { useDealMutations } from './api.js';
import type { Opportunity, Pipeline } from './types.js';

interface Values {
  name: string;
  accountId: string;
  stageId: string;
  amount: number;
  currency: string;
  closeDate: Dayjs;
}

/** A new opportunity: account (searched), name, amount, close date and the starting stage. */
export function NewOpportunityModal({ open, pipeline, onClose, onCreated }: { open: boolean; pipeline: Pipeline | undefined; onClose: () => void; onCreated: (o: Opportunity) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  const accounts = useQuery({
    queryKey: ['sales', 'deals', 'account-options', search],
    enabled: open,
    queryFn: ({ signal }) => api.get<{ items: { id: string; name: string }[] }>('/accounts', { q: search || undefined, limit: 20 }, signal).then((r) => r.items),
  });
  const { create } = useDealMutations();
  const open_ = (pipeline?.stages ?? []).filter((s) => s.kind === 'open' && !s.archived);
  const submit = async () => {
    const v = await form.validateFields();
    if (!pipeline) return;
    try {
      const o = await create.mutateAsync({ name: v.name, accountId: v.accountId, pipelineId: pipeline.id, stageId: v.stageId, amount: toMinor(v.amount), currency: v.currency, closeDate: v.closeDate.format('YYYY-MM-DD') });
      message.success(t('deals.created'));
      onCreated(o);
    } catch (err) {
      const issues = fieldIssuesOf(err);
      const rest = applyFieldIssues(form, issues, ['name', 'accountId', 'stageId', 'amount', 'currency', 'closeDate']);
      if (!issues.length || rest.length) message.error(rest[0]?.message ?? errorMessage(err, t));
    }
  };
  return (
    <Modal open={open} title={t('deals.new')} onCancel={onClose} onOk={submit} confirmLoading={create.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'opportunity-save' } as ButtonProps}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ currency: 'CNY', stageId: open_[0]?.id }}>
        <Form.Item name="name" label={t('deals.field.name')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="opportunity-name" />
        </Form.Item>
        <Form.Item name="accountId" label={t('deals.field.account')} rules={[{ required: true }]}>
          <Select showSearch filterOption={false} onSearch={setSearch} loading={accounts.isFetching} options={(accounts.data ?? []).map((a) => ({ value: a.id, label: a.name }))} data-testid="opportunity-account" />
        </Form.Item>
        <Form.Item name="stageId" label={t('deals.field.stage')} rules={[{ required: true }]}>
          <Select options={open_.map((s) => ({ value: s.id, label: s.name }))} data-testid="opportunity-stage" />
        </Form.Item>
        <Form.Item label={t('deals.field.amount')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="amount" noStyle rules={[{ required: true }, { type: 'number', min: 0 }]}>
              <InputNumber min={0} precision={2} style={{ width: '65%' }} data-testid="opportunity-amount" />
            </Form.Item>
            <Form.Item name="currency" noStyle rules={[{ required: true, pattern: /^[A-Z]{3}$/ }]}>
              <Input style={{ width: '35%' }} maxLength={3} data-testid="opportunity-currency" />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="closeDate" label={t('deals.field.closeDate')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} data-testid="opportunity-close-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
