import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { homePath, safeNext } from '../../app/abilities.js';
import { useMe, useSignIn } from '../../app/session.js';
import { FullPageSpin } from '../../components/FullPageSpin.js';
import { usePageTitle } from '../../components/PageHeader.js';
import { errorMessage } from '../../lib/errors.js';
import { AuthFrame } from './AuthFrame.js';

interface Values {
  email: string;
  password: string;
}

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const signIn = useSignIn();
  const next = safeNext(params.get('next'));
  usePageTitle(t('signIn.title'), t('app.name'));

  if (me.isPending) return <FullPageSpin />;
  if (me.data && !signIn.isPending) return <Navigate to={next ?? homePath(me.data)} replace />;

  const onFinish = (values: Values) => {
    signIn.mutate(values, { onSuccess: (who) => navigate(next ?? homePath(who), { replace: true }) });
  };

  return (
    <AuthFrame title={t('signIn.title')}>
      {params.get('invited') === '1' ? <Alert type="success" showIcon title={t('signIn.invitationAccepted')} style={{ marginBottom: 16 }} data-testid="sign-in-notice" /> : null}
      {next && !signIn.error ? <Alert type="info" showIcon title={t('signIn.needed')} style={{ marginBottom: 16 }} /> : null}
      {signIn.error ? <Alert type="error" showIcon title={errorMessage(signIn.error, t)} style={{ marginBottom: 16 }} data-testid="sign-in-error" /> : null}
      <Form<Values> layout="vertical" onFinish={onFinish} requiredMark={false} data-testid="sign-in-form" disabled={signIn.isPending}>
        <Form.Item name="email" label={t('signIn.email')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input prefix={<MailOutlined />} type="email" autoComplete="username" autoFocus data-testid="sign-in-email" />
        </Form.Item>
        <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="sign-in-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={signIn.isPending} data-testid="sign-in-submit">
          {t('signIn.submit')}
        </Button>
      </Form>
    </AuthFrame>
  );
}
