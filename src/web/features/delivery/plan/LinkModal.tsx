import { Alert, Form, InputNumber, Modal, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import type { PlanMutations } from '../api.js';
import { LINK_TYPE_LIST, type LinkType, type Task } from '../types.js';

interface Values {
  predecessorId: string;
  successorId: string | null;
  type: LinkType;
  lagDays: number;
}

/** The tasks of a cycle the server refused, by name, in their order and back to the first. */
export function cycleText(err: unknown, tasks: readonly Task[]): string | null {
  if (!isApiError(err) || err.status !== 422) return null;
  const d = err.details as { taskIds?: unknown; taskNames?: unknown } | undefined;
  if (!d || !Array.isArray(d.taskIds) || d.taskIds.length === 0) return null;
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const names = (d.taskIds as unknown[]).map((id, i) => {
    const task = typeof id === 'string' ? byId.get(id) : undefined;
    if (task) return `${task.wbs} ${task.name}`;
    const n = Array.isArray(d.taskNames) ? d.taskNames[i] : undefined;
    return typeof n === 'string' ? n : String(id);
  });
  return [...names, names[0]].join(' → ');
}

/** Links the selected task to another: the successor, the type and the lag. */
export default function LinkModal({ from, tasks, mutations, onClose }: { from: Task; tasks: readonly Task[]; mutations: PlanMutations; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = mutations.createDependency;
  const [error, setError] = useState<{ cycle: string | null; message: string } | null>(null);
  const options = useMemo(() => tasks.map((x) => ({ value: x.id, label: `${x.wbs} ${x.name}` })), [tasks]);
  const next = useMemo(() => {
    const i = tasks.findIndex((x) => x.id === from.id);
    return tasks.slice(i + 1).find((x) => x.kind !== 'summary')?.id ?? null;
  }, [tasks, from.id]);
  const submit = async () => {
    setError(null);
    const v = await form.validateFields().catch(() => null);
    if (!v || !v.successorId) return;
    create.mutate(
      { predecessorId: v.predecessorId, successorId: v.successorId, type: v.type, lagDays: v.lagDays ?? 0 },
      {
        onSuccess: () => onClose(),
        onError: (err) => {
          const cycle = cycleText(err, tasks);
          setError({ cycle, message: errorMessage(err, t) });
        },
      },
    );
  };
  return (
    <Modal
      open
      title={t('delivery.plan.linkTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('delivery.plan.linkSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'link-submit' }}
      destroyOnHidden
      width={560}
    >
      {error ? (
        <Alert
          type="error"
          showIcon
          title={error.cycle ? t('delivery.plan.cycle') : error.message}
          description={error.cycle ?? undefined}
          style={{ marginBottom: 16 }}
          data-testid="link-error"
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" initialValues={{ predecessorId: from.id, successorId: next, type: 'FS', lagDays: 0 }} requiredMark="optional" data-testid="link-form">
        <Form.Item name="predecessorId" label={t('delivery.plan.predecessor')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={options} data-testid="link-predecessor" />
        </Form.Item>
        <Form.Item
          name="successorId"
          label={t('delivery.plan.successor')}
          dependencies={['predecessorId']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, v: string | null) => (v && v === getFieldValue('predecessorId') ? Promise.reject(new Error(t('delivery.plan.selfLink'))) : Promise.resolve()),
            }),
          ]}
        >
          <Select showSearch={{ optionFilterProp: 'label' }} options={options} placeholder={t('delivery.plan.pickSuccessor')} data-testid="link-successor" />
        </Form.Item>
        <Form.Item name="type" label={t('delivery.plan.linkType')}>
          <Select options={LINK_TYPE_LIST.map((x) => ({ value: x, label: t(`delivery.linkType.${x}`) }))} data-testid="link-type" />
        </Form.Item>
        <Form.Item name="lagDays" label={t('delivery.plan.lag')} extra={t('delivery.plan.lagHelp')}>
          <InputNumber min={-1000} max={1000} precision={0} style={{ width: 160 }} data-testid="link-lag" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
