import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { isApiError } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyFieldIssues, changedFields, fieldIssuesOf } from '../../../lib/forms.js';
import { useAccountContacts, useCrmMutations } from './api.js';
import { BUYING_ROLE_LIST, type Account, type BuyingRole, type Contact, type DuplicateContact } from './types.js';

interface ContactValues {
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  buyingRole: BuyingRole | null;
  notes: string;
}
const FIELDS = ['name', 'title', 'email', 'phone', 'buyingRole', 'notes'] as const;
const blank = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
const valuesOf = (c: Contact | null): ContactValues => ({ name: c?.name ?? '', title: c?.title ?? null, email: c?.email ?? null, phone: c?.phone ?? null, buyingRole: c?.buyingRole ?? null, notes: c?.notes ?? '' });
const requestOf = (v: ContactValues) => ({ name: v.name.trim(), title: blank(v.title), email: blank(v.email), phone: blank(v.phone), buyingRole: v.buyingRole ?? null, notes: v.notes ?? '' });

function ContactModal({ account, contact, onClose }: { account: Account; contact: Contact | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ContactValues>();
  const m = useCrmMutations();
  const [dup, setDup] = useState<{ existing: DuplicateContact | null } | null>(null);
  const mutation = contact ? m.updateContact : m.createContact;

  const onError = (err: unknown) => {
    if (isApiError(err) && err.isConflict && err.details && typeof err.details === 'object' && 'existing' in err.details) return setDup(err.details as { existing: DuplicateContact | null });
    applyFieldIssues(form, fieldIssuesOf(err), FIELDS);
  };
  const submit = async (allowDuplicate: boolean) => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const done = () => {
      void message.success(contact ? t('common.saved') : t('crm.contacts.created'));
      onClose();
    };
    if (!contact) return m.createContact.mutate({ accountId: account.id, body: { ...requestOf(v), allowDuplicate } }, { onSuccess: done, onError });
    const changes = changedFields(requestOf(valuesOf(contact)), requestOf(v));
    m.updateContact.mutate({ id: contact.id, body: { ...changes, version: contact.version, ...(allowDuplicate ? { allowDuplicate } : {}) } }, { onSuccess: done, onError });
  };
  const general = mutation.error && !dup && fieldIssuesOf(mutation.error).length === 0 ? errorMessage(mutation.error, t) : null;

  return (
    <Modal
      open
      title={contact ? t('crm.contacts.edit') : t('crm.contacts.new')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          {dup ? <Button danger onClick={() => void submit(true)}>{t('crm.contacts.addAnyway')}</Button> : null}
          <Button type="primary" loading={mutation.isPending} onClick={() => void submit(false)} data-testid="contact-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {general ? <Alert type="error" showIcon title={general} style={{ marginBottom: 12 }} /> : null}
      {dup ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={dup.existing ? t('crm.contacts.duplicate', { name: dup.existing.name, account: dup.existing.accountName }) : t('crm.contacts.duplicateHidden')} />
      ) : null}
      <Form<ContactValues> form={form} layout="vertical" requiredMark="optional" initialValues={valuesOf(contact)} onValuesChange={(c) => ('email' in c ? setDup(null) : undefined)}>
        <Form.Item name="name" label={t('crm.field.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={200} data-testid="contact-name" />
        </Form.Item>
        <Form.Item name="title" label={t('crm.field.title')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="email" label={t('crm.field.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
          <Input maxLength={320} data-testid="contact-email" />
        </Form.Item>
        <Form.Item name="phone" label={t('crm.field.phone')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="buyingRole" label={t('crm.field.buyingRole')}>
          <Select allowClear options={BUYING_ROLE_LIST.map((r) => ({ value: r, label: t(`crm.buyingRole.${r}`) }))} />
        </Form.Item>
        <Form.Item name="notes" label={t('crm.field.notes')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10_000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The contacts tab of an account. */
export function ContactsTab({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useAccountContacts(account.id);
  const m = useCrmMutations();
  const [editing, setEditing] = useState<Contact | null | 'new'>(null);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card
      extra={
        account.abilities.update ? (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="contact-new">
            {t('crm.contacts.new')}
          </Button>
        ) : null
      }
    >
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<Contact>
        rowKey="id"
        loading={list.isPending}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('crm.contacts.empty') }}
        data-testid="contacts-table"
        columns={[
          { title: t('crm.field.name'), dataIndex: 'name' },
          { title: t('crm.field.title'), dataIndex: 'title', render: (v) => v ?? '—' },
          { title: t('crm.field.email'), dataIndex: 'email', render: (v) => v ?? '—' },
          { title: t('crm.field.phone'), dataIndex: 'phone', render: (v) => v ?? '—' },
          { title: t('crm.field.buyingRole'), key: 'role', render: (_, c) => (c.buyingRole ? t(`crm.buyingRole.${c.buyingRole}`) : '—') },
          {
            title: '',
            key: 'actions',
            render: (_, c) =>
              c.abilities.update ? (
                <Space>
                  <Button size="small" onClick={() => setEditing(c)}>{t('common.edit')}</Button>
                  <Popconfirm title={t('crm.contacts.deleteConfirm')} onConfirm={() => m.deleteContact.mutate({ id: c.id, version: c.version }, { onError: (e) => void message.error(errorMessage(e, t)) })}>
                    <Button size="small" danger>{t('crm.contacts.delete')}</Button>
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]}
      />
      <LoadMore shown={items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
      {editing ? <ContactModal account={account} contact={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}
