import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { EmptyState } from '../components/page-states';
import { LoginPage } from '../features/auth/components/login-page';
import { Layout } from './layout';
import { RequireSession } from './require-session';

/*
 * Each page is its own chunk, loaded when first visited: the sign-in page and the shell load at once, and the charts
 * library only comes with the dashboard.
 */
/** A route whose page component `name` comes from its own chunk, loaded on first visit. */
function page<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): Pick<RouteObject, 'lazy'> {
  return { lazy: async () => ({ Component: (await load())[name] }) };
}

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
            ...page(() => import('../features/dashboard/components/dashboard-page'), 'DashboardPage'),
          },
          {
            path: 'submissions',
            ...page(() => import('../features/submissions/components/submissions-page'), 'SubmissionsPage'),
          },
          {
            path: 'subscribers',
            ...page(() => import('../features/subscribers/components/subscribers-page'), 'SubscribersPage'),
          },
          {
            path: 'newsletters',
            ...page(() => import('../features/newsletters/components/newsletters-page'), 'NewslettersPage'),
          },
          {
            path: 'newsletters/new',
            ...page(() => import('../features/newsletters/components/newsletter-editor-page'), 'NewsletterEditorPage'),
          },
          {
            path: 'newsletters/:id',
            ...page(() => import('../features/newsletters/components/newsletter-page'), 'NewsletterPage'),
          },
          {
            path: 'newsletters/:id/edit',
            ...page(() => import('../features/newsletters/components/newsletter-editor-page'), 'NewsletterEditorPage'),
          },
          {
            path: 'templates',
            ...page(() => import('../features/templates/components/templates-page'), 'TemplatesPage'),
          },
          {
            path: 'templates/new',
            ...page(() => import('../features/templates/components/template-editor-page'), 'TemplateEditorPage'),
          },
          {
            path: 'templates/:id',
            ...page(() => import('../features/templates/components/template-editor-page'), 'TemplateEditorPage'),
          },
          {
            path: 'settings',
            ...page(() => import('../features/settings/components/settings-page'), 'SettingsPage'),
          },
          {
            path: 'failed-mails',
            ...page(() => import('../features/outbox/components/failed-mails-page'), 'FailedMailsPage'),
          },
          {
            path: 'audit',
            ...page(() => import('../features/audit/components/audit-page'), 'AuditPage'),
          },
          {
            path: 'users',
            ...page(() => import('../features/users/components/users-page'), 'UsersPage'),
          },
          {
            path: 'account',
            ...page(() => import('../features/auth/components/account-page'), 'AccountPage'),
          },
          { path: '*', element: <EmptyState title="Page not found">Use the menu to find your way.</EmptyState> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes, { basename: '/admin' });
