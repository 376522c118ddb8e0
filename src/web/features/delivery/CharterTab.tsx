import { EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/index.js';
import { isApiError, type FieldIssue } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { formatMinor, formatPlanDate } from '../../lib/format.js';
import { applyFieldIssues, changedFields, fieldIssuesOf } from '../../lib/forms.js';
import { useCalendars } from '../directory/api.js';
import { useUpdateProject } from './api.js';
import { HealthTag, StatusTag } from './labels.js';
import { SuggestedLessons } from './lessons/SuggestedLessons.js';
import { PROJECT_FIELDS, ProjectFields, requestOf, valuesOf, type ProjectFormValues } from './ProjectFields.js';
import { checkRequest, UpdateProjectRequest } from './schemas.js';
import type { Project, UpdateProject } from './types.js';

function isProject(x: unknown): x is Project {
  return !!x && typeof x === 'object' && typeof (x as Project).id === 'string' && typeof (x as Project).version === 'number' && typeof (x as Project).code === 'string';
}

function Paragraphs({ text }: { text: string }) {
  const { t } = useTranslation();
  if (!text.trim()) return <Typography.Text type="secondary">{t('delivery.charter.notSet')}</Typography.Text>;
  return <div style={{ whiteSpace: 'pre-wrap' }}>{text}</div>;
}

/** The project's charter: goals, scope, dates, budget; edited in place by its manager. */
export default function CharterTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const calendars = useCalendars();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<ProjectFormValues>();
  // The record the form started from: on a 409 it becomes the server's current one.
  const [base, setBase] = useState<Project>(project);
  const [stale, setStale] = useState(false);
  const [other, setOther] = useState<FieldIssue[]>([]);
  const update = useUpdateProject(project.id);
  const shown = editing ? base : project;
  const calendarName = calendars.data?.find((c) => c.id === shown.calendarId)?.name;

  const startEditing = () => {
    setBase(project);
    setStale(false);
    setOther([]);
    update.reset();
    setEditing(true);
  };

  const save = async () => {
    setOther([]);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const changes: UpdateProject = { ...changedFields(requestOf(valuesOf(base)), requestOf(v)), version: base.version };
    if (Object.keys(changes).length === 1) {
      void message.info(t('common.nothingChanged'));
      return setEditing(false);
    }
    const check = checkRequest(form, UpdateProjectRequest, changes, PROJECT_FIELDS);
    if (!check.ok) return setOther(check.other);
    update.mutate(changes, {
      onSuccess: () => {
        void message.success(t('common.saved'));
        setEditing(false);
      },
      onError: (err) => {
        if (isApiError(err) && err.isConflict) {
          // Someone saved first: show their version; the user makes their change again.
          setStale(true);
          if (isProject(err.current)) {
            setBase(err.current);
            form.setFieldsValue(valuesOf(err.current));
          }
          return;
        }
        setOther(applyFieldIssues(form, fieldIssuesOf(err), PROJECT_FIELDS));
      },
    });
  };

  const generalError = update.error && !(isApiError(update.error) && update.error.isConflict) && fieldIssuesOf(update.error).length === 0 ? errorMessage(update.error, t) : null;

  if (editing) {
    return (
      <Card
        title={t('delivery.charter.edit')}
        data-testid="charter-form"
        extra={
          <Flex gap={8}>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
            <Button type="primary" loading={update.isPending} onClick={() => void save()} data-testid="charter-save">
              {t('common.save')}
            </Button>
          </Flex>
        }
      >
        {stale ? <Alert type="warning" showIcon title={t('errors.conflict')} description={t('errors.conflictReloaded')} style={{ marginBottom: 16 }} data-testid="conflict-alert" /> : null}
        {generalError ? <Alert type="error" showIcon title={generalError} style={{ marginBottom: 16 }} /> : null}
        {other.length ? <Alert type="error" showIcon title={other.map((i) => `${i.path}: ${i.message}`).join(' · ')} style={{ marginBottom: 16 }} /> : null}
        <Form<ProjectFormValues> form={form} layout="vertical" requiredMark="optional" initialValues={valuesOf(base)}>
          <ProjectFields mode="edit" />
        </Form>
      </Card>
    );
  }

  return (
    <Card
      title={t('delivery.charter.title')}
      data-testid="charter"
      extra={
        project.abilities.update ? (
          <Button icon={<EditOutlined />} onClick={startEditing} data-testid="charter-edit">
            {t('common.edit')}
          </Button>
        ) : null
      }
    >
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'code', label: t('delivery.project.code'), children: shown.code },
          { key: 'name', label: t('delivery.project.name'), children: <span data-testid="charter-name">{shown.name}</span> },
          { key: 'manager', label: t('delivery.project.manager'), children: shown.managerName ?? '—' },
          { key: 'sponsor', label: t('delivery.project.sponsor'), children: shown.sponsor ?? '—' },
          { key: 'status', label: t('delivery.project.status'), children: <StatusTag status={shown.status} /> },
          { key: 'health', label: t('delivery.project.health'), children: <HealthTag health={shown.health} /> },
          { key: 'start', label: t('delivery.project.plannedStart'), children: formatPlanDate(shown.plannedStart, locale) },
          { key: 'finish', label: t('delivery.project.plannedFinish'), children: shown.plannedFinish ? formatPlanDate(shown.plannedFinish, locale) : '—' },
          { key: 'calendar', label: t('delivery.project.calendar'), children: calendarName ?? t('delivery.project.defaultCalendar') },
          { key: 'currency', label: t('delivery.project.currency'), children: shown.currency },
          { key: 'labour', label: t('delivery.project.budgetLabour'), children: `${shown.currency} ${formatMinor(shown.budgetLabour, locale)}` },
          { key: 'expenses', label: t('delivery.project.budgetExpenses'), children: `${shown.currency} ${formatMinor(shown.budgetExpenses, locale)}` },
          { key: 'industry', label: t('delivery.project.industry'), children: shown.industry ?? '—' },
          { key: 'tags', label: t('delivery.project.tags'), children: shown.tags.length ? shown.tags.map((x) => <Tag key={x}>{x}</Tag>) : '—' },
          { key: 'goals', label: t('delivery.project.goals'), span: 'filled', children: <Paragraphs text={shown.goals} /> },
          { key: 'scopeIn', label: t('delivery.project.scopeIn'), span: 'filled', children: <Paragraphs text={shown.scopeIn} /> },
          { key: 'scopeOut', label: t('delivery.project.scopeOut'), span: 'filled', children: <Paragraphs text={shown.scopeOut} /> },
        ]}
      />
      {shown.status === 'proposed' || shown.status === 'planning' ? <div style={{ marginTop: 16 }}><SuggestedLessons projectId={shown.id} /></div> : null}
    </Card>
  );
}
