import { DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, DatePicker, Descriptions, Divider, Drawer, Empty, Flex, Form, Input, InputNumber, Popconfirm, Row, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldIssue } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyFieldIssues, changedFields, fieldIssuesOf } from '../../../lib/forms.js';
import { useMembers, type PlanMutations } from '../api.js';
import { checkRequest, UpdateTaskRequest } from '../schemas.js';
import { CONSTRAINT_TYPE_LIST, LINK_TYPE_LIST, TASK_STATUS_LIST, type ConstraintType, type Dependency, type LinkType, type Task, type TaskStatus, type UpdateTask } from '../types.js';

interface AssignmentValue {
  userId: string | null;
  /** Percent of the person's day (units × 100). */
  pct: number;
}

export interface TaskFormValues {
  name: string;
  kind: 'task' | 'milestone';
  durationDays: number;
  constraintType: ConstraintType;
  constraintDate: Dayjs | null;
  estimatedHours: number | null;
  status: TaskStatus;
  percentComplete: number;
  actualStart: Dayjs | null;
  actualFinish: Dayjs | null;
  deliverable: string | null;
  assignments: AssignmentValue[];
}

const FIELDS = ['name', 'kind', 'durationDays', 'constraintType', 'constraintDate', 'estimatedHours', 'status', 'percentComplete', 'actualStart', 'actualFinish', 'deliverable', 'assignments'] as const;
const PROGRESS = new Set(['status', 'percentComplete', 'actualStart', 'actualFinish']);

const date = (iso: string | null) => (iso ? dayjs(iso) : null);
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

export function valuesOf(t: Task): TaskFormValues {
  return {
    name: t.name,
    kind: t.kind === 'milestone' ? 'milestone' : 'task',
    durationDays: t.durationDays,
    constraintType: t.constraintType,
    constraintDate: date(t.constraintDate),
    estimatedHours: t.estimatedHours,
    status: t.status,
    percentComplete: t.percentComplete,
    actualStart: date(t.actualStart),
    actualFinish: date(t.actualFinish),
    deliverable: t.deliverable,
    assignments: t.assignments.map((a) => ({ userId: a.userId, pct: Math.round(a.units * 100) })),
  };
}

/** The form's values as the API takes them; a summary's kind and duration follow its children, so they are left out. */
export function requestOf(v: TaskFormValues, summary: boolean): Omit<UpdateTask, 'version'> {
  const milestone = v.kind === 'milestone';
  return {
    name: v.name?.trim(),
    ...(summary ? {} : { kind: v.kind, durationDays: milestone ? 0 : v.durationDays }),
    constraintType: v.constraintType,
    constraintDate: v.constraintType === 'ASAP' ? null : iso(v.constraintDate),
    estimatedHours: v.estimatedHours ?? null,
    status: v.status,
    percentComplete: v.percentComplete ?? 0,
    actualStart: iso(v.actualStart),
    actualFinish: iso(v.actualFinish),
    deliverable: v.deliverable && v.deliverable.trim() ? v.deliverable.trim() : null,
    assignments: (v.assignments ?? []).filter((a) => a.userId).map((a) => ({ userId: a.userId!, units: Math.round(a.pct) / 100 })),
  };
}

function isTask(x: unknown): x is Task {
  return !!x && typeof x === 'object' && typeof (x as Task).id === 'string' && typeof (x as Task).version === 'number' && typeof (x as Task).wbs === 'string';
}

