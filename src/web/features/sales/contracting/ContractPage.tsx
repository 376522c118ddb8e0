import { App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Modal, Space, Steps, Table, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { FullPageSpin } from '../../../components/FullPageSpin.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatMinor, toMinor } from '../../../lib/format.js';
import { useContract, useContractMutations, type ContractAction } from './api.js';
import { ContractStatusTag } from './labels.js';
import { OrderSection } from './OrderSection.js';
import type { ContractDetail } from './types.js';

const STEPS = ['draft', 'negotiating', 'awaiting_signature', 'signed', 'active', 'completed'] as const;
const d = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);

export default function ContractPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const q = useContract(id!);
  if (q.isLoading) return <FullPageSpin />;
  if (q.error || !q.data) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  return <ContractView c={q.data} />;
}

function ContractView({ c }: { c: ContractDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const m = useContractMutations();
  const [roundOpen, setRoundOpen] = useState(false);
  const [signSide, setSignSide] = useState<'customer' | 'company' | null>(null);
  const [roundForm] = Form.useForm();
  const [signForm] = Form.useForm();
  const can = c.abilities.update;
  const fail = (e: unknown) => message.error(errorMessage(e, t));
  const act = (action: ContractAction) => m.action.mutate({ id: c.id, action, version: c.version }, { onError: fail });
  const has = (e: string) => c.nextEvents.includes(e);

  const saveRound = async () => {
    const v = await roundForm.validateFields();
    m.round.mutate(
      { id: c.id, version: c.version, date: d(v.date)!, summary: v.summary, reason: v.reason ?? '', valueAfter: v.valueAfter === undefined || v.valueAfter === null ? undefined : toMinor(v.valueAfter) },
      { onSuccess: () => { setRoundOpen(false); roundForm.resetFields(); }, onError: fail },
    );
  };
  const sign = async () => {
    const v = await signForm.validateFields();
    m.sign.mutate({ id: c.id, version: c.version, side: signSide!, date: d(v.date)! }, { onSuccess: () => { setSignSide(null); signForm.resetFields(); }, onError: fail });
  };
  const current = c.status === 'terminated' ? -1 : STEPS.indexOf(c.status as (typeof STEPS)[number]);

  return (
    <>
      <PageHeader
        title={`${c.number} · ${c.title}`}
        extra={
          <Space wrap>
            <ContractStatusTag status={c.status} />
            {can && has('round') ? <Button onClick={() => setRoundOpen(true)} data-testid="contract-round">{t('contracting.contracts.logRound')}</Button> : null}
            {can && has('request_signature') ? <Button type="primary" onClick={() => act('request-signature')} data-testid="contract-request-signature">{t('contracting.contracts.requestSignature')}</Button> : null}
            {can && c.status === 'awaiting_signature' && !c.customerSignedOn ? <Button type="primary" onClick={() => setSignSide('customer')} data-testid="contract-sign-customer">{t('contracting.contracts.signCustomer')}</Button> : null}
            {can && c.status === 'awaiting_signature' && !c.companySignedOn ? <Button type="primary" onClick={() => setSignSide('company')} data-testid="contract-sign-company">{t('contracting.contracts.signCompany')}</Button> : null}
            {can && has('activate') ? <Button onClick={() => act('activate')} data-testid="contract-activate">{t('contracting.contracts.activate')}</Button> : null}
            {can && has('complete') ? <Button onClick={() => act('complete')} data-testid="contract-complete">{t('contracting.contracts.complete')}</Button> : null}
            {can && has('terminate') ? <Button danger onClick={() => Modal.confirm({ title: t('contracting.contracts.terminateConfirm'), onOk: () => act('terminate') })} data-testid="contract-terminate">{t('contracting.contracts.terminate')}</Button> : null}
          </Space>
        }
      />
      <Flex vertical gap={16}>
        <Card>
          <Steps size="small" current={current} status={c.status === 'terminated' ? 'error' : undefined} items={STEPS.map((s) => ({ title: t(`contracting.contractStatus.${s}`) }))} />
        </Card>
        <Card>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('contracting.contracts.account')}><Link to={`/sales/accounts/${c.accountId}`}>{c.accountName}</Link></Descriptions.Item>
            <Descriptions.Item label={t('contracting.contracts.owner')}>{c.ownerName}</Descriptions.Item>
            <Descriptions.Item label={t('contracting.contracts.value')}><span data-testid="contract-value">{formatMinor(c.value, locale)} {c.currency}</span></Descriptions.Item>
            {c.opportunityId ? <Descriptions.Item label={t('contracting.contracts.opportunity')}><Link to={`/sales/opportunities/${c.opportunityId}`}>{t('contracting.contracts.open')}</Link></Descriptions.Item> : null}
            <Descriptions.Item label={t('contracting.contracts.customerSignedOn')}><span data-testid="contract-customer-signed">{c.customerSignedOn ?? '—'}</span></Descriptions.Item>
            <Descriptions.Item label={t('contracting.contracts.companySignedOn')}><span data-testid="contract-company-signed">{c.companySignedOn ?? '—'}</span></Descriptions.Item>
            <Descriptions.Item label={t('contracting.contracts.signedOn')}><span data-testid="contract-signed-on">{c.signedOn ?? '—'}</span></Descriptions.Item>
            <Descriptions.Item label={t('contracting.contracts.startDate')}>{c.startDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('contracting.contracts.endDate')}>{c.endDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('contracting.contracts.renewalDate')}>
              {can ? (
                <DatePicker size="small" value={c.renewalDate ? dayjs(c.renewalDate) : null} data-testid="contract-renewal"
                  onChange={(v) => m.update.mutate({ id: c.id, version: c.version, renewalDate: d(v) }, { onError: fail })} />
              ) : (c.renewalDate ?? '—')}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={t('contracting.contracts.negotiationLog')} data-testid="contract-rounds">
          <Table size="small" rowKey="id" pagination={false} dataSource={c.rounds}
            locale={{ emptyText: t('contracting.contracts.noRounds') }}
            columns={[
              { title: '#', dataIndex: 'round', width: 48 },
              { title: t('contracting.contracts.roundDate'), dataIndex: 'date', width: 120 },
              { title: t('contracting.contracts.summary'), dataIndex: 'summary' },
              { title: t('contracting.contracts.reason'), dataIndex: 'reason' },
              { title: t('contracting.contracts.valueChange'), align: 'right', render: (_, r) => (r.valueBefore === r.valueAfter ? '—' : `${formatMinor(r.valueBefore, locale)} → ${formatMinor(r.valueAfter, locale)}`) },
              { title: t('contracting.contracts.by'), dataIndex: 'byName' },
            ]}
          />
        </Card>
        <OrderSection contract={c} />
      </Flex>
      <Modal open={roundOpen} title={t('contracting.contracts.logRound')} onCancel={() => setRoundOpen(false)} onOk={saveRound} confirmLoading={m.round.isPending} okButtonProps={{ 'data-testid': 'round-ok' } as ButtonProps}>
        <Form form={roundForm} layout="vertical" initialValues={{ date: dayjs() }}>
          <Form.Item name="date" label={t('contracting.contracts.roundDate')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="summary" label={t('contracting.contracts.summary')} rules={[{ required: true }]}><Input.TextArea rows={2} data-testid="round-summary" /></Form.Item>
          <Form.Item name="reason" label={t('contracting.contracts.reason')}><Input.TextArea rows={2} data-testid="round-reason" /></Form.Item>
          <Form.Item name="valueAfter" label={t('contracting.contracts.valueAfter')} extra={t('contracting.contracts.valueAfterHint')}><InputNumber min={0} precision={2} style={{ width: 200 }} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={signSide !== null} title={signSide === 'customer' ? t('contracting.contracts.signCustomer') : t('contracting.contracts.signCompany')} onCancel={() => setSignSide(null)} onOk={sign}
        confirmLoading={m.sign.isPending} okButtonProps={{ 'data-testid': 'sign-ok' } as ButtonProps} destroyOnHidden>
        <Form form={signForm} layout="vertical" initialValues={{ date: dayjs() }}>
          <Form.Item name="date" label={t('contracting.contracts.signDate')} rules={[{ required: true }]}><DatePicker data-testid="sign-date" /></Form.Item>
        </Form>
        <Typography.Text type="secondary">{t('contracting.contracts.signHint')}</Typography.Text>
      </Modal>
    </>
  );
}
