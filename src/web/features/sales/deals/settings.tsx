import type { TabsProps } from 'antd';
import type { TFunction } from 'i18next';
import { lazy, Suspense } from 'react';

const PipelinesTab = lazy(() => import('./PipelinesTab.js'));

/** This area's tabs on the sales settings page (for those with salesConfig). */
export function dealsSettingsTabs(t: TFunction): NonNullable<TabsProps['items']> {
  return [{ key: 'pipelines', label: t('deals.settings.tab'), children: <Suspense fallback={null}><PipelinesTab /></Suspense> }];
}