/** One link of the task: the other task, the type and lag (editable), and a remove button. */
function LinkRow({ dep, other, editable, mutations }: { dep: Dependency; other: Task | undefined; editable: boolean; mutations: PlanMutations }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [lag, setLag] = useState<number | null>(dep.lagDays);
  useEffect(() => setLag(dep.lagDays), [dep.lagDays]);
  const onError = (err: unknown) => void (isApiError(err) && err.isConflict ? message.warning(t('errors.conflictReloaded')) : message.error(errorMessage(err, t)));
  const save = (patch: { type?: LinkType; lagDays?: number }) => mutations.updateDependency.mutate({ id: dep.id, body: { ...patch, version: dep.version } }, { onError });
  return (
    <Flex align="center" gap={8} style={{ padding: '4px 0' }} data-testid="task-link" data-link-id={dep.id}>
      <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }}>
        {other ? `${other.wbs} ${other.name}` : '—'}
      </Typography.Text>
      <Select<LinkType> size="small" value={dep.type} disabled={!editable} style={{ width: 76 }} onChange={(type) => save({ type })} options={LINK_TYPE_LIST.map((x) => ({ value: x, label: x, title: t(`delivery.linkType.${x}`) }))} aria-label={t('delivery.plan.linkType')} />
      <InputNumber
        size="small"
        value={lag}
        disabled={!editable}
        precision={0}
        min={-1000}
        max={1000}
        style={{ width: 90 }}
        suffix={t('delivery.task.daysSuffix')}
        aria-label={t('delivery.plan.lag')}
        onChange={(v) => setLag(v)}
        onBlur={() => (lag !== null && lag !== dep.lagDays ? save({ lagDays: lag }) : undefined)}
        onPressEnter={() => (lag !== null && lag !== dep.lagDays ? save({ lagDays: lag }) : undefined)}
      />
      {editable ? (
        <Popconfirm title={t('delivery.task.confirmUnlink')} okText={t('common.remove')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => mutations.deleteDependency.mutate(dep, { onError })}>
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} data-testid="task-link-remove" />
        </Popconfirm>
      ) : null}
    </Flex>
  );
}

