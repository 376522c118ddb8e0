import { App, Button, Card, Form, InputNumber, Skeleton, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { errorMessage } from '../../lib/errors.js';
import { applyFieldIssues, fieldIssuesOf } from '../../lib/forms.js';
import { isApiError } from '../../lib/api.js';
import { useSalesSettings, useSaveSalesSettings, type SalesSettings } from './api.js';

const FIELDS = ['discountApprovalPercent', 'renewalNoticeDays', 'defaultCadenceDays'] as const;
type Values = Pick<SalesSettings, (typeof FIELDS)[number]>;

/** The organisation-wide sales rules: discount needing approval, renewal notice, default contact cadence. */
export function GeneralSettingsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useSalesSettings();
  const save = useSaveSalesSettings();
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  if (settings.error) return <ErrorAlert error={settings.error} />;
  if (!settings.data) return <Skeleton active />;
  const editable = settings.data.abilities.update === true;
  const submit = (values: Values) =>
    save.mutate(
      { ...values, version: settings.data!.version },
      {
        onSuccess: () => message.success(t('salesSettings.saved')),
        onError: (e) => {
          if (isApiError(e) && e.status === 409) {
            void settings.refetch();
            message.warning(t('salesSettings.stale'));
            return;
          }
          const issues = fieldIssuesOf(e);
          if (!issues.length || applyFieldIssues(form, issues, FIELDS).length) message.error(errorMessage(e, t));
        },
      },
    );
  return (
    <Card size="small" style={{ maxWidth: 560 }}>
      <Typography.Paragraph type="secondary">{t('salesSettings.currency', { currency: settings.data.currency })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} disabled={!editable} data-testid="sales-settings-form">
        <Form.Item name="discountApprovalPercent" label={t('salesSettings.discountApprovalPercent')} extra={t('salesSettings.discountApprovalHelp')} rules={[{ required: true, type: 'number', min: 0, max: 100, message: t('salesSettings.percentRange') }]}>
          <InputNumber min={0} max={100} step={1} suffix="%" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="renewalNoticeDays" label={t('salesSettings.renewalNoticeDays')} extra={t('salesSettings.renewalNoticeHelp')} rules={[{ required: true, type: 'integer', min: 0, max: 730, message: t('salesSettings.daysRange') }]}>
          <InputNumber min={0} max={730} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="defaultCadenceDays" label={t('salesSettings.defaultCadenceDays')} extra={t('salesSettings.defaultCadenceHelp')} rules={[{ required: true, type: 'integer', min: 1, max: 730, message: t('salesSettings.daysRange') }]}>
          <InputNumber min={1} max={730} precision={0} style={{ width: 160 }} />
        </Form.Item>
        {editable ? (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="sales-settings-save">
            {t('common.save')}
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}
