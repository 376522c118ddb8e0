import { Alert, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyFieldIssues, fieldIssuesOf } from '../../../lib/forms.js';
import type { PlanMutations } from '../api.js';
import { checkRequest, CreateTaskRequest } from '../schemas.js';
import type { Task } from '../types.js';

interface Values {
  name: string;
  durationDays: number;
}
const FIELDS = ['name', 'durationDays'] as const;

/** Adds a task or a milestone after the selected row (at its level), or at the end of the plan. */
export default function AddTaskModal({ kind, after, mutations, onClose, onCreated }: { kind: 'task' | 'milestone'; after: Task | null; mutations: PlanMutations; onClose(): void; onCreated(task: Task): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [other, setOther] = useState<FieldIssue[]>([]);
  const create = mutations.createTask;
  const submit = async () => {
    setOther([]);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = {
      name: v.name.trim(),
      kind,
      durationDays: kind === 'milestone' ? 0 : v.durationDays,
      parentId: after?.parentId ?? null,
      ...(after ? { afterId: after.id } : {}),
    };
    const check = checkRequest(form, CreateTaskRequest, body, FIELDS);
    if (!check.ok) return setOther(check.other);
    create.mutate(body, {
      onSuccess: (task) => {
        onCreated(task);
        onClose();
      },
      onError: (err) => setOther(applyFieldIssues(form, fieldIssuesOf(err), FIELDS)),
    });
  };
  const generalError = create.error && fieldIssuesOf(create.error).length === 0 ? errorMessage(create.error, t) : null;
  return (
    <Modal
      open
      title={kind === 'milestone' ? t('delivery.plan.addMilestone') : t('delivery.plan.addTask')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('delivery.plan.addSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'add-task-submit' }}
      destroyOnHidden
      afterOpenChange={(open) => {
        if (open) form.getFieldInstance('name')?.focus?.();
      }}
    >
      <Typography.Paragraph type="secondary">{after ? t('delivery.plan.insertAfter', { task: `${after.wbs} ${after.name}` }) : t('delivery.plan.insertAtEnd')}</Typography.Paragraph>
      {generalError ? <Alert type="error" showIcon title={generalError} style={{ marginBottom: 16 }} /> : null}
      {other.length ? <Alert type="error" showIcon title={other.map((i) => `${i.path}: ${i.message}`).join(' · ')} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} layout="vertical" initialValues={{ name: '', durationDays: 1 }} requiredMark="optional" onFinish={() => void submit()} data-testid="add-task-form">
        <Form.Item name="name" label={t('delivery.task.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 300, message: t('validation.tooLong', { max: 300 }) }]}>
          <Input data-testid="add-task-name" onPressEnter={() => void submit()} />
        </Form.Item>
        {kind === 'task' ? (
          <Form.Item name="durationDays" label={t('delivery.task.durationDays')} rules={[{ required: true, message: t('validation.required') }]} extra={t('delivery.task.durationHelp')}>
            <InputNumber min={1} max={10_000} precision={0} style={{ width: 160 }} data-testid="add-task-duration" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
