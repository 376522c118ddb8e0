import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CONTRACT_STATUSES, QUOTE_STATUSES } from '../../../../contracts/contracting.js';

const QUOTE_COLORS: Record<string, string> = { draft: 'default', pending_approval: 'orange', approved: 'blue', sent: 'geekblue', accepted: 'green', rejected: 'red', superseded: 'default' };
const CONTRACT_COLORS: Record<string, string> = { draft: 'default', negotiating: 'orange', awaiting_signature: 'gold', signed: 'blue', active: 'green', completed: 'cyan', terminated: 'red' };

export function QuoteStatusTag({ status }: { status: (typeof QUOTE_STATUSES)[number] }) {
  const { t } = useTranslation();
  return <Tag color={QUOTE_COLORS[status]} data-testid="quote-status" data-status={status}>{t(`contracting.quoteStatus.${status}`)}</Tag>;
}

export function ContractStatusTag({ status }: { status: (typeof CONTRACT_STATUSES)[number] }) {
  const { t } = useTranslation();
  return <Tag color={CONTRACT_COLORS[status]} data-testid="contract-status" data-status={status}>{t(`contracting.contractStatus.${status}`)}</Tag>;
}

export const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
export const today = () => new Date().toISOString().slice(0, 10);
