import { createBrowserRouter, type RouteObject } from 'react-router';
import { AccountPage } from '../features/auth/components/account-page';
import { LoginPage } from '../features/auth/components/login-page';
import { AuditPage } from '../features/audit/components/audit-page';
import { DashboardPage } from '../features/dashboard/components/dashboard-page';
import { NewsletterEditorPage } from '../features/newsletters/components/newsletter-editor-page';
import { NewsletterPage } from '../features/newsletters/components/newsletter-page';
import { NewslettersPage } from '../features/newsletters/components/newsletters-page';
import { SettingsPage } from '../features/settings/components/settings-page';
import { SubmissionsPage } from '../features/submissions/components/submissions-page';
import { SubscribersPage } from '../features/subscribers/components/subscribers-page';
import { UsersPage } from '../features/users/components/users-page';
import { EmptyState } from '../components/page-states';
import { Layout } from './layout';
import { RequireSession } from './require-session';

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <Layout />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'submissions', element: <SubmissionsPage /> },
          { path: 'subscribers', element: <SubscribersPage /> },
          { path: 'newsletters', element: <NewslettersPage /> },
          { path: 'newsletters/new', element: <NewsletterEditorPage /> },
          { path: 'newsletters/:id', element: <NewsletterPage /> },
          { path: 'newsletters/:id/edit', element: <NewsletterEditorPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: 'audit', element: <AuditPage /> },
          { path: 'users', element: <UsersPage /> },
          { path: 'account', element: <AccountPage /> },
          { path: '*', element: <EmptyState title="Page not found">Use the menu to find your way.</EmptyState> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes, { basename: '/admin' });
