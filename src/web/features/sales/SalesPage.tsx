import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import { MyDay } from './crm/MyDay.js';

/** /sales: "My day" — the salesperson's follow-ups due and overdue, what was done today, and accounts overdue for contact. */
export function SalesPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('crm.myDay.title')} description={t('crm.myDay.description')} />
      <MyDay />
    </>
  );
}
