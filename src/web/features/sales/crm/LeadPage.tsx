import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { FullPageSpin } from '../../../components/FullPageSpin.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatInstant, formatMinor, formatPlanDate } from '../../../lib/format.js';
import { ActivityPanel } from './ActivityPanel.js';
import { useCrmMutations, useLead } from './api.js';
import { ConvertModal } from './ConvertModal.js';
import { LeadStatusTag } from './labels.js';
import { LeadDrawer } from './LeadDrawer.js';

/** /sales/leads/:id: the lead, its BANT qualification, qualify / disqualify / convert, and its activities. */
export default function LeadPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const { id = '' } = useParams();
  const lead = useLead(id);
  const m = useCrmMutations();
  const [editing, setEditing] = useState(false);
  const [converting, setConverting] = useState(false);
  const [disqualifying, setDisqualifying] = useState(false);
  const [reason, setReason] = useState('');
  if (lead.isPending) return <FullPageSpin />;
  if (lead.error) return <ErrorAlert error={lead.error} onRetry={() => void lead.refetch()} />;
  const l = lead.data;
  const notSet = <Typography.Text type="secondary">{t('crm.lead.notSet')}</Typography.Text>;
  const onError = (e: unknown) => void message.error(errorMessage(e, t));

  return (
    <>
      <PageHeader
        title={`${l.company} · ${l.name}`}
        description={<Space><LeadStatusTag status={l.status} />{l.convertedAt ? <Tag color="purple">{t('crm.lead.converted')}</Tag> : null}</Space>}
        extra={
          <Space wrap>
            <Link to="/sales/leads"><Button>{t('crm.lead.back')}</Button></Link>
            {l.abilities.update ? <Button onClick={() => setEditing(true)} data-testid="lead-edit">{t('crm.lead.edit')}</Button> : null}
            {l.abilities.qualify ? (
              <Button onClick={() => m.qualifyLead.mutate({ id: l.id, version: l.version }, { onSuccess: () => void message.success(t('crm.lead.qualified')), onError })} loading={m.qualifyLead.isPending} data-testid="lead-qualify">
                {t('crm.lead.qualify')}
              </Button>
            ) : null}
            {l.abilities.disqualify ? <Button danger onClick={() => setDisqualifying(true)} data-testid="lead-disqualify">{t('crm.lead.disqualify')}</Button> : null}
            {l.abilities.convert ? <Button type="primary" onClick={() => setConverting(true)} data-testid="lead-convert">{t('crm.lead.convert')}</Button> : null}
          </Space>
        }
      />
      {l.convertedAt ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('crm.lead.convertedInfo', { at: formatInstant(l.convertedAt, locale) })}
          action={
            <Space>
              {l.convertedAccountId ? <Link to={`/sales/accounts/${l.convertedAccountId}`}>{t('crm.lead.openAccount')}</Link> : null}
              {l.convertedOpportunityId ? <Link to={`/sales/opportunities/${l.convertedOpportunityId}`}>{t('crm.lead.openOpportunity')}</Link> : null}
            </Space>
          }
        />
      ) : null}
      {l.status === 'disqualified' && l.disqualifiedReason ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`${t('crm.field.disqualifiedReason')}: ${l.disqualifiedReason}`} /> : null}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={14}>
          <Card title={t('crm.lead.bant')} size="small" data-testid="lead-bant">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('crm.field.budget')}>{l.budgetAmount === null ? notSet : `${formatMinor(l.budgetAmount, locale)} ${l.budgetCurrency ?? ''}`}</Descriptions.Item>
              <Descriptions.Item label={t('crm.field.authority')}>
                <Space>{l.authority || notSet}{l.authorityConfirmed ? <Tag color="green">{t('crm.field.authorityConfirmed')}</Tag> : null}</Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('crm.field.need')}><span style={{ whiteSpace: 'pre-wrap' }}>{l.need || notSet}</span></Descriptions.Item>
              <Descriptions.Item label={t('crm.field.timelineDate')}>{l.timelineDate ? formatPlanDate(l.timelineDate, locale) : notSet} {l.timelineNote ? `· ${l.timelineNote}` : ''}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('crm.lead.contact')} size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('crm.field.title')}>{l.title ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('crm.field.email')}>{l.email ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('crm.field.phone')}>{l.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('crm.field.source')}>{[l.source, l.campaign].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('crm.field.owner')}>{l.ownerName}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
      <ActivityPanel parent={{ type: 'lead', id: l.id }} />
      {editing ? <LeadDrawer lead={l} onClose={() => setEditing(false)} /> : null}
      {converting ? <ConvertModal lead={l} onClose={() => setConverting(false)} /> : null}
      {disqualifying ? (
        <Modal
          open
          title={t('crm.lead.disqualifyTitle')}
          okText={t('crm.lead.disqualify')}
          okButtonProps={{ danger: true, disabled: !reason.trim() }}
          confirmLoading={m.disqualifyLead.isPending}
          onCancel={() => setDisqualifying(false)}
          onOk={() =>
            m.disqualifyLead.mutate(
              { id: l.id, version: l.version, reason: reason.trim() },
              { onSuccess: () => { void message.success(t('crm.lead.disqualified')); setDisqualifying(false); }, onError },
            )
          }
        >
          <Form layout="vertical">
            <Form.Item label={t('crm.field.disqualifiedReason')} required>
              <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} autoSize={{ minRows: 2 }} data-testid="lead-disqualify-reason" />
            </Form.Item>
          </Form>
        </Modal>
      ) : null}
    </>
  );
}
