import { Alert, App, Col, DatePicker, Form, Input, Modal, Row, Select, type ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldIssue } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyFieldIssues, fieldIssuesOf } from '../../../lib/forms.js';
import { useMembers } from '../api.js';
import type { RiskMutations } from './api.js';
import { checkRequest, OccurRiskRequest } from './schemas.js';
import { ISSUE_SEVERITY_LIST, type Issue, type IssueSeverity, type OccurRisk, type Risk } from './types.js';

interface OccurValues {
  title: string;
  description: string;
  severity: IssueSeverity;
  ownerId: string | null;
  dueDate: Dayjs | null;
}
const FIELDS = ['title', 'description', 'severity', 'ownerId', 'dueDate'] as const;

/** "It happened": opens the issue for a risk (the server does both in one transaction). */
export function OccurModal({ projectId, risk, mutations, onClose, onOccurred }: { projectId: string; risk: Risk; mutations: RiskMutations; onClose: () => void; onOccurred: (issue: Issue) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<OccurValues>();
  const members = useMembers(projectId);
  const [other, setOther] = useState<FieldIssue[]>([]);
  const occur = mutations.occurRisk;

  const submit = async () => {
    setOther([]);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body: OccurRisk = { version: risk.version, title: v.title.trim(), description: v.description ?? '', severity: v.severity, ownerId: v.ownerId ?? null, dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null };
    const check = checkRequest(form, OccurRiskRequest, body, FIELDS);
    if (!check.ok) return setOther(check.other);
    occur.mutate(
      { id: risk.id, body },
      {
        onSuccess: ({ issue }) => {
          void message.success(t('risks.occur.done', { title: issue.title }));
          onOccurred(issue);
          onClose();
        },
        onError: (err) => setOther(applyFieldIssues(form, fieldIssuesOf(err), FIELDS)),
      },
    );
  };

  const generalError = occur.error && fieldIssuesOf(occur.error).length === 0 ? (isApiError(occur.error) && occur.error.isConflict ? t('errors.conflictReloaded') : errorMessage(occur.error, t)) : null;

  return (
    <Modal
      open
      width={600}
      title={t('risks.occur.title', { title: risk.title })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('risks.occur.submit')}
      okButtonProps={{ danger: true, 'data-testid': 'occur-submit' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={occur.isPending}
      destroyOnHidden
      data-testid="occur-modal"
    >
      <Alert type="info" showIcon title={t('risks.occur.hint')} style={{ marginBottom: 16 }} />
      {generalError ? <Alert type="error" showIcon title={generalError} style={{ marginBottom: 16 }} /> : null}
      {other.length ? <Alert type="error" showIcon title={other.map((i) => `${i.path}: ${i.message}`).join(' · ')} style={{ marginBottom: 16 }} /> : null}
      <Form<OccurValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ title: risk.title, description: risk.cause, severity: risk.band, ownerId: risk.ownerId, dueDate: null }}
      >
        <Form.Item name="title" label={t('risks.issues.field.title')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={300} data-testid="occur-title" />
        </Form.Item>
        <Form.Item name="description" label={t('risks.issues.field.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10_000} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="severity" label={t('risks.issues.field.severity')}>
              <Select options={ISSUE_SEVERITY_LIST.map((s) => ({ value: s, label: t(`risks.issues.severity.${s}`) }))} data-testid="occur-severity" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="ownerId" label={t('risks.issues.field.owner')}>
              <Select allowClear options={(members.data ?? []).map((m) => ({ value: m.userId, label: m.userName }))} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="dueDate" label={t('risks.issues.field.dueDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
