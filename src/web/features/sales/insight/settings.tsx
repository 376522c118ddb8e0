import type { TabsProps } from 'antd';
import type { TFunction } from 'i18next';
import { CompetitorsTab, ExchangeRatesTab, SegmentsTab } from './SettingsTabs.js';

/** This area's tabs on the sales settings page (for those with salesConfig). */
export function insightSettingsTabs(t: TFunction): NonNullable<TabsProps['items']> {
  return [
    { key: 'competitors', label: t('insight.settings.competitors'), children: <CompetitorsTab /> },
    { key: 'segments', label: t('insight.settings.segments'), children: <SegmentsTab /> },
    { key: 'exchange-rates', label: t('insight.settings.exchangeRates'), children: <ExchangeRatesTab /> },
  ];
}
