import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const AccountsPage = lazy(() => import('./AccountsPage.js'));
const OverdueAccountsPage = lazy(() => import('./OverdueAccounts.js'));
const AccountPage = lazy(() => import('./AccountPage.js'));
const LeadsPage = lazy(() => import('./LeadsPage.js'));
const LeadPage = lazy(() => import('./LeadPage.js'));

/** The crm pages, under /sales (inside the sales workspace's gate). */
export const crmRoutes: RouteObject[] = [
  { path: 'accounts', element: <AccountsPage /> },
  { path: 'accounts/overdue', element: <OverdueAccountsPage /> },
  { path: 'accounts/:id', element: <AccountPage /> },
  { path: 'leads', element: <LeadsPage /> },
  { path: 'leads/:id', element: <LeadPage /> },
];
