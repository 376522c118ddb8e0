import type { RouteObject } from 'react-router';

/** The deals pages, under /sales (inside the sales workspace's gate). */
export const dealsRoutes: RouteObject[] = [];
