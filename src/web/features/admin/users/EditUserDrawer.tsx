import { Alert, App, Button, Drawer, Flex, Form } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldIssue } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyFieldIssues, changedFields, fieldIssuesOf } from '../../../lib/forms.js';
import { checkRequest, UpdateUserRequest } from '../../../lib/schemas.js';
import type { UpdateUser, User } from '../../../lib/types.js';
import { useUpdateUser } from './api.js';
import { requestOf, USER_FIELDS, UserFields, valuesOf, type UserFormValues } from './UserFields.js';

function isUser(x: unknown): x is User {
  return !!x && typeof x === 'object' && typeof (x as User).id === 'string' && typeof (x as User).version === 'number' && typeof (x as User).email === 'string';
}

export function EditUserDrawer({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const [record, setRecord] = useState(user);
  const [other, setOther] = useState<FieldIssue[]>([]);
  const [stale, setStale] = useState(false);
  const update = useUpdateUser();
  const ratesHidden = record.costRate === null;

  useEffect(() => form.setFieldsValue(valuesOf(record)), [form, record]);

  const submit = async () => {
    setOther([]);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const before = requestOf(valuesOf(record));
    const after = requestOf(v);
    const changes: UpdateUser = { ...changedFields(before, after), version: record.version };
    if (ratesHidden) {
      delete changes.costRate;
      delete changes.billRate;
    }
    if ((changes.costRate !== undefined || changes.billRate !== undefined) && v.rateEffectiveFrom) changes.rateEffectiveFrom = v.rateEffectiveFrom.format('YYYY-MM-DD');
    if (Object.keys(changes).length === 1) {
      void message.info(t('common.nothingChanged'));
      return onClose();
    }
    const check = checkRequest(form, UpdateUserRequest, changes, USER_FIELDS);
    if (!check.ok) return setOther(check.other);
    update.mutate(
      { id: record.id, body: changes },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (err) => {
          if (isApiError(err) && err.isConflict) {
            // Someone saved first: show their version, the admin re-applies their change.
            setStale(true);
            if (isUser(err.current)) setRecord(err.current);
            return;
          }
          setOther(applyFieldIssues(form, fieldIssuesOf(err), USER_FIELDS));
        },
      },
    );
  };

  const generalError = update.error && !(isApiError(update.error) && update.error.isConflict) && fieldIssuesOf(update.error).length === 0 ? errorMessage(update.error, t) : null;
  return (
    <Drawer
      open
      size={720}
      title={t('users.edit', { name: record.name })}
      onClose={onClose}
      destroyOnHidden
      data-testid="edit-user-drawer"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={update.isPending} onClick={() => void submit()} data-testid="edit-user-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {stale ? <Alert type="warning" showIcon title={t('errors.conflict')} description={t('errors.conflictReloaded')} style={{ marginBottom: 16 }} data-testid="conflict-alert" /> : null}
      {generalError ? <Alert type="error" showIcon title={generalError} style={{ marginBottom: 16 }} /> : null}
      {other.length ? <Alert type="error" showIcon title={other.map((i) => `${i.path}: ${i.message}`).join(' · ')} style={{ marginBottom: 16 }} /> : null}
      <Form<UserFormValues> form={form} layout="vertical" requiredMark="optional" initialValues={valuesOf(record)}>
        <UserFields mode="edit" editing={record} ratesHidden={ratesHidden} />
      </Form>
    </Drawer>
  );
}
