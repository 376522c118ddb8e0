import { Alert, App, type ButtonProps, Checkbox, Form, Input, Modal, Radio, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { useCrmMutations, useLeadDuplicates } from './api.js';
import type { Lead } from './types.js';

/**
 * Converts a lead: offers the similar accounts and contacts the user may see for linking (so no
 * duplicate is made), else creates them; opens the opportunity. One request, one transaction.
 */
export function ConvertModal({ lead, onClose }: { lead: Lead; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const dups = useLeadDuplicates(lead.id, true);
  const m = useCrmMutations();
  const [account, setAccount] = useState<string>('new');
  const [contact, setContact] = useState<string>('new');
  const [accountName, setAccountName] = useState(lead.company);
  const [opportunityName, setOpportunityName] = useState('');
  const [allowDuplicate, setAllowDuplicate] = useState(false);
  // A same-named account the user can see is what the lead most likely is: offer it first.
  const sameName = dups.data?.accounts.find((a) => a.sameName)?.id;
  useEffect(() => {
    if (sameName) setAccount(sameName);
  }, [sameName]);
  const contacts = (dups.data?.contacts ?? []).filter((c) => account === 'new' || c.accountId === account);

  const submit = () =>
    m.convertLead.mutate(
      {
        id: lead.id,
        body: {
          version: lead.version,
          ...(account !== 'new' ? { accountId: account } : { accountName: accountName.trim() || undefined }),
          ...(contact !== 'new' ? { contactId: contact } : {}),
          ...(opportunityName.trim() ? { opportunityName: opportunityName.trim() } : {}),
          allowDuplicate,
        },
      },
      {
        onSuccess: (r) => {
          void message.success(t('crm.convert.done'));
          onClose();
          void navigate(`/sales/accounts/${r.accountId}`);
        },
      },
    );
  const err = m.convertLead.error;
  const found = (dups.data?.accounts.length ?? 0) + (dups.data?.contacts.length ?? 0) > 0;

  return (
    <Modal open width={640} title={t('crm.convert.title')} okText={t('crm.convert.submit')} onOk={submit} confirmLoading={m.convertLead.isPending} onCancel={onClose} destroyOnHidden okButtonProps={{ 'data-testid': 'convert-submit' } as ButtonProps} data-testid="convert-modal">
      <Typography.Paragraph type="secondary">{t('crm.convert.intro')}</Typography.Paragraph>
      {err ? <Alert type="error" showIcon title={errorMessage(err, t)} style={{ marginBottom: 12 }} description={isApiError(err) && err.isConflict ? t('crm.convert.duplicatesFound') : undefined} /> : null}
      {dups.isPending ? <Spin /> : <Alert type={found ? 'warning' : 'info'} showIcon title={found ? t('crm.convert.duplicatesFound') : t('crm.convert.noDuplicates')} style={{ marginBottom: 12 }} data-testid="convert-duplicates" />}
      <Form layout="vertical">
        <Form.Item label={t('crm.convert.account')}>
          <Radio.Group value={account} onChange={(e) => { setAccount(e.target.value as string); setContact('new'); }} data-testid="convert-account">
            <Space orientation="vertical">
              <Radio value="new">
                <Space>
                  {t('crm.convert.newAccount')}
                  <Input size="small" value={accountName} onChange={(e) => setAccountName(e.target.value)} disabled={account !== 'new'} style={{ width: 260 }} />
                </Space>
              </Radio>
              {(dups.data?.accounts ?? []).map((a) => (
                <Radio key={a.id} value={a.id}>
                  <span data-testid="convert-link-account">
                    {t('crm.convert.linkAccount')} <strong>{a.name}</strong> {a.ownerName ? `· ${a.ownerName}` : ''} {a.sameName ? <Tag color="orange">{t('crm.convert.sameName')}</Tag> : null}
                  </span>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('crm.convert.contact')}>
          <Radio.Group value={contact} onChange={(e) => setContact(e.target.value as string)} data-testid="convert-contact">
            <Space orientation="vertical">
              <Radio value="new">{t('crm.convert.newContact')} ({lead.name})</Radio>
              {contacts.map((c) => (
                <Radio key={c.id} value={c.id}>
                  <span data-testid="convert-link-contact">
                    {t('crm.convert.linkContact')} <strong>{c.name}</strong> {c.email ? `<${c.email}>` : ''} · {c.accountName}
                  </span>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('crm.convert.opportunityName')} extra={t('crm.convert.opportunityHint')}>
          <Input value={opportunityName} onChange={(e) => setOpportunityName(e.target.value)} maxLength={300} data-testid="convert-opportunity-name" />
        </Form.Item>
        <Checkbox checked={allowDuplicate} onChange={(e) => setAllowDuplicate(e.target.checked)}>{t('crm.convert.allowDuplicate')}</Checkbox>
      </Form>
    </Modal>
  );
}
