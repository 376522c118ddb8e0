import { App, Button, Card, Form, Input, Modal, Select, Table, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatInstant } from '../../../lib/format.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useContracts, useSendSurvey, useSurveys } from './api.js';
import type { Survey } from './types.js';

/** The account's satisfaction surveys: send one (the link is shown once) and read the answers. */
export function SurveysPanel({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const list = useSurveys(accountId);
  const contracts = useContracts({ accountId });
  const send = useSendSurvey();
  const [open, setOpen] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    send.mutate({ kind: v.kind, accountId, contractId: v.contractId ?? null, email: v.email }, {
      onSuccess: (r) => { setOpen(false); form.resetFields(); setLink(r.link); },
      onError: (e) => message.error(errorMessage(e, t)),
    });
  };
  if (list.error) return <ErrorAlert error={list.error} onRetry={() => list.refetch()} />;
  return (
    <Card title={t('contracting.surveys.title')} data-testid="surveys-panel"
      extra={list.data?.abilities.create ? <Button size="small" type="primary" onClick={() => setOpen(true)} data-testid="survey-send">{t('contracting.surveys.send')}</Button> : null}>
      <Table<Survey> size="small" rowKey="id" loading={list.isLoading} pagination={false} dataSource={list.data?.items ?? []} locale={{ emptyText: t('contracting.surveys.empty') }}
        columns={[
          { title: t('contracting.surveys.kind'), dataIndex: 'kind', render: (k: Survey['kind']) => t(`contracting.surveys.kinds.${k}`) },
          { title: t('contracting.surveys.sentTo'), dataIndex: 'sentToEmail' },
          { title: t('contracting.surveys.sentAt'), render: (_, s) => formatInstant(s.sentAt, locale) },
          { title: t('contracting.surveys.score'), render: (_, s) => (s.answeredAt ? (s.kind === 'csat' ? `${s.csat} / 5` : `${s.nps} / 10`) : <Typography.Text type="secondary">{t('contracting.surveys.waiting')}</Typography.Text>) },
          { title: t('contracting.surveys.comment'), dataIndex: 'comment', render: (c: string | null) => c ?? '' },
        ]}
      />
      <Modal open={open} title={t('contracting.surveys.send')} onCancel={() => setOpen(false)} onOk={submit} confirmLoading={send.isPending} okButtonProps={{ 'data-testid': 'survey-send-ok' } as ButtonProps}>
        <Form form={form} layout="vertical" initialValues={{ kind: 'csat' }}>
          <Form.Item name="kind" label={t('contracting.surveys.kind')}>
            <Select options={[{ value: 'csat', label: t('contracting.surveys.kinds.csat') }, { value: 'nps', label: t('contracting.surveys.kinds.nps') }]} data-testid="survey-kind" />
          </Form.Item>
          <Form.Item name="email" label={t('contracting.surveys.email')} rules={[{ required: true, type: 'email' }]}><Input data-testid="survey-email" /></Form.Item>
          <Form.Item name="contractId" label={t('contracting.surveys.contract')}>
            <Select allowClear options={contracts.data?.pages.flatMap((p) => p.items).map((c) => ({ value: c.id, label: `${c.number} · ${c.title}` }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={link !== null} title={t('contracting.surveys.linkTitle')} onCancel={() => setLink(null)} footer={<Button onClick={() => setLink(null)}>{t('contracting.close')}</Button>}>
        <Typography.Paragraph>{t('contracting.surveys.linkOnce')}</Typography.Paragraph>
        <Typography.Paragraph copyable code data-testid="survey-link">{link}</Typography.Paragraph>
      </Modal>
    </Card>
  );
}
