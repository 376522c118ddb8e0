import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import { contractingSettingsTabs } from './contracting/settings.js';
import { dealsSettingsTabs } from './deals/settings.js';
import { GeneralSettingsTab } from './GeneralSettingsTab.js';
import { insightSettingsTabs } from './insight/settings.js';

/** Sales settings for sales managers: each sales area adds its own tabs. */
export default function SalesSettingsPage() {
  const { t } = useTranslation();
  const items = [{ key: 'general', label: t('salesSettings.general'), children: <GeneralSettingsTab /> }, ...dealsSettingsTabs(t), ...contractingSettingsTabs(t), ...insightSettingsTabs(t)];
  return (
    <>
      <PageHeader title={t('salesSettings.title')} />
      <Tabs items={items} destroyOnHidden data-testid="sales-settings-tabs" />
    </>
  );
}
