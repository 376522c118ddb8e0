import { Alert, Button, Form, Modal, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session.js';
import { currentLocale } from '../../../i18n/index.js';
import type { FieldIssue } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyFieldIssues, fieldIssuesOf } from '../../../lib/forms.js';
import { checkRequest, CreateUserRequest } from '../../../lib/schemas.js';
import type { CreatedUser } from '../../../lib/types.js';
import { useCreateUser } from './api.js';
import { DEFAULT_ROLES, requestOf, USER_FIELDS, UserFields, type UserFormValues } from './UserFields.js';

/** The link an invited user opens to set a password, for the admin to pass on. */
export function InvitationLink({ url }: { url: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph>{t('users.invitationHelp')}</Typography.Paragraph>
      <Typography.Paragraph copyable={{ text: url, tooltips: [t('common.copy'), t('common.copied')] }} code data-testid="invitation-url" style={{ wordBreak: 'break-all' }}>
        {url}
      </Typography.Paragraph>
    </>
  );
}

export function CreateUserModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const [form] = Form.useForm<UserFormValues>();
  const create = useCreateUser();
  const [created, setCreated] = useState<CreatedUser | null>(null);
  const [other, setOther] = useState<FieldIssue[]>([]);

  const initial: Partial<UserFormValues> = {
    jobRole: 'delivery',
    roles: DEFAULT_ROLES.delivery,
    managerId: null,
    teamId: null,
    calendarId: null,
    costRate: 0,
    billRate: 0,
    weeklyCapacityHours: 40,
    locale: currentLocale(),
    timeZone: me.user.timeZone,
    mode: 'invite',
  };

  const submit = async () => {
    setOther([]);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = { ...requestOf(v), ...(v.mode === 'password' ? { password: v.password } : {}) };
    const check = checkRequest(form, CreateUserRequest, body, USER_FIELDS);
    if (!check.ok) return setOther(check.other);
    create.mutate(body, {
      onSuccess: (res) => {
        setCreated(res);
        if (!res.invitationUrl) onClose();
      },
      onError: (err) => setOther(applyFieldIssues(form, fieldIssuesOf(err), USER_FIELDS)),
    });
  };

  if (created?.invitationUrl) {
    return (
      <Modal open title={t('users.created')} onCancel={onClose} footer={<Button type="primary" onClick={onClose} data-testid="invitation-done">{t('common.done')}</Button>}>
        <Result status="success" title={t('users.invited', { name: created.user.name })} style={{ padding: '16px 0' }} />
        <InvitationLink url={created.invitationUrl} />
      </Modal>
    );
  }

  const generalError = create.error && fieldIssuesOf(create.error).length === 0 ? errorMessage(create.error, t) : null;
  return (
    <Modal
      open
      width={760}
      title={t('users.create')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('users.createSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'create-user-submit' }}
      destroyOnHidden
    >
      {generalError ? <Alert type="error" showIcon title={generalError} style={{ marginBottom: 16 }} /> : null}
      {other.length ? <Alert type="error" showIcon title={other.map((i) => `${i.path}: ${i.message}`).join(' · ')} style={{ marginBottom: 16 }} /> : null}
      <Form<UserFormValues> form={form} layout="vertical" initialValues={initial} requiredMark="optional" data-testid="create-user-form">
        <UserFields mode="create" />
      </Form>
    </Modal>
  );
}
