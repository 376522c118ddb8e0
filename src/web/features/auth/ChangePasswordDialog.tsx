import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { applyFieldIssues, fieldIssuesOf } from '../../lib/forms.js';
import { ChangePasswordRequest, checkRequest } from '../../lib/schemas.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../lib/types.js';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** Changing one's password ends one's other sessions (the server does that). */
export default function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post<{ ok: true }>('/auth/password', body),
    onSuccess: () => {
      void message.success(t('user.passwordChanged'));
      onClose();
    },
    onError: (err) => applyFieldIssues(form, fieldIssuesOf(err), FIELDS),
  });

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = { currentPassword: v.currentPassword, newPassword: v.newPassword };
    if (!checkRequest(form, ChangePasswordRequest, body, FIELDS).ok) return;
    change.mutate(body);
  };

  return (
    <Modal open title={t('user.changePassword')} onCancel={onClose} onOk={() => void submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={change.isPending} destroyOnHidden>
      {change.error && fieldIssuesOf(change.error).length === 0 ? <Alert type="error" showIcon title={errorMessage(change.error, t)} style={{ marginBottom: 16 }} /> : null}
      <Alert type="info" showIcon title={t('user.passwordEndsSessions')} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" requiredMark={false} data-testid="change-password-form">
        <Form.Item name="currentPassword" label={t('user.currentPassword')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('user.newPassword')}
          rules={[
            { required: true, message: t('validation.required') },
            { min: PASSWORD_MIN, message: t('validation.passwordLength', { min: PASSWORD_MIN }) },
            { max: PASSWORD_MAX, message: t('validation.tooLong', { max: PASSWORD_MAX }) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('user.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordsDiffer')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
