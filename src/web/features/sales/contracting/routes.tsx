import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const ContractsPage = lazy(() => import('./ContractsPage.js'));
const ContractPage = lazy(() => import('./ContractPage.js'));
const QuotePrintPage = lazy(() => import('./QuotePrintPage.js'));
const OpportunityQuotesPage = lazy(() => import('./OpportunityQuotesPage.js'));

/**
 * The contracting pages, under /sales (inside the sales workspace's gate). The printable quote
 * renders inside the app layout; its print CSS hides the sider and header, so only the sheet prints.
 */
export const contractingRoutes: RouteObject[] = [
  { path: 'contracts', element: <ContractsPage /> },
  { path: 'contracts/:id', element: <ContractPage /> },
  { path: 'quotes/:id/print', element: <QuotePrintPage /> },
  { path: 'quotes/opportunity/:id', element: <OpportunityQuotesPage /> },
];
