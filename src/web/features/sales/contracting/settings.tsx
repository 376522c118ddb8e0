import type { TabsProps } from 'antd';
import type { TFunction } from 'i18next';
import { ProductsTab } from './ProductsTab.js';

/** This area's tabs on the sales settings page (for those with salesConfig). */
export function contractingSettingsTabs(t: TFunction): NonNullable<TabsProps['items']> {
  return [{ key: 'products', label: t('contracting.products.tab'), children: <ProductsTab /> }];
}