/** Everything about one task: its fields, people, constraint, computed schedule and links. */
export default function TaskDrawer({ projectId, task, tasks, dependencies, editPlan, mutations, onClose }: { projectId: string; task: Task; tasks: readonly Task[]; dependencies: readonly Dependency[]; editPlan: boolean; mutations: PlanMutations; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TaskFormValues>();
  const [record, setRecord] = useState(task);
  const [stale, setStale] = useState(false);
  const [other, setOther] = useState<FieldIssue[]>([]);
  const update = mutations.updateTask;
  const summary = record.kind === 'summary';
  const mayUpdate = !!record.abilities.update;
  const mayReport = mayUpdate || !!record.abilities.reportProgress;
  const kind = Form.useWatch('kind', form);
  const constraintType = Form.useWatch('constraintType', form);
  const byId = useMemo(() => new Map(tasks.map((x) => [x.id, x])), [tasks]);
  // Only the project's team can be assigned (the server refuses anyone else).
  const members = useMembers(projectId);
  const memberOptions = useMemo(() => {
    const list = (members.data ?? []).map((m) => ({ value: m.userId, label: m.userName }));
    for (const a of record.assignments) if (!list.some((o) => o.value === a.userId)) list.push({ value: a.userId, label: a.userId });
    return list;
  }, [members.data, record.assignments]);
  const predecessors = dependencies.filter((d) => d.successorId === record.id);
  const successors = dependencies.filter((d) => d.predecessorId === record.id);

  // The plan moved on (a reschedule, a link edited here) and nothing was typed yet: follow it.
  useEffect(() => {
    if (task.version !== record.version && !form.isFieldsTouched()) {
      setRecord(task);
      form.setFieldsValue(valuesOf(task));
    } else if (task.version === record.version && task !== record) {
      setRecord(task); // same version, newly computed dates
    }
  }, [task, record, form]);

  const submit = async () => {
    setOther([]);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    let changes: UpdateTask = { ...changedFields(requestOf(valuesOf(record), summary), requestOf(v, summary)), version: record.version };
    if (!mayUpdate) changes = Object.fromEntries(Object.entries(changes).filter(([k]) => PROGRESS.has(k) || k === 'version')) as UpdateTask;
    if (Object.keys(changes).length === 1) {
      void message.info(t('common.nothingChanged'));
      return onClose();
    }
    // A constraint and its date go together (the server checks the pair).
    if (changes.constraintType !== undefined || changes.constraintDate !== undefined) {
      const r = requestOf(v, summary);
      changes.constraintType = r.constraintType;
      changes.constraintDate = r.constraintDate;
    }
    const check = checkRequest(form, UpdateTaskRequest, changes, FIELDS);
    if (!check.ok) return setOther(check.other);
    update.mutate(
      { id: record.id, body: changes },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (err) => {
          if (isApiError(err) && err.isConflict) {
            setStale(true);
            if (isTask(err.current)) {
              setRecord(err.current);
              form.setFieldsValue(valuesOf(err.current));
            }
            return;
          }
          setOther(applyFieldIssues(form, fieldIssuesOf(err), FIELDS));
        },
      },
    );
  };

  const generalError = update.error && !(isApiError(update.error) && update.error.isConflict) && fieldIssuesOf(update.error).length === 0 ? errorMessage(update.error, t) : null;
  const required = { required: true, message: t('validation.required') };
  const planField = !mayUpdate;

  return (
    <Drawer
      open
      size={720}
      title={t('delivery.task.edit', { task: `${record.wbs} ${record.name}` })}
      onClose={onClose}
      destroyOnHidden
      data-testid="task-drawer"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          {mayReport ? (
            <Button type="primary" loading={update.isPending} onClick={() => void submit()} data-testid="task-save">
              {t('common.save')}
            </Button>
          ) : null}
        </Flex>
      }
    >
      {stale ? <Alert type="warning" showIcon title={t('errors.conflict')} description={t('errors.conflictReloaded')} style={{ marginBottom: 16 }} data-testid="conflict-alert" /> : null}
      {generalError ? <Alert type="error" showIcon title={generalError} style={{ marginBottom: 16 }} /> : null}
      {other.length ? <Alert type="error" showIcon title={other.map((i) => `${i.path}: ${i.message}`).join(' · ')} style={{ marginBottom: 16 }} /> : null}
      <Descriptions
        size="small"
        bordered
        column={2}
        style={{ marginBottom: 16 }}
        data-testid="task-schedule"
        items={[
          { key: 'es', label: t('delivery.task.earlyStart'), children: record.earlyStart ?? '—' },
          { key: 'ef', label: t('delivery.task.earlyFinish'), children: record.earlyFinish ?? '—' },
          { key: 'ls', label: t('delivery.task.lateStart'), children: record.lateStart ?? '—' },
          { key: 'lf', label: t('delivery.task.lateFinish'), children: record.lateFinish ?? '—' },
          { key: 'tf', label: t('delivery.task.totalFloat'), children: record.totalFloat ?? '—' },
          { key: 'ff', label: t('delivery.task.freeFloat'), children: record.freeFloat ?? '—' },
          {
            key: 'critical',
            label: t('delivery.task.critical'),
            span: 2,
            children: record.critical ? <Tag color="red">{t('delivery.task.onCriticalPath')}</Tag> : <Tag>{t('delivery.task.notCritical')}</Tag>,
          },
        ]}
      />
      <Form<TaskFormValues> form={form} layout="vertical" requiredMark="optional" initialValues={valuesOf(record)} data-testid="task-form">
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="name" label={t('delivery.task.name')} rules={[required, { max: 300, message: t('validation.tooLong', { max: 300 }) }]}>
              <Input disabled={planField} data-testid="task-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="kind" label={t('delivery.task.kind')} extra={summary ? t('delivery.task.summaryHelp') : undefined}>
              <Select
                disabled={planField || summary}
                options={[
                  { value: 'task', label: summary ? t('delivery.task.kinds.summary') : t('delivery.task.kinds.task') },
                  { value: 'milestone', label: t('delivery.task.kinds.milestone') },
                ]}
                data-testid="task-kind"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="durationDays" label={t('delivery.task.durationDays')} rules={[required]}>
              <InputNumber min={0} max={10_000} precision={0} style={{ width: '100%' }} disabled={planField || summary || kind === 'milestone'} suffix={t('delivery.task.daysSuffix')} data-testid="task-duration" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="estimatedHours" label={t('delivery.task.estimatedHours')}>
              <InputNumber min={0} max={1_000_000} style={{ width: '100%' }} disabled={planField} suffix={t('delivery.task.hoursSuffix')} data-testid="task-hours" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="constraintType" label={t('delivery.task.constraint')} extra={t(`delivery.constraint.help.${constraintType ?? 'ASAP'}`)}>
              <Select
                disabled={planField}
                options={CONSTRAINT_TYPE_LIST.filter((c) => !summary || c === 'ASAP' || c === 'SNET' || c === 'FNLT').map((c) => ({ value: c, label: t(`delivery.constraint.${c}`) }))}
                data-testid="task-constraint"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="constraintDate"
              label={t('delivery.task.constraintDate')}
              dependencies={['constraintType']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, d: Dayjs | null) => (getFieldValue('constraintType') !== 'ASAP' && !d ? Promise.reject(new Error(t('delivery.task.constraintNeedsDate'))) : Promise.resolve()),
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} disabled={planField || constraintType === 'ASAP'} data-testid="task-constraint-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="status" label={t('delivery.task.status')}>
              <Select disabled={!mayReport} options={TASK_STATUS_LIST.map((s) => ({ value: s, label: t(`delivery.taskStatus.${s}`) }))} data-testid="task-status" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="percentComplete" label={t('delivery.task.percentComplete')}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} suffix="%" disabled={!mayReport} data-testid="task-percent" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="actualStart" label={t('delivery.task.actualStart')}>
              <DatePicker style={{ width: '100%' }} disabled={!mayReport} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="actualFinish" label={t('delivery.task.actualFinish')}>
              <DatePicker style={{ width: '100%' }} disabled={!mayReport} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="deliverable" label={t('delivery.task.deliverable')} rules={[{ max: 500, message: t('validation.tooLong', { max: 500 }) }]}>
              <Input disabled={planField} data-testid="task-deliverable" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('delivery.task.assignments')}
        </Divider>
        <Form.List name="assignments">
          {(fields, { add, remove }, { errors }) => (
            <>
              <Form.ErrorList errors={errors} />
              {fields.length === 0 ? <Typography.Paragraph type="secondary">{t('delivery.task.noAssignments')}</Typography.Paragraph> : null}
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="baseline">
                  <Form.Item name={[f.name, 'userId']} rules={[required]} style={{ flex: 1 }}>
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      disabled={planField}
                      loading={members.isPending}
                      options={memberOptions}
                      placeholder={t('delivery.task.pickMember')}
                      notFoundContent={t('delivery.task.noMembers')}
                      data-testid="assignment-user"
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'pct']} rules={[required]}>
                    <InputNumber min={1} max={1000} precision={0} suffix="%" style={{ width: 110 }} disabled={planField} aria-label={t('delivery.task.units')} data-testid="assignment-units" />
                  </Form.Item>
                  {planField ? null : <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('common.remove')} />}
                </Flex>
              ))}
              {planField ? null : (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ userId: null, pct: 100 })} data-testid="assignment-add">
                  {t('delivery.task.addAssignment')}
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form>
      <Divider titlePlacement="start">{t('delivery.task.predecessors')}</Divider>
      {predecessors.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('delivery.task.noPredecessors')} /> : predecessors.map((d) => <LinkRow key={d.id} dep={d} other={byId.get(d.predecessorId)} editable={editPlan} mutations={mutations} />)}
      <Divider titlePlacement="start">{t('delivery.task.successors')}</Divider>
      {successors.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('delivery.task.noSuccessors')} /> : successors.map((d) => <LinkRow key={d.id} dep={d} other={byId.get(d.successorId)} editable={editPlan} mutations={mutations} />)}
    </Drawer>
  );
}
