import { Alert, Button, Col, DatePicker, Drawer, Flex, Form, Input, Popconfirm, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { changedFields } from '../../../lib/forms.js';
import { useRecordEditor } from '../../../lib/useRecordEditor.js';
import { useMembers } from '../api.js';
import { CHANNEL_LIST, FREQUENCY_LIST, type Channel, type CommItem, type EngagementMutations, type Frequency, type Stakeholder, type UpdateCommItem } from './api.js';

interface Values {
  topic: string;
  audience: string;
  stakeholderIds: string[];
  channel: Channel;
  frequency: Frequency;
  ownerId: string | null;
  nextDueDate: Dayjs | null;
}
const FIELDS = ['topic', 'audience', 'stakeholderIds', 'channel', 'frequency', 'ownerId', 'nextDueDate'] as const;
const valuesOf = (i: CommItem | null): Values =>
  i
    ? { topic: i.topic, audience: i.audience, stakeholderIds: i.stakeholders.map((s) => s.id), channel: i.channel, frequency: i.frequency, ownerId: i.ownerId, nextDueDate: i.nextDueDate ? dayjs(i.nextDueDate) : null }
    : { topic: '', audience: '', stakeholderIds: [], channel: 'meeting', frequency: 'weekly', ownerId: null, nextDueDate: dayjs() };
const requestOf = (v: Values) => ({
  topic: (v.topic ?? '').trim(),
  audience: v.audience ?? '',
  stakeholderIds: v.stakeholderIds ?? [],
  channel: v.channel,
  frequency: v.frequency,
  ownerId: v.ownerId ?? null,
  nextDueDate: v.nextDueDate ? v.nextDueDate.format('YYYY-MM-DD') : null,
});

/** Adds or edits an item of the communication plan. */
export function CommItemDrawer({ projectId, item, stakeholders, mutations, onClose }: { projectId: string; item: CommItem | null; stakeholders: Stakeholder[]; mutations: EngagementMutations; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const members = useMembers(projectId);
  const { base, stale, error, setError, onError, done } = useRecordEditor({ record: item, form, valuesOf, fields: FIELDS, onClose });
  const pending = mutations.createItem.isPending || mutations.updateItem.isPending;
  const submit = async () => {
    setError(null);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (!base) return mutations.createItem.mutate(requestOf(v), { onSuccess: () => done(t('comms.created')), onError });
    const changes = { ...changedFields(requestOf(valuesOf(base)), requestOf(v)), version: base.version } as UpdateCommItem;
    if (Object.keys(changes).length === 1) return onClose();
    mutations.updateItem.mutate({ id: base.id, body: changes }, { onSuccess: () => done(t('common.saved')), onError });
  };
  const remove = () => base && mutations.deleteItem.mutate({ id: base.id, version: base.version }, { onSuccess: () => done(t('comms.deleted')), onError });

  return (
    <Drawer
      open
      size={560}
      title={base ? t('comms.editTitle') : t('comms.createTitle')}
      onClose={onClose}
      destroyOnHidden
      data-testid="comm-drawer"
      footer={
        <Flex justify="space-between" gap={8}>
          <div>
            {base?.abilities.delete ? (
              <Popconfirm title={t('comms.deleteConfirm')} onConfirm={remove} okText={t('common.delete')} cancelText={t('common.cancel')}>
                <Button danger data-testid="comm-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ) : null}
          </div>
          <Flex gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={pending} onClick={() => void submit()} data-testid="comm-save">
              {t('common.save')}
            </Button>
          </Flex>
        </Flex>
      }
    >
      {stale ? <Alert type="warning" showIcon title={t('errors.conflict')} description={t('errors.conflictReloaded')} style={{ marginBottom: 16 }} /> : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} layout="vertical" requiredMark="optional" initialValues={valuesOf(base)}>
        <Form.Item name="topic" label={t('comms.field.topic')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={300} data-testid="comm-topic" />
        </Form.Item>
        <Form.Item name="audience" label={t('comms.field.audience')}>
          <Input maxLength={1000} data-testid="comm-audience" />
        </Form.Item>
        <Form.Item name="stakeholderIds" label={t('comms.field.stakeholders')}>
          <Select mode="multiple" options={stakeholders.map((s) => ({ value: s.id, label: s.name }))} optionFilterProp="label" data-testid="comm-stakeholders" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="channel" label={t('comms.field.channel')}>
              <Select options={CHANNEL_LIST.map((c) => ({ value: c, label: t(`comms.channel.${c}`) }))} data-testid="comm-channel" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="frequency" label={t('comms.field.frequency')}>
              <Select options={FREQUENCY_LIST.map((f) => ({ value: f, label: t(`comms.frequency.${f}`) }))} data-testid="comm-frequency" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="ownerId" label={t('comms.field.owner')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(members.data ?? []).map((m) => ({ value: m.userId, label: m.userName }))} data-testid="comm-owner" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="nextDueDate" label={t('comms.field.nextDueDate')}>
              <DatePicker style={{ width: '100%' }} data-testid="comm-next-due" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
