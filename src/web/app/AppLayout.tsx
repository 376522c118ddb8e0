import {
  AuditOutlined,
  BulbOutlined,
  CalendarOutlined,
  DownOutlined,
  FieldTimeOutlined,
  HeatMapOutlined,
  KeyOutlined,
  LogoutOutlined,
  PieChartOutlined,
  ProjectOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, Flex, Layout, Menu, Typography, type MenuProps } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import logoUrl from '../favicon.svg';
import { FullPageSpin } from '../components/FullPageSpin.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { errorMessage } from '../lib/errors.js';
import { initials } from '../lib/format.js';
import { NotificationBell } from '../features/notifications/NotificationBell.js';
import { SALES_NAV } from '../features/sales/nav.js';
import { can } from './abilities.js';
import { useSession, useSignOut } from './session.js';

const ChangePasswordDialog = lazy(() => import('../features/auth/ChangePasswordDialog.js'));
const CalendarFeedDialog = lazy(() => import('../features/delivery/interchange/CalendarFeedDialog.js'));

type MenuItem = Required<MenuProps>['items'][number];

/** Navigation that follows the user's capabilities from /auth/me. */
function useNavItems(): MenuItem[] {
  const me = useSession();
  const { t } = useTranslation();
  return useMemo(() => {
    const items: MenuItem[] = [];
    const link = (to: string, testId: string, label: string) => (
      <Link to={to} data-testid={testId}>
        {label}
      </Link>
    );
    if (can(me, 'salesWorkspace')) {
      for (const n of SALES_NAV) if (!n.config || can(me, 'salesConfig')) items.push({ key: n.path, icon: n.icon, label: link(n.path, n.testId, t(n.label)) });
    }
    if (can(me, 'deliveryWorkspace')) items.push({ key: '/delivery', icon: <ProjectOutlined />, label: link('/delivery', 'nav-delivery', t('nav.delivery')) });
    // Resources: the workload heat map, for those who staff projects or oversee them.
    if (can(me, 'deliveryWorkspace') && me.roles.some((r) => r === 'project_manager' || r === 'pmo' || r === 'executive')) {
      items.push({ key: '/delivery/workload', icon: <HeatMapOutlined />, label: link('/delivery/workload', 'nav-delivery-workload', t('workload.nav')) });
    }
    // The portfolio: every visible project's health and performance, for those who run or oversee projects.
    if (can(me, 'deliveryWorkspace') && me.roles.some((r) => r === 'project_manager' || r === 'pmo' || r === 'executive')) {
      items.push({ key: '/delivery/portfolio', icon: <PieChartOutlined />, label: link('/delivery/portfolio', 'nav-delivery-portfolio', t('portfolio.nav')) });
    }
    if (can(me, 'deliveryWorkspace')) items.push({ key: '/delivery/lessons', icon: <BulbOutlined />, label: link('/delivery/lessons', 'nav-delivery-lessons', t('lessons.nav')) });
    if (can(me, 'deliveryWorkspace')) items.push({ key: '/delivery/timesheet', icon: <FieldTimeOutlined />, label: link('/delivery/timesheet', 'timesheet-link', t('time.nav')) });
    if (can(me, 'peopleWorkspace')) items.push({ key: '/people', icon: <TeamOutlined />, label: link('/people', 'nav-people', t('nav.people')) });
    if (can(me, 'admin')) {
      const children: MenuItem[] = [];
      if (can(me, 'manageUsers')) children.push({ key: '/admin/users', icon: <UsergroupAddOutlined />, label: link('/admin/users', 'nav-admin-users', t('nav.users')) });
      if (can(me, 'manageTeams')) children.push({ key: '/admin/teams', icon: <TeamOutlined />, label: link('/admin/teams', 'nav-admin-teams', t('nav.teams')) });
      if (can(me, 'manageCalendars')) children.push({ key: '/admin/calendars', icon: <CalendarOutlined />, label: link('/admin/calendars', 'nav-admin-calendars', t('nav.calendars')) });
      if (can(me, 'viewAudit')) children.push({ key: '/admin/audit', icon: <AuditOutlined />, label: link('/admin/audit', 'nav-admin-audit', t('nav.audit')) });
      items.push({ key: 'admin', icon: <SettingOutlined />, label: <span data-testid="nav-admin">{t('nav.admin')}</span>, children });
    }
    return items;
  }, [me, t]);
}

