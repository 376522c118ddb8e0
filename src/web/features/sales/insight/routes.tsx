import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const ForecastPage = lazy(() => import('./ForecastPage.js'));
const MarketPage = lazy(() => import('./MarketPage.js'));
const DashboardPage = lazy(() => import('./DashboardPage.js'));

/** The insight pages, under /sales (inside the sales workspace's gate); loaded on first visit. */
export const insightRoutes: RouteObject[] = [
  { path: 'forecast', element: <ForecastPage /> },
  { path: 'market', element: <MarketPage /> },
  { path: 'dashboard', element: <DashboardPage /> },
];
