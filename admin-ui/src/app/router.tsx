import { createBrowserRouter, type RouteObject } from 'react-router';
import { EmptyState } from '../components/page-states';
import { LoginPage } from '../features/auth/components/login-page';
import { Layout } from './layout';
import { RequireSession } from './require-session';

/*
 * Each page is its own chunk, loaded when first visited: the sign-in page and the shell load at once, and the charts
 * library only comes with the dashboard.
 */
export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    element: <RequireSession />,
    children: [
      {
        element: <Layout />,
        children: [
          {
            index: true,
            lazy: async () => ({
              Component: (await import('../features/dashboard/components/dashboard-page')).DashboardPage,
            }),
          },
          {
            path: 'submissions',
            lazy: async () => ({
              Component: (await import('../features/submissions/components/submissions-page')).SubmissionsPage,
            }),
          },
          {
            path: 'subscribers',
            lazy: async () => ({
              Component: (await import('../features/subscribers/components/subscribers-page')).SubscribersPage,
            }),
          },
          {
            path: 'newsletters',
            lazy: async () => ({
              Component: (await import('../features/newsletters/components/newsletters-page')).NewslettersPage,
            }),
          },
          {
            path: 'newsletters/new',
            lazy: async () => ({
              Component: (await import('../features/newsletters/components/newsletter-editor-page'))
                .NewsletterEditorPage,
            }),
          },
          {
            path: 'newsletters/:id',
            lazy: async () => ({
              Component: (await import('../features/newsletters/components/newsletter-page')).NewsletterPage,
            }),
          },
          {
            path: 'newsletters/:id/edit',
            lazy: async () => ({
              Component: (await import('../features/newsletters/components/newsletter-editor-page'))
                .NewsletterEditorPage,
            }),
          },
          {
            path: 'settings',
            lazy: async () => ({
              Component: (await import('../features/settings/components/settings-page')).SettingsPage,
            }),
          },
          {
            path: 'audit',
            lazy: async () => ({ Component: (await import('../features/audit/components/audit-page')).AuditPage }),
          },
          {
            path: 'users',
            lazy: async () => ({ Component: (await import('../features/users/components/users-page')).UsersPage }),
          },
          {
            path: 'account',
            lazy: async () => ({ Component: (await import('../features/auth/components/account-page')).AccountPage }),
          },
          { path: '*', element: <EmptyState title="Page not found">Use the menu to find your way.</EmptyState> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes, { basename: '/admin' });
