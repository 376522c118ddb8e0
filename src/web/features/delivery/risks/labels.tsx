import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IssueSeverity, IssueStatus, RiskBand, RiskStatus } from './types.js';

/** Band colours: the register's score tags and the matrix's cells use the same ones. */
export const BAND_TAG_COLOR: Record<RiskBand, string> = { low: 'green', medium: 'gold', high: 'orange', critical: 'red' };
export const BAND_CELL: Record<RiskBand, { background: string; border: string; text: string }> = {
  low: { background: '#f6ffed', border: '#b7eb8f', text: '#389e0d' },
  medium: { background: '#fffbe6', border: '#ffe58f', text: '#d48806' },
  high: { background: '#fff2e8', border: '#ffbb96', text: '#d4380d' },
  critical: { background: '#fff1f0', border: '#ffa39e', text: '#cf1322' },
};

/** The score, coloured by its band (low < 5, medium 5–9, high 10–14, critical ≥ 15). */
export function ScoreTag({ score, band, testId }: { score: number; band: RiskBand; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`risks.band.${band}`)}>
      <Tag color={BAND_TAG_COLOR[band]} data-testid={testId ?? 'risk-score'} data-band={band} style={{ marginInlineEnd: 0, minWidth: 36, textAlign: 'center', fontWeight: 600 }}>
        {score}
      </Tag>
    </Tooltip>
  );
}

const RISK_STATUS_COLOR: Record<RiskStatus, string> = { open: 'blue', monitoring: 'processing', occurred: 'volcano', closed: 'default' };
export function RiskStatusTag({ status }: { status: RiskStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={RISK_STATUS_COLOR[status]} data-testid="risk-status" style={{ marginInlineEnd: 0 }}>
      {t(`risks.status.${status}`)}
    </Tag>
  );
}

const SEVERITY_COLOR: Record<IssueSeverity, string> = { low: 'green', medium: 'gold', high: 'orange', critical: 'red' };
export function SeverityTag({ severity }: { severity: IssueSeverity }) {
  const { t } = useTranslation();
  return (
    <Tag color={SEVERITY_COLOR[severity]} data-testid="issue-severity" style={{ marginInlineEnd: 0 }}>
      {t(`risks.issues.severity.${severity}`)}
    </Tag>
  );
}

const ISSUE_STATUS_COLOR: Record<IssueStatus, string> = { open: 'blue', in_progress: 'processing', resolved: 'success', closed: 'default' };
export function IssueStatusTag({ status }: { status: IssueStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={ISSUE_STATUS_COLOR[status]} data-testid="issue-status" style={{ marginInlineEnd: 0 }}>
      {t(`risks.issues.status.${status}`)}
    </Tag>
  );
}
