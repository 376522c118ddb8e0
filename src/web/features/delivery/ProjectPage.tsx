import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex, Space, Tabs, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FullPageSpin } from '../../components/FullPageSpin.js';
import { PageHeader } from '../../components/PageHeader.js';
import { currentLocale } from '../../i18n/index.js';
import { isApiError } from '../../lib/api.js';
import { formatPlanDate } from '../../lib/format.js';
import { usePlan, usePrefetch, useProject } from './api.js';
import { ProjectInterchangeActions } from './interchange/ProjectInterchangeActions.js';
import { HealthTag, PercentComplete, StatusTag } from './labels.js';
import { PlanTab } from './plan/PlanTab.js';

const CharterTab = lazy(() => import('./CharterTab.js'));
const TeamTab = lazy(() => import('./TeamTab.js'));
const BaselinesTab = lazy(() => import('./BaselinesTab.js'));
const EarnedValueTab = lazy(() => import('./evm/EarnedValueTab.js'));
const ApprovalsTab = lazy(() => import('./time/ApprovalsTab.js'));
const RisksTab = lazy(() => import('./risks/RisksTab.js')); // risks: risk & issue register
const QualityTab = lazy(() => import('./quality/QualityTab.js'));
const ChangesTab = lazy(() => import('./changes/ChangesTab.js'));
const StakeholdersTab = lazy(() => import('./engagement/StakeholdersTab.js'));
const ReportsTab = lazy(() => import('./reports/ReportsTab.js'));
const ClosingTab = lazy(() => import('./closing/ClosingTab.js'));

const TABS = ['plan', 'charter', 'team', 'baselines', 'earnedValue', 'timesheets', 'risks', 'quality', 'changes', 'stakeholders', 'reports', 'closing'] as const;
type TabKey = (typeof TABS)[number];

/** A project: its plan (Gantt chart), charter, team and baselines. */
export default function ProjectPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = currentLocale();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'plan';
  // The plan loads alongside the project, not after it (the Gantt chart is what this page is opened
  // for), and both start while this first render is still going, not after it is committed.
  usePrefetch(id, tab === 'plan');
  const project = useProject(id);
  usePlan(id, tab === 'plan');

  if (project.isPending) return <FullPageSpin />;
  if (project.error) {
    // What the user may not see does not exist for them (the API answers 404).
    if (isApiError(project.error) && (project.error.status === 404 || project.error.status === 400)) return <NotFoundPage />;
    return <ErrorAlert error={project.error} onRetry={() => void project.refetch()} />;
  }
  const p = project.data;
  const lazyTab = (node: React.ReactNode) => <Suspense fallback={<FullPageSpin />}>{node}</Suspense>;

  return (
    <>
      <Link to="/delivery" data-testid="back-to-projects">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0, marginBottom: 4 }}>
          {t('delivery.backToProjects')}
        </Button>
      </Link>
      <PageHeader
        title={`${p.code} · ${p.name}`}
        extra={<ProjectInterchangeActions project={p} />}
        description={
          <Flex gap={12} wrap align="center" component="span">
            <Space size={4}>
              <StatusTag status={p.status} />
              <HealthTag health={p.health} />
            </Space>
            <span>
              {t('delivery.project.manager')}: {p.managerName ?? '—'}
            </span>
            <span data-testid="project-dates">
              {formatPlanDate(p.plannedStart, locale)} – {p.plannedFinish ? formatPlanDate(p.plannedFinish, locale) : '—'}
            </span>
            <span style={{ width: 160, display: 'inline-block' }}>
              <PercentComplete value={p.percentComplete} />
            </span>
            {p.abilities.update ? null : <Typography.Text type="secondary">{t('delivery.readOnly')}</Typography.Text>}
          </Flex>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'plan' ? {} : { tab: k }, { replace: true })}
        destroyOnHidden
        data-testid="project-tabs"
        items={[
          { key: 'plan', label: <span data-testid="tab-plan">{t('delivery.tabs.plan')}</span>, children: <PlanTab project={p} /> },
          { key: 'charter', label: <span data-testid="tab-charter">{t('delivery.tabs.charter')}</span>, children: lazyTab(<CharterTab project={p} />) },
          { key: 'team', label: <span data-testid="tab-team">{t('delivery.tabs.team')}</span>, children: lazyTab(<TeamTab project={p} />) },
          { key: 'baselines', label: <span data-testid="tab-baselines">{t('delivery.tabs.baselines')}</span>, children: lazyTab(<BaselinesTab project={p} />) },
          { key: 'earnedValue', label: <span data-testid="tab-earned-value">{t('evm.tab')}</span>, children: lazyTab(<EarnedValueTab project={p} />) },
          { key: 'timesheets', label: <span data-testid="tab-timesheets">{t('time.approvals.tab')}</span>, children: lazyTab(<ApprovalsTab project={p} />) },
          { key: 'risks', label: <span data-testid="tab-risks">{t('risks.tab')}</span>, children: lazyTab(<RisksTab project={p} />) }, // risks: risk & issue register
          { key: 'quality', label: <span data-testid="tab-quality">{t('quality.tab')}</span>, children: lazyTab(<QualityTab project={p} />) },
          { key: 'changes', label: <span data-testid="tab-changes">{t('changes.tab')}</span>, children: lazyTab(<ChangesTab project={p} />) },
          { key: 'stakeholders', label: <span data-testid="tab-stakeholders">{t('stakeholders.tab')}</span>, children: lazyTab(<StakeholdersTab project={p} />) },
          { key: 'reports', label: <span data-testid="tab-reports">{t('reports.tab')}</span>, children: lazyTab(<ReportsTab project={p} />) },
          { key: 'closing', label: <span data-testid="tab-closing">{t('closing.tab')}</span>, children: lazyTab(<ClosingTab project={p} />) },
        ]}
      />
    </>
  );
}
