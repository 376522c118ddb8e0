import { Alert, App, Button, Col, DatePicker, Drawer, Flex, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldIssue } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyFieldIssues, changedFields, fieldIssuesOf } from '../../../lib/forms.js';
import { useMembers } from '../api.js';
import type { RiskMutations } from './api.js';
import { checkRequest, CreateIssueRequest, UpdateIssueRequest } from './schemas.js';
import { ISSUE_SEVERITY_LIST, ISSUE_STATUS_LIST, type CreateIssue, type Issue, type IssueSeverity, type IssueStatus, type UpdateIssue } from './types.js';

interface IssueFormValues {
  title: string;
  description: string;
  severity: IssueSeverity;
  ownerId: string | null;
  resolution: string;
  status: IssueStatus;
  dueDate: Dayjs | null;
}
const FIELDS = ['title', 'description', 'severity', 'ownerId', 'resolution', 'status', 'dueDate'] as const;

const valuesOf = (i: Issue | null): IssueFormValues =>
  i
    ? { title: i.title, description: i.description, severity: i.severity, ownerId: i.ownerId, resolution: i.resolution, status: i.status, dueDate: i.dueDate ? dayjs(i.dueDate) : null }
    : { title: '', description: '', severity: 'medium', ownerId: null, resolution: '', status: 'open', dueDate: null };

const requestOf = (v: IssueFormValues) => ({
  title: v.title.trim(),
  description: v.description ?? '',
  severity: v.severity,
  ownerId: v.ownerId ?? null,
  resolution: v.resolution ?? '',
  status: v.status,
  dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
});

function isIssue(x: unknown): x is Issue {
  return !!x && typeof x === 'object' && typeof (x as Issue).id === 'string' && typeof (x as Issue).severity === 'string';
}

/** Adds an issue, or edits one: status, owner, resolution. */
export function IssueDrawer({ projectId, issue, mutations, onClose }: { projectId: string; issue: Issue | null; mutations: RiskMutations; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<IssueFormValues>();
  const members = useMembers(projectId);
  const [base, setBase] = useState<Issue | null>(issue);
  const [stale, setStale] = useState(false);
  const [other, setOther] = useState<FieldIssue[]>([]);
  const mutation = issue ? mutations.updateIssue : mutations.createIssue;
  const status = Form.useWatch('status', form);
  const needsResolution = status === 'resolved' || status === 'closed';

  const onError = (err: unknown) => {
    if (isApiError(err) && err.isConflict) {
      setStale(true);
      if (isIssue(err.current)) {
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
    if (!base) {
      const body = requestOf(v) as CreateIssue;
      const check = checkRequest(form, CreateIssueRequest, body, FIELDS);
      if (!check.ok) return setOther(check.other);
      return mutations.createIssue.mutate(body, { onSuccess: done(t('risks.issues.created')), onError });
    }
    const changes = { ...changedFields(requestOf(valuesOf(base)), requestOf(v)), version: base.version } as UpdateIssue;
    if (Object.keys(changes).length === 1) {
      void message.info(t('common.nothingChanged'));
      return onClose();
    }
    const check = checkRequest(form, UpdateIssueRequest, changes, FIELDS);
    if (!check.ok) return setOther(check.other);
    mutations.updateIssue.mutate({ id: base.id, body: changes }, { onSuccess: done(t('common.saved')), onError });
  };

  const generalError = mutation.error && !(isApiError(mutation.error) && mutation.error.isConflict) && fieldIssuesOf(mutation.error).length === 0 ? errorMessage(mutation.error, t) : null;

  return (
    <Drawer
      open
      size={600}
      title={base ? t('risks.issues.editTitle') : t('risks.issues.createTitle')}
      onClose={onClose}
      destroyOnHidden
      data-testid="issue-drawer"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={mutation.isPending} onClick={() => void submit()} data-testid="issue-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {stale ? <Alert type="warning" showIcon title={t('errors.conflict')} description={t('errors.conflictReloaded')} style={{ marginBottom: 16 }} data-testid="conflict-alert" /> : null}
      {generalError ? <Alert type="error" showIcon title={generalError} style={{ marginBottom: 16 }} /> : null}
      {other.length ? <Alert type="error" showIcon title={other.map((i) => `${i.path}: ${i.message}`).join(' · ')} style={{ marginBottom: 16 }} /> : null}
      <Form<IssueFormValues> form={form} layout="vertical" requiredMark="optional" initialValues={valuesOf(base)}>
        <Form.Item name="title" label={t('risks.issues.field.title')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={300} data-testid="issue-title" />
        </Form.Item>
        <Form.Item name="description" label={t('risks.issues.field.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10_000} data-testid="issue-description" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="severity" label={t('risks.issues.field.severity')}>
              <Select options={ISSUE_SEVERITY_LIST.map((s) => ({ value: s, label: t(`risks.issues.severity.${s}`) }))} data-testid="issue-severity-select" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="status" label={t('risks.issues.field.status')}>
              <Select options={ISSUE_STATUS_LIST.map((s) => ({ value: s, label: t(`risks.issues.status.${s}`) }))} data-testid="issue-status-select" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="ownerId" label={t('risks.issues.field.owner')} extra={t('risks.ownerHint')}>
              <Select allowClear loading={members.isPending} options={(members.data ?? []).map((m) => ({ value: m.userId, label: m.userName }))} showSearch={{ optionFilterProp: 'label' }} data-testid="issue-owner" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="dueDate" label={t('risks.issues.field.dueDate')}>
              <DatePicker style={{ width: '100%' }} data-testid="issue-due" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="resolution"
          label={t('risks.issues.field.resolution')}
          extra={t('risks.issues.resolutionHint')}
          dependencies={['status']}
          rules={[{ required: needsResolution, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10_000} data-testid="issue-resolution" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
