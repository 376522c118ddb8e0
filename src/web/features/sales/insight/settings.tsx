import type { TabsProps } from 'antd';
import type { TFunction } from 'i18next';

/** This area's tabs on the sales settings page (for those with salesConfig). */
export function insightSettingsTabs(_t: TFunction): NonNullable<TabsProps['items']> {
  return [];
}
