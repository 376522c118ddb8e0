import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { ContractsTable } from './ContractsPage.js';

/** The contracts of one account, for the account page. */
export function AccountContractsPanel({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  return (
    <Card title={t('contracting.contracts.title')} data-testid="account-contracts">
      <ContractsTable filter={{ accountId }} compact />
    </Card>
  );
}
