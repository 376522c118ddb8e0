import { Progress, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProjectHealth, ProjectStatus } from './types.js';

const STATUS_COLOR: Record<ProjectStatus, string> = {
  proposed: 'default',
  planning: 'blue',
  executing: 'processing',
  closing: 'purple',
  closed: 'default',
  on_hold: 'warning',
  cancelled: 'default',
};
const HEALTH_COLOR: Record<ProjectHealth, string> = { on_track: 'success', at_risk: 'warning', off_track: 'error' };

export function StatusTag({ status }: { status: ProjectStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="project-status" style={{ marginInlineEnd: 0 }}>
      {t(`delivery.status.${status}`)}
    </Tag>
  );
}

export function HealthTag({ health }: { health: ProjectHealth }) {
  const { t } = useTranslation();
  return (
    <Tag color={HEALTH_COLOR[health]} data-testid="project-health" style={{ marginInlineEnd: 0 }}>
      {t(`delivery.health.${health}`)}
    </Tag>
  );
}

export function PercentComplete({ value }: { value: number }) {
  return <Progress percent={Math.round(value * 10) / 10} size="small" style={{ minWidth: 90, marginBottom: 0 }} />;
}
