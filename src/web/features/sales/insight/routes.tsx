import type { RouteObject } from 'react-router';

/** The insight pages, under /sales (inside the sales workspace's gate). */
export const insightRoutes: RouteObject[] = [];
