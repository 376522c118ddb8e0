import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.js';
import { NewContractButton } from './NewContractButton.js';
import { QuotesPanel } from './QuotesPanel.js';

/** The quotes of one opportunity on a page of their own (the opportunity page embeds the same panel). */
export default function OpportunityQuotesPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('contracting.quotes.title')} extra={<NewContractButton opportunityId={id!} />} />
      <QuotesPanel opportunityId={id!} />
    </>
  );
}
