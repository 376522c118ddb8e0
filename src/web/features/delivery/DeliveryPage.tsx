import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Input, Row, Select } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.js';
import { PageHeader } from '../../components/PageHeader.js';
import type { Role } from '../../lib/types.js';
import { TeamCard } from '../directory/TeamCard.js';
import { CalendarCard } from '../people/CalendarCard.js';
import { ImportProjectButton } from './interchange/ImportProjectButton.js';
import { MyTasksCard } from './MyTasksCard.js';
import { PmDashboard } from './portfolio/PmDashboard.js';
import { ProjectTable } from './ProjectTable.js';
import { PROJECT_STATUS_LIST, type ProjectStatus } from './types.js';

const CreateProjectModal = lazy(() => import('./CreateProjectModal.js'));

const CREATORS: readonly Role[] = ['project_manager', 'pmo', 'admin'];
const READ_ALL: readonly Role[] = ['pmo', 'executive'];

/** The delivery workspace's home: a project manager's dashboard, the user's projects and, for the PMO and executives, all of them. */
export default function DeliveryPage() {
  const me = useSession();
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<ProjectStatus | undefined>();
  const mayCreate = me.roles.some((r) => CREATORS.includes(r));
  const readsAll = me.roles.some((r) => READ_ALL.includes(r));
  // The dashboard is for those who manage projects.
  const managesProjects = me.roles.some((r) => r === 'project_manager' || r === 'pmo');

  return (
    <>
      <PageHeader
        title={t('delivery.title')}
        description={t('delivery.description')}
        extra={
          mayCreate ? (
            <>
              <ImportProjectButton />
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-project">
                {t('delivery.create')}
              </Button>
            </>
          ) : null
        }
      />
      <Row gutter={[16, 16]}>
        <MyTasksCard />
        {managesProjects ? (
          <Col span={24}>
            <PmDashboard />
          </Col>
        ) : null}
        <Col span={24}>
          <Card title={t('delivery.myProjects')} styles={{ body: { paddingTop: 8 } }}>
            <ProjectTable filter={{ mine: true }} empty={t('delivery.myProjectsEmpty')} testId="my-projects" />
          </Card>
        </Col>
        {readsAll ? (
          <Col span={24}>
            <Card
              title={t('delivery.allProjects')}
              styles={{ body: { paddingTop: 8 } }}
              extra={
                <Flex gap={8} wrap>
                  <Input.Search allowClear placeholder={t('delivery.searchPlaceholder')} onSearch={(v) => setQ(v.trim())} style={{ width: 260 }} data-testid="projects-search" />
                  <Select<ProjectStatus | 'all'>
                    value={status ?? 'all'}
                    onChange={(v) => setStatus(v === 'all' ? undefined : v)}
                    style={{ width: 160 }}
                    data-testid="projects-status-filter"
                    options={[{ value: 'all', label: t('delivery.allStatuses') }, ...PROJECT_STATUS_LIST.map((s) => ({ value: s, label: t(`delivery.status.${s}`) }))]}
                  />
                </Flex>
              }
            >
              <ProjectTable filter={{ q: q || undefined, status }} empty={q || status ? t('common.noMatches') : t('delivery.allProjectsEmpty')} testId="all-projects" />
            </Card>
          </Col>
        ) : null}
        <Col xs={24} xl={14}>
          <TeamCard title={t('delivery.yourTeam')} />
        </Col>
        <Col xs={24} xl={10}>
          <CalendarCard />
        </Col>
      </Row>
      {creating ? (
        <Suspense fallback={null}>
          <CreateProjectModal onClose={() => setCreating(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
