import type { RouteObject } from 'react-router';

/** The imports pages, under /sales (inside the sales workspace's gate). */
export const importsRoutes: RouteObject[] = [];
