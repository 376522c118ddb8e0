import { Alert, App, Button, Col, Drawer, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldIssue } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyFieldIssues, changedFields, fieldIssuesOf } from '../../../lib/forms.js';
import { useMembers } from '../api.js';
import type { QualityMutations } from './api.js';
import { DEFECT_MOVES, DEFECT_SEVERITY_LIST, type Defect, type DefectSeverity, type DefectStatus, type Deliverable, type UpdateDefect } from './types.js';

interface Values {
  title: string;
  description: string;
  severity: DefectSeverity;
  status: DefectStatus;
  assigneeId: string | null;
}
const FIELDS = ['title', 'description', 'severity', 'status', 'assigneeId'] as const;

const valuesOf = (d: Defect | null): Values =>
  d ? { title: d.title, description: d.description, severity: d.severity, status: d.status, assigneeId: d.assigneeId } : { title: '', description: '', severity: 'medium', status: 'open', assigneeId: null };
const requestOf = (v: Values) => ({ title: (v.title ?? '').trim(), description: v.description ?? '', severity: v.severity, status: v.status, assigneeId: v.assigneeId ?? null });
const isDefect = (x: unknown): x is Defect => !!x && typeof x === 'object' && typeof (x as Defect).severity === 'string' && typeof (x as Defect).deliverableId === 'string';

/** Logs a defect against a deliverable, or edits one: its status moves open → fixed → verified → closed. */
export function DefectDrawer({ projectId, deliverable, defect, mutations, onClose }: { projectId: string; deliverable: Deliverable | null; defect: Defect | null; mutations: QualityMutations; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const members = useMembers(projectId);
  const [base, setBase] = useState(defect);
  const [stale, setStale] = useState(false);
  const [other, setOther] = useState<FieldIssue[]>([]);
  const mutation = defect ? mutations.updateDefect : mutations.createDefect;

  const onError = (err: unknown) => {
    if (isApiError(err) && err.isConflict) {
      setStale(true);
      if (isDefect(err.current)) {
        setBase(err.current);
        form.setFieldsValue(valuesOf(err.current));
      }
      return;
    }
    setOther(applyFieldIssues(form, fieldIssuesOf(err), FIELDS));
  };
  const done = (text: string) => () => {
    void message.success(text);
    onClose();
  };

  const submit = async () => {
    setOther([]);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const next = requestOf(v);
    if (!base) {
      const { status: _s, ...body } = next;
      return mutations.createDefect.mutate({ deliverableId: deliverable!.id, body }, { onSuccess: done(t('quality.defect.logged')), onError });
    }
    const changes = { ...changedFields(requestOf(valuesOf(base)), next), version: base.version } as UpdateDefect;
    if (Object.keys(changes).length === 1) {
      void message.info(t('common.nothingChanged'));
      return onClose();
    }
    mutations.updateDefect.mutate({ id: base.id, body: changes }, { onSuccess: done(t('common.saved')), onError });
  };

  const generalError = mutation.error && !(isApiError(mutation.error) && mutation.error.isConflict) && fieldIssuesOf(mutation.error).length === 0 ? errorMessage(mutation.error, t) : null;
  const statuses: DefectStatus[] = base ? [base.status, ...DEFECT_MOVES[base.status]] : ['open'];
  const required = [{ required: true, message: t('validation.required') }];

  return (
    <Drawer
      open
      size={560}
      title={base ? t('quality.defect.editTitle') : t('quality.defect.log')}
      onClose={onClose}
      destroyOnHidden
      data-testid="defect-drawer"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={mutation.isPending} onClick={() => void submit()} data-testid="defect-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {stale ? <Alert type="warning" showIcon title={t('errors.conflict')} description={t('errors.conflictReloaded')} style={{ marginBottom: 16 }} data-testid="conflict-alert" /> : null}
      {generalError ? <Alert type="error" showIcon title={generalError} style={{ marginBottom: 16 }} /> : null}
      {other.length ? <Alert type="error" showIcon title={other.map((i) => `${i.path}: ${i.message}`).join(' · ')} style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph type="secondary">
        {t('quality.defect.deliverable')}: {base?.deliverableName ?? deliverable?.name ?? '—'}
      </Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" requiredMark="optional" initialValues={valuesOf(base)}>
        <Form.Item name="title" label={t('quality.defect.title')} rules={required}>
          <Input maxLength={300} data-testid="defect-title" />
        </Form.Item>
        <Form.Item name="description" label={t('quality.defect.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10_000} data-testid="defect-description" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="severity" label={t('quality.defect.severity')}>
              <Select options={DEFECT_SEVERITY_LIST.map((s) => ({ value: s, label: t(`quality.severity.${s}`) }))} data-testid="defect-severity-select" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="status" label={t('quality.defect.status')}>
              <Select options={statuses.map((s) => ({ value: s, label: t(`quality.defectStatus.${s}`) }))} disabled={!base} data-testid="defect-status-select" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="assigneeId" label={t('quality.defect.assignee')}>
          <Select allowClear loading={members.isPending} options={(members.data ?? []).map((m) => ({ value: m.userId, label: m.userName }))} showSearch={{ optionFilterProp: 'label' }} data-testid="defect-assignee" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
