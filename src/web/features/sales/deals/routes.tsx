import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const OpportunitiesPage = lazy(() => import('./OpportunitiesPage.js'));
const OpportunityPage = lazy(() => import('./OpportunityPage.js'));

/** The deals pages, under /sales (inside the sales workspace's gate). */
export const dealsRoutes: RouteObject[] = [
  { path: 'opportunities', element: <OpportunitiesPage /> },
  { path: 'opportunities/board', element: <OpportunitiesPage /> },
  { path: 'opportunities/:id', element: <OpportunityPage /> },
];
