import { AlertOutlined, ClockCircleOutlined, FlagOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Badge, Card, Col, Empty, Flex, Progress, Row, Skeleton, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../../i18n/index.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatPlanDate } from '../../../lib/format.js';
import { useDeliveryDashboard, type DeliveryDashboard } from '../closing/api.js';
import { HealthTag, StatusTag } from '../labels.js';
import { IndexValue } from './indices.js';

type DashProject = DeliveryDashboard['projects'][number];

function Count({ icon, label, value, testId, to }: { icon: React.ReactNode; label: string; value: number; testId: string; to: string }) {
  return (
    <Tooltip title={label}>
      <Link to={to} data-testid={testId} data-count={value} style={{ color: value > 0 ? '#cf1322' : 'rgba(0,0,0,0.45)', whiteSpace: 'nowrap' }}>
        <Space size={4}>
          {icon}
          <span>{label}</span>
          <Badge count={value} showZero color={value > 0 ? '#cf1322' : '#d9d9d9'} />
        </Space>
      </Link>
    </Tooltip>
  );
}

function ProjectCard({ p }: { p: DashProject }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const base = `/delivery/projects/${p.id}`;
  return (
    <Card
      size="small"
      data-testid="dashboard-project"
      data-project-id={p.id}
      title={
        <Link to={base} data-testid="dashboard-project-link">
          <Typography.Text type="secondary" style={{ marginInlineEnd: 6 }}>
            {p.code}
          </Typography.Text>
          {p.name}
        </Link>
      }
      extra={
        <Space size={4}>
          <StatusTag status={p.status} />
          <HealthTag health={p.health} />
        </Space>
      }
    >
      <Flex vertical gap={8}>
        <Progress percent={Math.round(p.percentComplete)} size="small" style={{ marginBottom: 0 }} />
        <Flex gap={16} wrap>
          <span>
            {t('dashboard.spi')} <IndexValue value={p.spi} testId="dashboard-spi" />
          </span>
          <span>
            {t('dashboard.cpi')} <IndexValue value={p.cpi} testId="dashboard-cpi" />
          </span>
        </Flex>
        <div>
          <FlagOutlined style={{ marginInlineEnd: 6, color: '#722ed1' }} />
          {p.nextMilestone ? (
            <span data-testid="dashboard-milestone">
              {p.nextMilestone.name}
              <Typography.Text type="secondary"> · {p.nextMilestone.date ? formatPlanDate(p.nextMilestone.date, locale) : '—'}</Typography.Text>
            </span>
          ) : (
            <Typography.Text type="secondary">{t('dashboard.noMilestone')}</Typography.Text>
          )}
        </div>
        <Flex gap={12} wrap>
          <Count icon={<ClockCircleOutlined />} label={t('dashboard.overdue')} value={p.overdueTasks} testId="dashboard-overdue" to={base} />
          <Count icon={<WarningOutlined />} label={t('dashboard.highRisks')} value={p.openHighRisks} testId="dashboard-risks" to={`${base}?tab=risks`} />
          <Count icon={<AlertOutlined />} label={t('dashboard.approvals')} value={p.pendingApprovals} testId="dashboard-approvals" to={`${base}?tab=timesheets`} />
        </Flex>
      </Flex>
    </Card>
  );
}

/** A project manager's running projects at a glance (one request: /me/delivery-dashboard). */
export function PmDashboard() {
  const { t } = useTranslation();
  const q = useDeliveryDashboard();
  return (
    <Card title={t('dashboard.title')} data-testid="pm-dashboard" styles={{ body: { paddingTop: 12 } }}>
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <Alert type="error" showIcon title={errorMessage(q.error, t)} />
      ) : q.data.projects.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.empty')} />
      ) : (
        <Row gutter={[12, 12]}>
          {q.data.projects.map((p) => (
            <Col key={p.id} xs={24} md={12} xxl={8}>
              <ProjectCard p={p} />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}
