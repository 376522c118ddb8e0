import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, InputNumber, Popconfirm, Row, Select, Table, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { UserPicker } from '../../components/UserPicker.js';
import { currentLocale } from '../../i18n/index.js';
import { isApiError, type FieldIssue } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { formatPlanDate } from '../../lib/format.js';
import { applyFieldIssues, fieldIssuesOf } from '../../lib/forms.js';
import { useAddMember, useMembers, useRemoveMember } from './api.js';
import { checkRequest, MemberRequest } from './schemas.js';
import { PROJECT_ROLE_LIST, type Member, type Project, type ProjectRole } from './types.js';

interface MemberValues {
  userId: string | null;
  projectRole: ProjectRole;
  allocationPct: number;
  fromDate: Dayjs | null;
  toDate: Dayjs | null;
}
const FIELDS = ['userId', 'projectRole', 'allocationPct', 'fromDate', 'toDate'] as const;

function AddMemberForm({ project, existing }: { project: Project; existing: string[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberValues>();
  const add = useAddMember(project.id);
  const [other, setOther] = useState<FieldIssue[]>([]);
  const submit = async () => {
    setOther([]);
    const v = await form.validateFields().catch(() => null);
    if (!v || !v.userId) return;
    const body = {
      userId: v.userId,
      projectRole: v.projectRole,
      allocationPct: v.allocationPct,
      fromDate: v.fromDate ? v.fromDate.format('YYYY-MM-DD') : null,
      toDate: v.toDate ? v.toDate.format('YYYY-MM-DD') : null,
    };
    const check = checkRequest(form, MemberRequest, body, FIELDS);
    if (!check.ok) return setOther(check.other);
    add.mutate(body, {
      onSuccess: (m) => {
        void message.success(t('delivery.members.added', { name: m.userName }));
        form.resetFields();
      },
      onError: (err) => setOther(applyFieldIssues(form, fieldIssuesOf(err), FIELDS)),
    });
  };
  const generalError = add.error && fieldIssuesOf(add.error).length === 0 ? errorMessage(add.error, t) : null;
  return (
    <Card size="small" title={t('delivery.members.add')} style={{ marginBottom: 16 }} data-testid="add-member-form">
      {generalError ? <Alert type="error" showIcon title={generalError} style={{ marginBottom: 12 }} /> : null}
      {other.length ? <Alert type="error" showIcon title={other.map((i) => `${i.path}: ${i.message}`).join(' · ')} style={{ marginBottom: 12 }} /> : null}
      <Form<MemberValues> form={form} layout="vertical" initialValues={{ userId: null, projectRole: 'member', allocationPct: 100, fromDate: null, toDate: null }} requiredMark="optional">
        <Row gutter={12} align="bottom">
          <Col xs={24} md={7}>
            <Form.Item name="userId" label={t('delivery.members.person')} rules={[{ required: true, message: t('validation.required') }]}>
              <UserPicker exclude={existing} data-testid="member-user" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="projectRole" label={t('delivery.members.role')}>
              <Select options={PROJECT_ROLE_LIST.map((r) => ({ value: r, label: t(`delivery.projectRole.${r}`) }))} data-testid="member-role" />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item name="allocationPct" label={t('delivery.members.allocation')} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={0} max={100} suffix="%" style={{ width: '100%' }} data-testid="member-allocation" />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item name="fromDate" label={t('delivery.members.from')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item
              name="toDate"
              label={t('delivery.members.to')}
              dependencies={['fromDate']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, to: Dayjs | null) => {
                    const from = getFieldValue('fromDate') as Dayjs | null;
                    return !to || !from || !to.isBefore(from, 'day') ? Promise.resolve() : Promise.reject(new Error(t('delivery.members.endBeforeStart')));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item>
              <Button type="primary" icon={<UserAddOutlined />} loading={add.isPending} onClick={() => void submit()} block data-testid="member-add">
                {t('delivery.members.addSubmit')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}

/** The project's members: who, in what role, how much of their time, when. */
export default function TeamTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const members = useMembers(project.id);
  const remove = useRemoveMember(project.id);
  const manage = !!project.abilities.manageMembers;
  const columns: TableColumnsType<Member> = [
    { title: t('delivery.members.person'), dataIndex: 'userName' },
    { title: t('delivery.members.role'), dataIndex: 'projectRole', render: (r: ProjectRole) => t(`delivery.projectRole.${r}`) },
    { title: t('delivery.members.allocation'), dataIndex: 'allocationPct', align: 'right', render: (v: number) => `${v}%` },
    { title: t('delivery.members.from'), dataIndex: 'fromDate', render: (d: string | null) => (d ? formatPlanDate(d, locale) : '—') },
    { title: t('delivery.members.to'), dataIndex: 'toDate', render: (d: string | null) => (d ? formatPlanDate(d, locale) : '—') },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, m: Member) => (
              <Popconfirm
                title={t('delivery.members.confirmRemove', { name: m.userName })}
                okText={t('common.remove')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() =>
                  remove.mutate(m, {
                    onSuccess: () => void message.success(t('delivery.members.removed', { name: m.userName })),
                    onError: (err) => void (isApiError(err) && err.isConflict ? message.warning(t('errors.conflictReloaded')) : message.error(errorMessage(err, t))),
                  })
                }
              >
                <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid={`remove-member-${m.userId}`}>
                  {t('common.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      {manage ? <AddMemberForm project={project} existing={(members.data ?? []).map((m) => m.userId)} /> : null}
      {members.error ? <ErrorAlert error={members.error} onRetry={() => void members.refetch()} /> : null}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<Member>
          rowKey="id"
          columns={columns}
          dataSource={members.data ?? []}
          loading={members.isPending}
          pagination={false}
          data-testid="members-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('delivery.members.empty')} /> }}
        />
      </Card>
    </>
  );
}
