import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const ImportPage = lazy(() => import('./ImportPage.js'));

/** The import and export page, under /sales. */
export const importsRoutes: RouteObject[] = [{ path: 'import', element: <ImportPage /> }];
