import { Alert, Button, Form, Input, Result } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { usePageTitle } from '../../components/PageHeader.js';
import { api } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { applyFieldIssues, fieldIssuesOf } from '../../lib/forms.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../lib/types.js';
import { AuthFrame } from './AuthFrame.js';

interface Values {
  password: string;
  confirm: string;
}

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const token = params.get('token') ?? '';
  usePageTitle(t('invitation.title'), t('app.name'));
  const accept = useMutation({
    mutationFn: (password: string) => api.post<{ ok: true }>('/auth/accept-invitation', { token, password }),
    onSuccess: () => navigate('/sign-in?invited=1', { replace: true }),
    onError: (err) => applyFieldIssues(form, fieldIssuesOf(err), ['password']),
  });

  if (token.length < 10) {
    return (
      <AuthFrame title={t('invitation.title')}>
        <Result status="warning" title={t('invitation.missingToken')} extra={<Link to="/sign-in">{t('invitation.toSignIn')}</Link>} data-testid="invitation-invalid" />
      </AuthFrame>
    );
  }

  return (
    <AuthFrame title={t('invitation.title')}>
      <Alert type="info" showIcon title={t('invitation.intro')} style={{ marginBottom: 16 }} />
      {accept.error && fieldIssuesOf(accept.error).length === 0 ? <Alert type="error" showIcon title={errorMessage(accept.error, t)} style={{ marginBottom: 16 }} data-testid="invitation-error" /> : null}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => accept.mutate(v.password)} disabled={accept.isPending}>
        <Form.Item
          name="password"
          label={t('invitation.password')}
          extra={t('validation.passwordLength', { min: PASSWORD_MIN })}
          rules={[
            { required: true, message: t('validation.required') },
            { min: PASSWORD_MIN, message: t('validation.passwordLength', { min: PASSWORD_MIN }) },
            { max: PASSWORD_MAX, message: t('validation.tooLong', { max: PASSWORD_MAX }) },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="invitation-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('invitation.confirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordsDiffer')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="invitation-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={accept.isPending} data-testid="invitation-submit">
          {t('invitation.submit')}
        </Button>
      </Form>
    </AuthFrame>
  );
}
