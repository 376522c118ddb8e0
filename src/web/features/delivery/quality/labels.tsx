import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChangeRequestStatus, DefectSeverity, DefectStatus, DeliverableStatus, ReviewResult } from './types.js';

const STATUS_COLOR: Record<DeliverableStatus, string> = { planned: 'default', in_review: 'processing', accepted: 'success', rejected: 'error' };
export function DeliverableStatusTag({ status }: { status: DeliverableStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="deliverable-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`quality.status.${status}`)}
    </Tag>
  );
}

const RESULT_COLOR: Record<ReviewResult, string> = { accepted: 'success', rejected: 'error', needs_changes: 'warning' };
export function ResultTag({ result, testId }: { result: ReviewResult; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={RESULT_COLOR[result]} data-testid={testId ?? 'review-history-result'} style={{ marginInlineEnd: 0 }}>
      {t(`quality.result.${result}`)}
    </Tag>
  );
}

const SEVERITY_COLOR: Record<DefectSeverity, string> = { low: 'green', medium: 'gold', high: 'orange', critical: 'red' };
export function DefectSeverityTag({ severity }: { severity: DefectSeverity }) {
  const { t } = useTranslation();
  return (
    <Tag color={SEVERITY_COLOR[severity]} data-testid="defect-severity" style={{ marginInlineEnd: 0 }}>
      {t(`quality.severity.${severity}`)}
    </Tag>
  );
}

const DEFECT_STATUS_COLOR: Record<DefectStatus, string> = { open: 'blue', fixed: 'processing', verified: 'success', closed: 'default' };
export function DefectStatusTag({ status }: { status: DefectStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={DEFECT_STATUS_COLOR[status]} data-testid="defect-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`quality.defectStatus.${status}`)}
    </Tag>
  );
}

const CHANGE_STATUS_COLOR: Record<ChangeRequestStatus, string> = { draft: 'default', submitted: 'processing', approved: 'success', rejected: 'error', withdrawn: 'default' };
export function ChangeStatusTag({ status }: { status: ChangeRequestStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={CHANGE_STATUS_COLOR[status]} data-testid="change-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`changes.status.${status}`)}
    </Tag>
  );
}
