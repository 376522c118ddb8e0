import { CheckOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Flex, Form, Input, List, Row, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyFieldIssues, fieldIssuesOf } from '../../../lib/forms.js';
import { formatInstant } from '../../../lib/format.js';
import { useActivities, useCrmMutations } from './api.js';
import { ACTIVITY_ICON } from './labels.js';
import { ACTIVITY_KIND_LIST, type Activity, type ActivityKind, type CreateActivity } from './types.js';

export interface ActivityPanelProps {
  parent: { type: 'account' | 'contact' | 'lead' | 'opportunity'; id: string };
}

interface LogValues {
  kind: ActivityKind;
  subject: string;
  notes?: string;
  outcome?: string;
  dueAt?: Dayjs | null;
  remindAt?: Dayjs | null;
  done: 'done' | 'planned';
}
const FIELDS = ['kind', 'subject', 'notes', 'outcome', 'dueAt', 'remindAt'] as const;

/** One activity of a timeline; open follow-ups can be marked done. */
export function ActivityItem({ activity, onDone, busy, showParent }: { activity: Activity; onDone?: (a: Activity) => void; busy?: boolean; showParent?: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const a = activity;
  return (
    <List.Item
      data-testid="activity-item"
      actions={
        !a.doneAt && a.abilities.update && onDone
          ? [
              <Button key="done" size="small" icon={<CheckOutlined />} loading={busy} onClick={() => onDone(a)} data-testid="activity-done">
                {t('crm.activity.markDone')}
              </Button>,
            ]
          : []
      }
    >
      <List.Item.Meta
        avatar={ACTIVITY_ICON[a.kind]}
        title={
          <Space wrap>
            <Typography.Text strong data-testid="activity-subject">{a.subject}</Typography.Text>
            <Tag>{t(`crm.activityKind.${a.kind}`)}</Tag>
            {a.doneAt ? <Tag color="green">{t('crm.activity.done')}</Tag> : a.dueAt ? <Tag color="orange">{t('crm.activity.due', { at: formatInstant(a.dueAt, locale) })}</Tag> : null}
            {showParent && a.parentName ? <Typography.Text type="secondary">{t(`crm.parent.${a.parentType}`)}: {a.parentName}</Typography.Text> : null}
          </Space>
        }
        description={
          <Flex vertical gap={2}>
            {a.notes ? <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{a.notes}</Typography.Paragraph> : null}
            {a.outcome ? <Typography.Text>{t('crm.activity.outcome')}: {a.outcome}</Typography.Text> : null}
            <Typography.Text type="secondary">
              {a.ownerName ?? ''} · {formatInstant(a.doneAt ?? a.createdAt, locale)}
            </Typography.Text>
          </Flex>
        }
      />
    </List.Item>
  );
}

/**
 * The activities of one record (an account, contact, lead or opportunity): a timeline, newest
 * first, and a form to log a call, meeting, email, note or task against it.
 */
export function ActivityPanel({ parent }: ActivityPanelProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<LogValues>();
  const list = useActivities(parent.type, parent.id);
  const m = useCrmMutations();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const done = Form.useWatch('done', form);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const now = new Date().toISOString();
    const body: CreateActivity = {
      kind: v.kind,
      subject: v.subject.trim(),
      notes: v.notes ?? '',
      outcome: v.outcome?.trim() ? v.outcome.trim() : null,
      doneAt: v.done === 'done' ? now : null,
      dueAt: v.done === 'planned' && v.dueAt ? v.dueAt.toISOString() : null,
      remindAt: v.done === 'planned' && v.remindAt ? v.remindAt.toISOString() : null,
      [`${parent.type}Id`]: parent.id,
    };
    m.createActivity.mutate(body, {
      onSuccess: () => {
        void message.success(t('crm.activity.logged'));
        form.resetFields();
      },
      onError: (err) => applyFieldIssues(form, fieldIssuesOf(err), FIELDS),
    });
  };
  const markDone = (a: Activity) =>
    m.updateActivity.mutate({ id: a.id, body: { version: a.version, doneAt: new Date().toISOString() } }, { onError: (err) => void message.error(errorMessage(err, t)) });

  return (
    <Row gutter={[16, 16]} data-testid="activity-panel">
      <Col xs={24} xl={9}>
        <Card title={t('crm.activity.log')} size="small">
          {m.createActivity.error && fieldIssuesOf(m.createActivity.error).length === 0 ? <Alert type="error" showIcon title={errorMessage(m.createActivity.error, t)} style={{ marginBottom: 12 }} /> : null}
          <Form<LogValues> form={form} layout="vertical" initialValues={{ kind: 'call', done: 'done' }} requiredMark="optional">
            <Form.Item name="kind" label={t('crm.activity.kind')}>
              <Select options={ACTIVITY_KIND_LIST.map((k) => ({ value: k, label: t(`crm.activityKind.${k}`) }))} data-testid="activity-kind" />
            </Form.Item>
            <Form.Item name="subject" label={t('crm.activity.subject')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input maxLength={300} data-testid="activity-subject-input" />
            </Form.Item>
            <Form.Item name="notes" label={t('crm.activity.notes')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10_000} data-testid="activity-notes" />
            </Form.Item>
            <Form.Item name="done" label={t('crm.activity.state')}>
              <Select
                options={[
                  { value: 'done', label: t('crm.activity.doneNow') },
                  { value: 'planned', label: t('crm.activity.planned') },
                ]}
                data-testid="activity-state"
              />
            </Form.Item>
            {done === 'planned' ? (
              <>
                <Form.Item name="dueAt" label={t('crm.activity.dueAt')}>
                  <DatePicker showTime style={{ width: '100%' }} data-testid="activity-due" />
                </Form.Item>
                <Form.Item name="remindAt" label={t('crm.activity.remindAt')}>
                  <DatePicker showTime style={{ width: '100%' }} data-testid="activity-remind" />
                </Form.Item>
              </>
            ) : (
              <Form.Item name="outcome" label={t('crm.activity.outcome')}>
                <Input maxLength={2000} data-testid="activity-outcome" />
              </Form.Item>
            )}
            <Button type="primary" block loading={m.createActivity.isPending} onClick={() => void submit()} data-testid="activity-save">
              {t('crm.activity.save')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={15}>
        <Card title={t('crm.activity.timeline')} size="small">
          {list.error ? <ErrorAlert error={list.error} /> : null}
          {!list.isPending && items.length === 0 ? (
            <Empty description={t('crm.activity.none')} />
          ) : (
            <List loading={list.isPending} dataSource={items} rowKey="id" renderItem={(a) => <ActivityItem activity={a} onDone={markDone} busy={m.updateActivity.isPending && m.updateActivity.variables?.id === a.id} />} />
          )}
          <LoadMore shown={items.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
        </Card>
      </Col>
    </Row>
  );
}

export default ActivityPanel;
