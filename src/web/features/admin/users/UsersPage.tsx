import { EditOutlined, MailOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined, LockOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Input, Modal, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { UserName } from '../../../components/UserName.js';
import { currentLocale } from '../../../i18n/index.js';
import { isApiError } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatInstant } from '../../../lib/format.js';
import { USER_STATUS_LIST, type User, type UserStatus } from '../../../lib/types.js';
import { useTeams } from '../../directory/api.js';
import { useResendInvitation, useSetUserStatus, useUserList } from './api.js';
import { CreateUserModal, InvitationLink } from './CreateUserModal.js';
import { EditUserDrawer } from './EditUserDrawer.js';

const STATUS_COLOR: Record<UserStatus, string> = { active: 'green', invited: 'gold', disabled: 'default' };

export default function UsersPage() {
  const me = useSession();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<UserStatus | undefined>();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [invitation, setInvitation] = useState<string | null>(null);
  const list = useUserList({ q: q || undefined, status });
  const teams = useTeams();
  const setStatusOf = useSetUserStatus();
  const resend = useResendInvitation();
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const teamName = useMemo(() => new Map((teams.data ?? []).map((x) => [x.id, x.name])), [teams.data]);
  const now = new Date().toISOString();

  const changeStatus = (user: User, to: 'disable' | 'enable') =>
    setStatusOf.mutate(
      { user, to },
      {
        onSuccess: (u) => void message.success(t(to === 'disable' ? 'users.disabled' : 'users.enabled', { name: u.name })),
        onError: (err) => void (isApiError(err) && err.isConflict ? message.warning(t('errors.conflictReloaded')) : message.error(errorMessage(err, t))),
      },
    );

  const columns: TableColumnsType<User> = [
    {
      title: t('users.name'),
      key: 'name',
      width: 260,
      render: (_, u) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{u.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.email}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('users.jobRole'), dataIndex: 'jobRole', width: 150, render: (j: User['jobRole']) => t(`jobRole.${j}`) },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      width: 200,
      render: (roles: User['roles']) => (
        <Flex wrap gap={4}>
          {roles.map((r) => (
            <Tag key={r} color={r === 'admin' ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>
              {t(`roles.${r}`)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { title: t('users.team'), dataIndex: 'teamId', render: (id: string | null) => (id ? teamName.get(id) ?? '—' : '—') },
    { title: t('users.manager'), dataIndex: 'managerId', render: (id: string | null) => <UserName id={id} /> },
    {
      title: t('users.status'),
      dataIndex: 'status',
      render: (s: UserStatus, u) => (
        <Space size={4}>
          <Tag color={STATUS_COLOR[s]} data-testid={`status-${u.email}`}>
            {t(`userStatus.${s}`)}
          </Tag>
          {u.lockedUntil && u.lockedUntil > now ? (
            <Tooltip title={t('users.lockedUntil', { time: formatInstant(u.lockedUntil, locale, me.user.timeZone) })}>
              <LockOutlined style={{ color: '#fa541c' }} />
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    { title: t('users.lastSignIn'), dataIndex: 'lastSignInAt', width: 170, render: (at: string | null) => (at ? formatInstant(at, locale, me.user.timeZone) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 210,
      render: (_, u) => (
        <Space size={0} wrap>
          {u.abilities.update ? (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(u)} data-testid={`edit-${u.email}`}>
              {t('common.edit')}
            </Button>
          ) : null}
          {u.abilities.invite && u.status === 'invited' ? (
            <Button
              type="link"
              size="small"
              icon={<MailOutlined />}
              loading={resend.isPending && resend.variables?.id === u.id}
              onClick={() => resend.mutate(u, { onSuccess: (r) => setInvitation(r.invitationUrl), onError: (err) => void message.error(errorMessage(err, t)) })}
            >
              {t('users.resendInvitation')}
            </Button>
          ) : null}
          {u.abilities.disable && u.status !== 'disabled' && u.id !== me.user.id ? (
            <Popconfirm title={t('users.confirmDisable', { name: u.name })} description={t('users.disableHelp')} okText={t('users.disable')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => changeStatus(u, 'disable')}>
              <Button type="link" size="small" danger icon={<StopOutlined />} data-testid={`disable-${u.email}`}>
                {t('users.disable')}
              </Button>
            </Popconfirm>
          ) : null}
          {u.abilities.enable && u.status === 'disabled' ? (
            <Popconfirm title={t('users.confirmEnable', { name: u.name })} okText={t('users.enable')} cancelText={t('common.cancel')} onConfirm={() => changeStatus(u, 'enable')}>
              <Button type="link" size="small" icon={<CheckCircleOutlined />} data-testid={`enable-${u.email}`}>
                {t('users.enable')}
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
        title={t('users.title')}
        description={t('users.description')}
        extra={
          me.abilities.manageUsers ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-user">
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('users.searchPlaceholder')} onSearch={(v) => (v.trim() === q ? void list.refetch() : setQ(v.trim()))} style={{ width: 320 }} data-testid="users-search" enterButton />
        <Select<UserStatus | 'all'>
          value={status ?? 'all'}
          onChange={(v) => setStatus(v === 'all' ? undefined : v)}
          style={{ width: 180 }}
          data-testid="users-status-filter"
          options={[{ value: 'all', label: t('users.allStatuses') }, ...USER_STATUS_LIST.map((s) => ({ value: s, label: t(`userStatus.${s}`) }))]}
        />
      </Flex>
      {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<User>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={list.isPending || (list.isFetching && !list.isFetchingNextPage)}
        pagination={false}
        scroll={{ x: 1400 }}
        data-testid="users-table"
        locale={{ emptyText: <Empty description={q || status ? t('users.noMatches') : t('users.empty')} /> }}
      />
      <LoadMore shown={rows.length} hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
      {creating ? <CreateUserModal onClose={() => setCreating(false)} /> : null}
      {editing ? <EditUserDrawer key={editing.id} user={editing} onClose={() => setEditing(null)} /> : null}
      <Modal open={!!invitation} title={t('users.invitationLink')} onCancel={() => setInvitation(null)} footer={<Button type="primary" onClick={() => setInvitation(null)}>{t('common.done')}</Button>}>
        {invitation ? <InvitationLink url={invitation} /> : null}
      </Modal>
    </>
  );
}
