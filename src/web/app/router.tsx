import { lazy } from 'react';
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { AcceptInvitationPage } from '../features/auth/AcceptInvitationPage.js';
import { SignInPage } from '../features/auth/SignInPage.js';
import { DeliveryPage } from '../features/delivery/DeliveryPage.js';
import { PeoplePage } from '../features/people/PeoplePage.js';
import { SalesPage } from '../features/sales/SalesPage.js';
import { ErrorPage } from './ErrorPage.js';
import { Gate, HomeRedirect } from './Gate.js';
import { NotFoundPage } from './NotFoundPage.js';
import { RequireAuth } from './RequireAuth.js';

// Administration is for few people: its pages load on first visit (the layout's Suspense shows a spinner).
const UsersPage = lazy(() => import('../features/admin/users/UsersPage.js'));
const TeamsPage = lazy(() => import('../features/admin/teams/TeamsPage.js'));
const CalendarsPage = lazy(() => import('../features/admin/calendars/CalendarsPage.js'));
const AuditPage = lazy(() => import('../features/admin/audit/AuditPage.js'));

export function createRouter() {
  return createBrowserRouter([
    {
      path: '/',
      errorElement: <ErrorPage />,
      children: [
        { path: 'sign-in', element: <SignInPage /> },
        { path: 'accept-invitation', element: <AcceptInvitationPage /> },
        {
          element: <RequireAuth />,
          children: [
            {
              // Errors of a page show inside the layout, so the navigation stays usable.
              errorElement: <ErrorPage />,
              children: [
                { index: true, element: <HomeRedirect /> },
                { path: 'sales', element: <Gate capability="salesWorkspace"><SalesPage /></Gate> },
                { path: 'delivery', element: <Gate capability="deliveryWorkspace"><DeliveryPage /></Gate> },
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
