import { Alert, App, Button, Drawer, Flex, Form, List } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../../app/session.js';
import { isApiError } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyFieldIssues, fieldIssuesOf } from '../../../lib/forms.js';
import { useCrmMutations } from './api.js';
import { ACCOUNT_FIELDS, AccountFields, accountRequestOf, accountValuesOf, type AccountFormValues } from './AccountForm.js';
import type { DuplicateAccount } from './types.js';

/** Adds an account; a same-named one answers 409 and is offered instead (or created anyway). */
export function AccountDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<AccountFormValues>();
  const m = useCrmMutations();
  const [dups, setDups] = useState<{ list: DuplicateAccount[]; hidden: number } | null>(null);

  const submit = async (allowDuplicate: boolean) => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    m.createAccount.mutate(
      { ...accountRequestOf(v), allowDuplicate },
      {
        onSuccess: (a) => {
          void message.success(t('crm.accounts.created'));
          onClose();
          void navigate(`/sales/accounts/${a.id}`);
        },
        onError: (err) => {
          if (isApiError(err) && err.isConflict) {
            const d = err.details as { duplicates?: DuplicateAccount[]; hidden?: number } | undefined;
            return setDups({ list: d?.duplicates ?? [], hidden: d?.hidden ?? 0 });
          }
          applyFieldIssues(form, fieldIssuesOf(err), ACCOUNT_FIELDS);
        },
      },
    );
  };
  const error = m.createAccount.error && !(isApiError(m.createAccount.error) && m.createAccount.error.isConflict) && fieldIssuesOf(m.createAccount.error).length === 0 ? errorMessage(m.createAccount.error, t) : null;

  return (
    <Drawer
      open
      size={600}
      title={t('crm.accounts.new')}
      onClose={onClose}
      destroyOnHidden
      data-testid="account-drawer"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          {dups ? (
            <Button danger loading={m.createAccount.isPending} onClick={() => void submit(true)} data-testid="account-create-anyway">
              {t('crm.accounts.createAnyway')}
            </Button>
          ) : null}
          <Button type="primary" loading={m.createAccount.isPending} onClick={() => void submit(false)} data-testid="account-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      {dups ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="account-duplicates"
          title={t('crm.accounts.duplicate')}
          description={
            <>
              <List size="small" dataSource={dups.list} renderItem={(d) => <List.Item><Link to={`/sales/accounts/${d.id}`}>{d.name}</Link> · {d.ownerName ?? ''}</List.Item>} />
              {dups.hidden ? t('crm.accounts.duplicateHidden', { count: dups.hidden }) : null}
            </>
          }
        />
      ) : null}
      <Form<AccountFormValues> form={form} layout="vertical" requiredMark="optional" initialValues={accountValuesOf(null)} onValuesChange={(c) => ('name' in c ? setDups(null) : undefined)}>
        <AccountFields showOwner={me.roles.includes('sales_manager')} />
      </Form>
    </Drawer>
  );
}
