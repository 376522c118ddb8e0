import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Form, Input, Modal, Popconfirm, Select, Skeleton, Space, Table, Tag, TreeSelect, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { UserName } from '../../../components/UserName.js';
import { UserPicker } from '../../../components/UserPicker.js';
import { api, isApiError, type FieldIssue } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { applyFieldIssues, changedFields, fieldIssuesOf } from '../../../lib/forms.js';
import { checkRequest, CreateTeamRequest, UpdateTeamRequest } from '../../../lib/schemas.js';
import { TEAM_KIND_LIST, type Team, type TeamKind } from '../../../lib/types.js';
import { keys, useTeams } from '../../directory/api.js';
import { buildTree, subtreeIds, toTreeSelect, type TeamNode } from '../../directory/teamTree.js';

interface TeamValues {
  name: string;
  kind: TeamKind;
  managerId: string | null;
  parentId: string | null;
}
const FIELDS = ['name', 'kind', 'managerId', 'parentId'] as const;

interface Row {
  key: string;
  team: Team;
  children?: Row[];
}
const toRows = (nodes: TeamNode[]): Row[] => nodes.map((n) => ({ key: n.key, team: n.team, children: n.children.length ? toRows(n.children) : undefined }));

function TeamModal({ team, teams, onClose }: { team: Team | null; teams: Team[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TeamValues>();
  const [other, setOther] = useState<FieldIssue[]>([]);
  const [stale, setStale] = useState(false);
  const initial: TeamValues = team ? { name: team.name, kind: team.kind, managerId: team.managerId, parentId: team.parentId } : { name: '', kind: 'delivery', managerId: null, parentId: null };
  // A team may not move under itself or its own sub-teams.
  const blocked = useMemo(() => (team ? subtreeIds(teams, team.id) : new Set<string>()), [team, teams]);
  const parentTree = useMemo(() => buildTree(teams, (x) => x.name).map((n) => toTreeSelect(n, blocked)), [teams, blocked]);
  const save = useMutation({
    mutationFn: (v: TeamValues) => {
      if (!team) return api.post<Team>('/teams', v);
      return api.patch<Team>(`/teams/${team.id}`, { ...changedFields(initial, v), version: team.version });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.teams });
      void qc.invalidateQueries({ queryKey: keys.users });
      void message.success(t('common.saved'));
      onClose();
    },
    onError: (err) => {
      if (isApiError(err) && err.isConflict) {
        setStale(true);
        const current = err.current as Team | undefined;
        void qc.invalidateQueries({ queryKey: keys.teams });
        if (current?.id) form.setFieldsValue({ name: current.name, kind: current.kind, managerId: current.managerId, parentId: current.parentId });
        return;
      }
      setOther(applyFieldIssues(form, fieldIssuesOf(err), FIELDS));
    },
  });

  const submit = async () => {
    setOther([]);
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = { name: v.name.trim(), kind: v.kind, managerId: v.managerId ?? null, parentId: v.parentId ?? null };
    const check = team ? checkRequest(form, UpdateTeamRequest, { ...body, version: team.version }, FIELDS) : checkRequest(form, CreateTeamRequest, body, FIELDS);
    if (!check.ok) return setOther(check.other);
    save.mutate(body);
  };

  const generalError = save.error && !(isApiError(save.error) && save.error.isConflict) && fieldIssuesOf(save.error).length === 0 ? errorMessage(save.error, t) : null;
  return (
    <Modal open title={team ? t('teams.edit', { name: team.name }) : t('teams.create')} onCancel={onClose} onOk={() => void submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={save.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'team-submit' }}>
      {stale ? <Alert type="warning" showIcon title={t('errors.conflict')} description={t('errors.conflictReloaded')} style={{ marginBottom: 16 }} /> : null}
      {generalError ? <Alert type="error" showIcon title={generalError} style={{ marginBottom: 16 }} /> : null}
      {other.length ? <Alert type="error" showIcon title={other.map((i) => `${i.path}: ${i.message}`).join(' · ')} style={{ marginBottom: 16 }} /> : null}
      <Form<TeamValues> form={form} layout="vertical" initialValues={initial} requiredMark="optional">
        <Form.Item name="name" label={t('teams.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 120, message: t('validation.tooLong', { max: 120 }) }]}>
          <Input data-testid="team-name-input" />
        </Form.Item>
        <Form.Item name="kind" label={t('teams.kind')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={TEAM_KIND_LIST.map((k) => ({ value: k, label: t(`teamKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="managerId" label={t('teams.manager')}>
          <UserPicker placeholder={t('teams.noManager')} />
        </Form.Item>
        <Form.Item name="parentId" label={t('teams.parent')} extra={t('teams.parentHelp')}>
          <TreeSelect allowClear treeDefaultExpandAll treeData={parentTree} placeholder={t('teams.noParent')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function TeamsPage() {
  const me = useSession();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const teams = useTeams();
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const rows = useMemo(() => toRows(buildTree(teams.data ?? [], (x) => x.name)), [teams.data]);
  const remove = useMutation({
    mutationFn: (team: Team) => api.delete(`/teams/${team.id}`, { version: team.version }),
    onSuccess: () => void message.success(t('teams.deleted')),
    // A team with members or sub-teams cannot go (422): the server says what to do first.
    onError: (err) => void (isApiError(err) && err.isConflict ? message.warning(t('errors.conflictReloaded')) : message.error({ content: errorMessage(err, t), duration: 6 })),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.teams }),
  });

  const columns: TableColumnsType<Row> = [
    { title: t('teams.name'), key: 'name', render: (_, r) => <span data-testid={`team-${r.team.name}`}>{r.team.name}</span> },
    { title: t('teams.kind'), key: 'kind', render: (_, r) => <Tag color={r.team.kind === 'sales' ? 'gold' : 'blue'}>{t(`teamKind.${r.team.kind}`)}</Tag> },
    { title: t('teams.manager'), key: 'manager', render: (_, r) => <UserName id={r.team.managerId} /> },
    { title: t('teams.memberCount'), key: 'members', align: 'right', render: (_, r) => r.team.memberCount },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Space size={0}>
          {r.team.abilities.update ? (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(r.team)}>
              {t('common.edit')}
            </Button>
          ) : null}
          {r.team.abilities.delete ? (
            <Popconfirm title={t('teams.confirmDelete', { name: r.team.name })} okText={t('common.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => remove.mutate(r.team)}>
              <Button type="link" size="small" danger icon={<DeleteOutlined />} loading={remove.isPending && remove.variables?.id === r.team.id}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('teams.title')}
        description={t('teams.description')}
        extra={
          me.abilities.manageTeams ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-team">
              {t('teams.create')}
            </Button>
          ) : null
        }
      />
      {teams.error ? <ErrorAlert error={teams.error} onRetry={() => void teams.refetch()} /> : null}
      {teams.isPending ? (
        <Skeleton active />
      ) : (
        <Table<Row>
          rowKey="key"
          columns={columns}
          dataSource={rows}
          pagination={false}
          expandable={{ defaultExpandAllRows: true }}
          data-testid="teams-table"
          locale={{ emptyText: <Empty description={t('teams.empty')} /> }}
        />
      )}
      {editing ? <TeamModal team={editing === 'new' ? null : editing} teams={teams.data ?? []} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
