import {
  AimOutlined, BarChartOutlined, CalendarOutlined, ControlOutlined, FileDoneOutlined, FundOutlined, GlobalOutlined, ImportOutlined, ShopOutlined, UserAddOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type salesEn from '../../i18n/parts/sales.en.json';

type SalesNavKey = keyof (typeof salesEn)['salesNav'];

/** The sales workspace's pages in the menu: path, test id, label key and icon; `config` ones need salesConfig. */
export const SALES_NAV: readonly { path: string; testId: string; label: `salesNav.${SalesNavKey}`; icon: ReactNode; config?: boolean }[] = [
  { path: '/sales', testId: 'nav-sales', label: 'salesNav.myDay', icon: <CalendarOutlined /> },
  { path: '/sales/accounts', testId: 'nav-sales-accounts', label: 'salesNav.accounts', icon: <ShopOutlined /> },
  { path: '/sales/leads', testId: 'nav-sales-leads', label: 'salesNav.leads', icon: <UserAddOutlined /> },
  { path: '/sales/opportunities', testId: 'nav-sales-opportunities', label: 'salesNav.opportunities', icon: <FundOutlined /> },
  { path: '/sales/contracts', testId: 'nav-sales-contracts', label: 'salesNav.contracts', icon: <FileDoneOutlined /> },
  { path: '/sales/forecast', testId: 'nav-sales-forecast', label: 'salesNav.forecast', icon: <AimOutlined /> },
  { path: '/sales/market', testId: 'nav-sales-market', label: 'salesNav.market', icon: <GlobalOutlined /> },
  { path: '/sales/dashboard', testId: 'nav-sales-dashboard', label: 'salesNav.dashboard', icon: <BarChartOutlined /> },
  { path: '/sales/import', testId: 'nav-sales-import', label: 'salesNav.import', icon: <ImportOutlined /> },
  { path: '/sales/settings', testId: 'nav-sales-settings', label: 'salesNav.settings', icon: <ControlOutlined />, config: true },
];