function selectedKey(pathname: string): string {
  const keys = ['/admin/users', '/admin/teams', '/admin/calendars', '/admin/audit', ...SALES_NAV.map((n) => n.path).filter((p) => p !== '/sales'), '/sales', '/delivery/timesheet', '/delivery/workload', '/delivery/portfolio', '/delivery/lessons', '/delivery', '/people'];
  return keys.find((k) => pathname === k || pathname.startsWith(`${k}/`)) ?? '';
}

function UserMenu() {
  const me = useSession();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const signOut = useSignOut();
  const [changingPassword, setChangingPassword] = useState(false);
  const [feedOpen, setFeedOpen] = useState(false);

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div style={{ lineHeight: 1.4 }}>
          <div style={{ color: 'rgba(0,0,0,0.88)', fontWeight: 500 }}>{me.user.name}</div>
          <div style={{ fontSize: 12 }}>{me.user.email}</div>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'calendar-feed', icon: <CalendarOutlined />, label: <span data-testid="calendar-feed">{t('interchange.feed.menu')}</span> },
    { key: 'password', icon: <KeyOutlined />, label: <span data-testid="change-password">{t('user.changePassword')}</span> },
    { key: 'sign-out', icon: <LogoutOutlined />, label: <span data-testid="sign-out">{t('user.signOut')}</span>, danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') setChangingPassword(true);
    if (key === 'calendar-feed') setFeedOpen(true);
    if (key === 'sign-out') void doSignOut();
  };

  const doSignOut = async () => {
    try {
      await signOut.mutateAsync();
    } catch (err) {
      void message.error(errorMessage(err, t));
    }
    navigate('/sign-in', { replace: true });
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <Button type="text" data-testid="user-menu" aria-label={t('user.menu')} style={{ height: 40 }}>
          <Avatar size="small" style={{ backgroundColor: '#1668dc' }} icon={me.user.name ? undefined : <UserOutlined />}>
            {initials(me.user.name)}
          </Avatar>
          <span data-testid="user-name" style={{ maxWidth: 200, overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {me.user.name}
          </span>
          <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
      {changingPassword ? (
        <Suspense fallback={null}>
          <ChangePasswordDialog onClose={() => setChangingPassword(false)} />
        </Suspense>
      ) : null}
      {feedOpen ? (
        <Suspense fallback={null}>
          <CalendarFeedDialog onClose={() => setFeedOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}

export function AppLayout() {
  const me = useSession();
  const { t } = useTranslation();
  const location = useLocation();
  const items = useNavItems();
  const [collapsed, setCollapsed] = useState(false);
  const selected = selectedKey(location.pathname);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" width={232} data-testid="sider">
        <Link to="/" className="tandem-brand" aria-label={t('app.name')}>
          <img src={logoUrl} alt="" />
          {collapsed ? null : <span>{t('app.name')}</span>}
        </Link>
        <Menu theme="dark" mode="inline" selectedKeys={[selected]} defaultOpenKeys={['admin']} items={items} data-testid="nav" />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="tandem-header">
          <Typography.Text strong data-testid="org-name" ellipsis style={{ fontSize: 16, minWidth: 0 }}>
            {me.user.orgName}
          </Typography.Text>
          <Flex align="center" gap={16}>
            <LanguageSwitch />
            <NotificationBell />
            <UserMenu />
          </Flex>
        </Layout.Header>
        <Layout.Content className="tandem-content">
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
