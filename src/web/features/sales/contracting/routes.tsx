import type { RouteObject } from 'react-router';

/** The contracting pages, under /sales (inside the sales workspace's gate). */
export const contractingRoutes: RouteObject[] = [];
