import { Alert, Form, Modal } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { useSession } from '../../app/session.js';
import type { FieldIssue } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { applyFieldIssues, fieldIssuesOf } from '../../lib/forms.js';
import { useCreateProject } from './api.js';
import { PROJECT_FIELDS, ProjectFields, requestOf, type ProjectFormValues } from './ProjectFields.js';
import { checkRequest, CreateProjectRequest } from './schemas.js';

/** Opens a project: its charter; the plan is made on the project's page, where this leads. */
export default function CreateProjectModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<ProjectFormValues>();
  const create = useCreateProject();
  const [other, setOther] = useState<FieldIssue[]>([]);

  const initial: Partial<ProjectFormValues> = {
    plannedStart: dayjs().startOf('day'),
    currency: me.user.orgCurrency || 'CNY',
    budgetLabour: 0,
    budgetExpenses: 0,
    calendarId: null,
    goals: '',
    scopeIn: '',
    scopeOut: '',
    tags: [],
  };

  const submit = async () => {
    setOther([]);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = requestOf(v);
    const check = checkRequest(form, CreateProjectRequest, body, PROJECT_FIELDS);
    if (!check.ok) return setOther(check.other);
    // Checked against CreateProjectRequest just above (which also refuses closing/closed at birth).
    create.mutate(body as z.input<typeof CreateProjectRequest>, {
      onSuccess: (p) => {
        onClose();
        navigate(`/delivery/projects/${p.id}`);
      },
      onError: (err) => setOther(applyFieldIssues(form, fieldIssuesOf(err), PROJECT_FIELDS)),
    });
  };

  const generalError = create.error && fieldIssuesOf(create.error).length === 0 ? errorMessage(create.error, t) : null;
  return (
    <Modal
      open
      width={820}
      title={t('delivery.create')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('delivery.createSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'create-project-submit' }}
      destroyOnHidden
    >
      {generalError ? <Alert type="error" showIcon title={generalError} style={{ marginBottom: 16 }} data-testid="create-project-error" /> : null}
      {other.length ? <Alert type="error" showIcon title={other.map((i) => `${i.path}: ${i.message}`).join(' · ')} style={{ marginBottom: 16 }} /> : null}
      <Form<ProjectFormValues> form={form} layout="vertical" initialValues={initial} requiredMark="optional" data-testid="create-project-form">
        <ProjectFields mode="create" />
      </Form>
    </Modal>
  );
}
