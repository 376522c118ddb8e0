import { lazy } from 'react';
import { startEarly } from '../lib/early.js';
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { AcceptInvitationPage } from '../features/auth/AcceptInvitationPage.js';
import { SignInPage } from '../features/auth/SignInPage.js';
import { PeoplePage } from '../features/people/PeoplePage.js';
import { SalesPage } from '../features/sales/SalesPage.js';
import { contractingRoutes } from '../features/sales/contracting/routes.js';
import { publicSurveyRoutes } from '../features/sales/contracting/publicRoutes.js';
import { crmRoutes } from '../features/sales/crm/routes.js';
import { dealsRoutes } from '../features/sales/deals/routes.js';
import { importsRoutes } from '../features/sales/imports/routes.js';
import { insightRoutes } from '../features/sales/insight/routes.js';
import { ErrorPage } from './ErrorPage.js';
import { Gate, HomeRedirect } from './Gate.js';
import { NotFoundPage } from './NotFoundPage.js';
import { RequireAuth } from './RequireAuth.js';

// Administration is for few people: its pages load on first visit (the layout's Suspense shows a spinner).
const UsersPage = lazy(() => import('../features/admin/users/UsersPage.js'));
const TeamsPage = lazy(() => import('../features/admin/teams/TeamsPage.js'));
const CalendarsPage = lazy(() => import('../features/admin/calendars/CalendarsPage.js'));
const AuditPage = lazy(() => import('../features/admin/audit/AuditPage.js'));
// The delivery workspace (and its Gantt chart) loads with its first visit, and not for sales people.
const DeliveryPage = lazy(() => import('../features/delivery/DeliveryPage.js'));
const loadProjectPage = () => import('../features/delivery/ProjectPage.js');
const ProjectPage = lazy(loadProjectPage);
// Opened straight at a project (a link, a reload): fetch its page's code, and the project and its
// plan for the Gantt chart, while the session is checked (lib/early.ts).
if (typeof window !== 'undefined') {
  const opened = /^\/delivery\/projects\/([0-9a-f-]{36})$/.exec(window.location.pathname);
  if (window.location.pathname.startsWith('/delivery/projects/')) void loadProjectPage();
  const tab = new URLSearchParams(window.location.search).get('tab');
  if (opened && (!tab || tab === 'plan')) {
    startEarly(`/projects/${opened[1]}`);
    startEarly(`/projects/${opened[1]}/plan`);
  }
}
const WorkloadPage = lazy(() => import('../features/delivery/workload/WorkloadPage.js'));
const TimesheetPage = lazy(() => import('../features/delivery/time/TimesheetPage.js'));
const PortfolioPage = lazy(() => import('../features/delivery/portfolio/PortfolioPage.js'));
const LessonsPage = lazy(() => import('../features/delivery/lessons/LessonsPage.js'));
const SalesSettingsPage = lazy(() => import('../features/sales/SalesSettingsPage.js'));

export function createRouter() {
  return createBrowserRouter([
    {
      path: '/',
      errorElement: <ErrorPage />,
      children: [
        { path: 'sign-in', element: <SignInPage /> },
        { path: 'accept-invitation', element: <AcceptInvitationPage /> },
        ...publicSurveyRoutes,
        {
          element: <RequireAuth />,
          children: [
            {
              // Errors of a page show inside the layout, so the navigation stays usable.
              errorElement: <ErrorPage />,
              children: [
                { index: true, element: <HomeRedirect /> },
                {
                  path: 'sales',
                  element: <Gate capability="salesWorkspace"><Outlet /></Gate>,
                  children: [
                    { index: true, element: <SalesPage /> },
                    { path: 'settings', element: <Gate capability="salesConfig"><SalesSettingsPage /></Gate> },
                    ...crmRoutes,
                    ...dealsRoutes,
                    ...contractingRoutes,
                    ...insightRoutes,
                    ...importsRoutes,
                  ],
                },
                { path: 'delivery', element: <Gate capability="deliveryWorkspace"><DeliveryPage /></Gate> },
                { path: 'delivery/projects/:id', element: <Gate capability="deliveryWorkspace"><ProjectPage /></Gate> },
                { path: 'delivery/workload', element: <Gate capability="deliveryWorkspace"><WorkloadPage /></Gate> },
                { path: 'delivery/timesheet', element: <Gate capability="deliveryWorkspace"><TimesheetPage /></Gate> },
                { path: 'delivery/portfolio', element: <Gate capability="deliveryWorkspace"><PortfolioPage /></Gate> },
                { path: 'delivery/lessons', element: <Gate capability="deliveryWorkspace"><LessonsPage /></Gate> },
                { path: 'people', element: <Gate capability="peopleWorkspace"><PeoplePage /></Gate> },
                {
                  path: 'admin',
                  element: <Gate capability="admin"><Outlet /></Gate>,
                  children: [
                    { index: true, element: <Navigate to="users" replace /> },
                    { path: 'users', element: <Gate capability="manageUsers"><UsersPage /></Gate> },
                    { path: 'teams', element: <Gate capability="manageTeams"><TeamsPage /></Gate> },
                    { path: 'calendars', element: <Gate capability="manageCalendars"><CalendarsPage /></Gate> },
                    { path: 'audit', element: <Gate capability="viewAudit"><AuditPage /></Gate> },
                  ],
                },
                { path: '*', element: <NotFoundPage /> },
              ],
            },
          ],
        },
      ],
    },
  ]);
}
