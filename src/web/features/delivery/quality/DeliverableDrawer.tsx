import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Col, DatePicker, Drawer, Flex, Form, Input, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldIssue } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyFieldIssues, changedFields, fieldIssuesOf } from '../../../lib/forms.js';
import { useMembers, usePlan } from '../api.js';
import type { QualityMutations } from './api.js';
import { DELIVERABLE_EDIT_MOVES, type CreateDeliverable, type Deliverable, type DeliverableStatus, type UpdateDeliverable } from './types.js';

interface Values {
  name: string;
  description: string;
  dueDate: Dayjs | null;
  ownerId: string | null;
  taskId: string | null;
  status: DeliverableStatus;
  criteria: { id?: string; text: string; met: boolean }[];
}
const FIELDS = ['name', 'description', 'dueDate', 'ownerId', 'taskId', 'status', 'criteria'] as const;

const valuesOf = (d: Deliverable | null): Values =>
  d
    ? { name: d.name, description: d.description, dueDate: dayjs(d.dueDate), ownerId: d.ownerId, taskId: d.taskId, status: d.status, criteria: d.criteria.map((c) => ({ id: c.id, text: c.text, met: c.met })) }
    : { name: '', description: '', dueDate: null, ownerId: null, taskId: null, status: 'planned', criteria: [] };

const requestOf = (v: Values) => ({
  name: (v.name ?? '').trim(),
  description: v.description ?? '',
  dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : '',
  ownerId: v.ownerId ?? null,
  taskId: v.taskId ?? null,
  status: v.status,
  criteria: (v.criteria ?? []).map((c) => ({ ...(c.id ? { id: c.id } : {}), text: (c.text ?? '').trim(), met: !!c.met })),
});

const isDeliverable = (x: unknown): x is Deliverable => !!x && typeof x === 'object' && typeof (x as Deliverable).id === 'string' && Array.isArray((x as Deliverable).criteria);

/** Adds a deliverable with its acceptance criteria, or edits one (with its version). */
export function DeliverableDrawer({ projectId, deliverable, mutations, onClose }: { projectId: string; deliverable: Deliverable | null; mutations: QualityMutations; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const members = useMembers(projectId);
  const plan = usePlan(projectId);
  const [base, setBase] = useState(deliverable);
  const [stale, setStale] = useState(false);
  const [other, setOther] = useState<FieldIssue[]>([]);
  const mutation = deliverable ? mutations.updateDeliverable : mutations.createDeliverable;

  const onError = (err: unknown) => {
    if (isApiError(err) && err.isConflict) {
      setStale(true);
      if (isDeliverable(err.current)) {
        setBase(err.current);
        form.setFieldsValue(valuesOf(err.current));
      }
      return;
    }
    setOther(applyFieldIssues(form, fieldIssuesOf(err), FIELDS));
  };

  const submit = async () => {
    setOther([]);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const next = requestOf(v);
    if (!base) {
      return mutations.createDeliverable.mutate(next as CreateDeliverable, {
        onSuccess: () => {
          void message.success(t('quality.created'));
          onClose();
        },
        onError,
      });
    }
    const changes = { ...changedFields(requestOf(valuesOf(base)), next), version: base.version } as UpdateDeliverable;
    if (Object.keys(changes).length === 1) {
      void message.info(t('common.nothingChanged'));
      return onClose();
    }
    mutations.updateDeliverable.mutate(
      { id: base.id, body: changes },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError,
      },
    );
  };

  const generalError = mutation.error && !(isApiError(mutation.error) && mutation.error.isConflict) && fieldIssuesOf(mutation.error).length === 0 ? errorMessage(mutation.error, t) : null;
  const statuses: DeliverableStatus[] = base ? [base.status, ...DELIVERABLE_EDIT_MOVES[base.status]] : ['planned', 'in_review'];
  const required = [{ required: true, message: t('validation.required') }];
  const tasks = (plan.data?.tasks ?? []).map((x) => ({ value: x.id, label: `${x.wbs} ${x.name}` }));

  return (
    <Drawer
      open
      size={640}
      title={base ? t('quality.editTitle') : t('quality.createTitle')}
      onClose={onClose}
      destroyOnHidden
      data-testid="deliverable-drawer"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={mutation.isPending} onClick={() => void submit()} data-testid="deliverable-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {stale ? <Alert type="warning" showIcon title={t('errors.conflict')} description={t('errors.conflictReloaded')} style={{ marginBottom: 16 }} data-testid="conflict-alert" /> : null}
      {generalError ? <Alert type="error" showIcon title={generalError} style={{ marginBottom: 16 }} data-testid="deliverable-error" /> : null}
      {other.length ? <Alert type="error" showIcon title={other.map((i) => `${i.path}: ${i.message}`).join(' · ')} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} layout="vertical" requiredMark="optional" initialValues={valuesOf(base)}>
        <Form.Item name="name" label={t('quality.field.name')} rules={required}>
          <Input maxLength={300} data-testid="deliverable-name" />
        </Form.Item>
        <Form.Item name="description" label={t('quality.field.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10_000} data-testid="deliverable-description" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="dueDate" label={t('quality.field.dueDate')} rules={required}>
              <DatePicker style={{ width: '100%' }} data-testid="deliverable-due" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="status" label={t('quality.field.status')} extra={t('quality.statusHint')}>
              <Select options={statuses.map((s) => ({ value: s, label: t(`quality.status.${s}`) }))} disabled={statuses.length < 2} data-testid="deliverable-status-select" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="ownerId" label={t('quality.field.owner')}>
              <Select allowClear loading={members.isPending} options={(members.data ?? []).map((m) => ({ value: m.userId, label: m.userName }))} showSearch={{ optionFilterProp: 'label' }} data-testid="deliverable-owner" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="taskId" label={t('quality.field.task')}>
              <Select allowClear loading={plan.isPending} options={tasks} showSearch={{ optionFilterProp: 'label' }} data-testid="deliverable-task" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('quality.field.criteria')}
        </Typography.Title>
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} data-testid="criteria-list">
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="flex-start">
                  <Form.Item name={[f.name, 'met']} valuePropName="checked" style={{ marginBottom: 0, paddingTop: 4 }}>
                    <Checkbox data-testid={`criterion-met-${i}`} aria-label={t('quality.criterion.met')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'text']} rules={required} style={{ flex: 1, marginBottom: 0 }}>
                    <Input maxLength={1000} placeholder={t('quality.criterion.placeholder')} data-testid={`criterion-text-${i}`} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} aria-label={t('quality.criterion.remove')} onClick={() => remove(f.name)} data-testid={`criterion-remove-${i}`} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: '', met: false })} data-testid="criterion-add">
                {t('quality.criterion.add')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
