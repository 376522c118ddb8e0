import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { FullPageSpin } from '../../../components/FullPageSpin.js';

const PublicSurveyPage = lazy(() => import('./PublicSurveyPage.js'));

/** Pages reached without signing in (the customer's satisfaction survey by token): no session is needed or checked. */
export const publicSurveyRoutes: RouteObject[] = [
  { path: 'survey/:token', element: <Suspense fallback={<FullPageSpin />}><PublicSurveyPage /></Suspense> },
];
