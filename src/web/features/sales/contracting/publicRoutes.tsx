import type { RouteObject } from 'react-router';

/** Pages reached without signing in (the customer's satisfaction survey by token). */
export const publicSurveyRoutes: RouteObject[] = [];
