import { App, Button, DatePicker, Form, Input, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../lib/errors.js';
import { useContractMutations, useQuotes } from './api.js';

/** Makes a contract from the opportunity's accepted quote (value = the quote's net). */
export function NewContractButton({ opportunityId }: { opportunityId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const quotes = useQuotes(opportunityId);
  const m = useContractMutations();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const accepted = quotes.data?.items.find((q) => q.status === 'accepted');
  if (!accepted || !quotes.data?.abilities.create) return null;
  const submit = async () => {
    const v = await form.validateFields();
    m.create.mutate(
      { opportunityId, quoteId: accepted.id, title: v.title, renewalDate: v.renewalDate ? v.renewalDate.format('YYYY-MM-DD') : null },
      { onSuccess: (c) => { setOpen(false); navigate(`/sales/contracts/${c.id}`); }, onError: (e) => message.error(errorMessage(e, t)) },
    );
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="contract-new">{t('contracting.contracts.new')}</Button>
      <Modal open={open} title={t('contracting.contracts.new')} onCancel={() => setOpen(false)} onOk={submit} confirmLoading={m.create.isPending} okButtonProps={{ 'data-testid': 'contract-new-ok' } as ButtonProps}>
        <Form form={form} layout="vertical" initialValues={{ title: `${accepted.opportunityName}` }}>
          <Form.Item name="title" label={t('contracting.contracts.titleField')} rules={[{ required: true }]}><Input data-testid="contract-title" /></Form.Item>
          <Form.Item name="renewalDate" label={t('contracting.contracts.renewalDate')}><DatePicker /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
