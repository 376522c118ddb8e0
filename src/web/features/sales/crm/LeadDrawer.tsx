import { Alert, App, Button, Checkbox, Col, DatePicker, Drawer, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { changedFields } from '../../../lib/forms.js';
import { useRecordEditor } from '../../../lib/useRecordEditor.js';
import { toMajor, toMinor } from '../../../lib/format.js';
import { useCrmMutations } from './api.js';
import type { Lead, LeadStatus } from './types.js';

interface LeadValues {
  company: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  source: string | null;
  campaign: string | null;
  status: Extract<LeadStatus, 'new' | 'working'>;
  budgetAmount: number | null;
  budgetCurrency: string | null;
  authority: string;
  authorityConfirmed: boolean;
  need: string;
  timelineDate: Dayjs | null;
  timelineNote: string;
}
const FIELDS = ['company', 'name', 'title', 'email', 'phone', 'source', 'campaign', 'status', 'budgetAmount', 'budgetCurrency', 'authority', 'authorityConfirmed', 'need', 'timelineDate', 'timelineNote'] as const;
const blank = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

const valuesOf = (l: Lead | null): LeadValues => ({
  company: l?.company ?? '',
  name: l?.name ?? '',
  title: l?.title ?? null,
  email: l?.email ?? null,
  phone: l?.phone ?? null,
  source: l?.source ?? null,
  campaign: l?.campaign ?? null,
  status: l && (l.status === 'new' || l.status === 'working') ? l.status : 'new',
  budgetAmount: toMajor(l?.budgetAmount ?? null),
  budgetCurrency: l?.budgetCurrency ?? null,
  authority: l?.authority ?? '',
  authorityConfirmed: l?.authorityConfirmed ?? false,
  need: l?.need ?? '',
  timelineDate: l?.timelineDate ? dayjs(l.timelineDate) : null,
  timelineNote: l?.timelineNote ?? '',
});
const requestOf = (v: LeadValues, withStatus: boolean) => ({
  company: v.company.trim(),
  name: v.name.trim(),
  title: blank(v.title),
  email: blank(v.email),
  phone: blank(v.phone),
  source: blank(v.source),
  campaign: blank(v.campaign),
  ...(withStatus ? { status: v.status } : {}),
  budgetAmount: v.budgetAmount === null || v.budgetAmount === undefined ? null : toMinor(v.budgetAmount),
  budgetCurrency: blank(v.budgetCurrency)?.toUpperCase() ?? null,
  authority: v.authority ?? '',
  authorityConfirmed: !!v.authorityConfirmed,
  need: v.need ?? '',
  timelineDate: v.timelineDate ? v.timelineDate.format('YYYY-MM-DD') : null,
  timelineNote: v.timelineNote ?? '',
});

/** Captures a lead, or edits one with its version. */
export function LeadDrawer({ lead, onClose }: { lead: Lead | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<LeadValues>();
  const m = useCrmMutations();
  const mutation = lead ? m.updateLead : m.createLead;
  const statusEditable = !lead || lead.status === 'new' || lead.status === 'working' || lead.status === 'disqualified';
  // A 409 reloads the form with the current lead (and its version), field errors go on their fields.
  const editor = useRecordEditor<Lead, LeadValues>({ record: lead, form, valuesOf, fields: FIELDS, onClose });
  const base = editor.base;
  const { onError } = editor;
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (!lead) {
      return m.createLead.mutate(requestOf(v, true), {
        onSuccess: (l) => {
          void message.success(t('crm.leads.created'));
          onClose();
          void navigate(`/sales/leads/${l.id}`);
        },
        onError,
      });
    }
    const changes = changedFields(requestOf(valuesOf(base), statusEditable), requestOf(v, statusEditable));
    if (!Object.keys(changes).length) return onClose();
    editor.setError(null);
    m.updateLead.mutate({ id: lead.id, body: { ...changes, version: base!.version } }, { onSuccess: () => editor.done(t('common.saved')), onError });
  };

  return (
    <Drawer
      open
      size={640}
      title={lead ? t('crm.lead.edit') : t('crm.leads.new')}
      onClose={onClose}
      destroyOnHidden
      data-testid="lead-drawer"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={mutation.isPending} onClick={() => void submit()} data-testid="lead-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {editor.stale ? <Alert type="warning" showIcon title={t('errors.conflict')} description={t('errors.conflictReloaded')} style={{ marginBottom: 16 }} /> : null}
      {editor.error ? <Alert type="error" showIcon title={editor.error} style={{ marginBottom: 16 }} /> : null}
      <Form<LeadValues> form={form} layout="vertical" requiredMark="optional" initialValues={valuesOf(lead)}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="company" label={t('crm.field.company')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input maxLength={300} data-testid="lead-company" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('crm.field.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input maxLength={200} data-testid="lead-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="title" label={t('crm.field.title')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="email" label={t('crm.field.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
              <Input maxLength={320} data-testid="lead-email" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('crm.field.phone')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="status" label={t('crm.field.status')}>
              <Select disabled={!statusEditable} options={(['new', 'working'] as const).map((s) => ({ value: s, label: t(`crm.leadStatus.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="source" label={t('crm.field.source')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="campaign" label={t('crm.field.campaign')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="budgetAmount" label={t('crm.field.budget')} rules={[{ type: 'number', min: 0, message: t('validation.required') }]}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="lead-budget" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="budgetCurrency" label={t('crm.field.currency')}>
              <Input maxLength={3} placeholder="CNY" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="authority" label={t('crm.field.authority')}>
          <Input maxLength={2000} data-testid="lead-authority" />
        </Form.Item>
        <Form.Item name="authorityConfirmed" valuePropName="checked">
          <Checkbox>{t('crm.field.authorityConfirmed')}</Checkbox>
        </Form.Item>
        <Form.Item name="need" label={t('crm.field.need')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10_000} data-testid="lead-need" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="timelineDate" label={t('crm.field.timelineDate')}>
              <DatePicker style={{ width: '100%' }} data-testid="lead-timeline" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="timelineNote" label={t('crm.field.timelineNote')}>
              <Input maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
