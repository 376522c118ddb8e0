import type { RouteObject } from 'react-router';

/** The crm pages, under /sales (inside the sales workspace's gate). */
export const crmRoutes: RouteObject[] = [];
