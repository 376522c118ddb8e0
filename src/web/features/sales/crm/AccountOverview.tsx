import { Alert, App, Button, Card, Descriptions, Flex, Form, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../../../app/session.js';
import { currentLocale } from '../../../i18n/index.js';
import { isApiError } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyFieldIssues, changedFields, fieldIssuesOf } from '../../../lib/forms.js';
import { formatInstant } from '../../../lib/format.js';
import { useCrmMutations } from './api.js';
import { ACCOUNT_FIELDS, AccountFields, accountRequestOf, accountValuesOf, type AccountFormValues } from './AccountForm.js';
import type { Account, UpdateAccount } from './types.js';

function isAccount(x: unknown): x is Account {
  return !!x && typeof x === 'object' && typeof (x as Account).id === 'string' && typeof (x as Account).name === 'string';
}

/** The overview tab: the account's fields, edited in place with its version; delete for those who may. */
export function AccountOverview({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const navigate = useNavigate();
  const locale = currentLocale();
  const [form] = Form.useForm<AccountFormValues>();
  const m = useCrmMutations();
  const [stale, setStale] = useState(false);
  const editable = account.abilities.update === true;

  const save = async (allowDuplicate = false) => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const next = accountRequestOf(v);
    const changes = changedFields(accountRequestOf(accountValuesOf(account)), next) as Partial<UpdateAccount>;
    if (!Object.keys(changes).length) return void message.info(t('common.nothingChanged'));
    m.updateAccount.mutate(
      { id: account.id, body: { ...changes, version: account.version, ...(allowDuplicate ? { allowDuplicate } : {}) } },
      {
        onSuccess: () => {
          setStale(false);
          void message.success(t('common.saved'));
        },
        onError: (err) => {
          if (isApiError(err) && err.isConflict && isAccount(err.current)) {
            setStale(true);
            form.setFieldsValue(accountValuesOf(err.current));
            return;
          }
          applyFieldIssues(form, fieldIssuesOf(err), ACCOUNT_FIELDS);
        },
      },
    );
  };
  const err = m.updateAccount.error;
  const general = err && !(isApiError(err) && err.isConflict && isAccount(err.current)) && fieldIssuesOf(err).length === 0 ? errorMessage(err, t) : null;

  return (
    <Card>
      <Descriptions size="small" column={{ xs: 1, sm: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('crm.field.owner')}>{account.ownerName}</Descriptions.Item>
        <Descriptions.Item label={t('crm.field.lastActivityAt')}>{formatInstant(account.lastActivityAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('crm.field.nextContactDue')}>{formatInstant(account.nextContactDue, locale)}</Descriptions.Item>
      </Descriptions>
      {stale ? <Alert type="warning" showIcon title={t('errors.conflict')} description={t('errors.conflictReloaded')} style={{ marginBottom: 16 }} /> : null}
      {general ? <Alert type="error" showIcon title={general} style={{ marginBottom: 16 }} /> : null}
      <Form<AccountFormValues> key={account.version} form={form} layout="vertical" requiredMark="optional" initialValues={accountValuesOf(account)}>
        <AccountFields showOwner={account.abilities.reassign === true && me.roles.includes('sales_manager')} disabled={!editable} />
      </Form>
      {editable ? (
        <Flex justify="space-between">
          {account.abilities.delete ? (
            <Popconfirm
              title={t('crm.account.deleteConfirm')}
              onConfirm={() =>
                m.deleteAccount.mutate(
                  { id: account.id, version: account.version },
                  {
                    onSuccess: () => {
                      void message.success(t('crm.account.deleted'));
                      void navigate('/sales/accounts');
                    },
                    onError: (e) => void message.error(errorMessage(e, t)),
                  },
                )
              }
            >
              <Button danger data-testid="account-delete">{t('crm.account.delete')}</Button>
            </Popconfirm>
          ) : (
            <span />
          )}
          <Button type="primary" loading={m.updateAccount.isPending} onClick={() => void save()} data-testid="account-update">
            {t('common.save')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
}
