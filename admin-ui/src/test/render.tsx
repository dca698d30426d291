import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { routes } from '../app/router';

type Reply = { status?: number; body?: unknown };
/** `METHOD /path` → the answer; the path is matched without its query string. */
export type ApiHandlers = Record<string, (request: { url: URL; init: RequestInit }) => Reply | Promise<Reply>>;

/**
 * The network is the one thing these component tests replace (the Playwright suite uses the real API): fetch answers
 * from the handlers, and every call is recorded so a test can check what the UI sent.
 */
export function stubApi(handlers: ApiHandlers) {
  const calls: { method: string; url: URL; init: RequestInit }[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : input.toString(), 'http://localhost');
    const method = init.method ?? 'GET';
    calls.push({ method, url, init });
    const handler = handlers[`${method} ${url.pathname}`];
    if (!handler) return new Response(JSON.stringify({ error: 'not_found', message: 'No handler' }), { status: 404 });
    const reply = await handler({ url, init });
    const status = reply.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(reply.body ?? {}), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchStub);
  return calls;
}

export const OWNER_SESSION = {
  user: { id: 1, username: 'owner', display_name: null, role: 'owner' },
  csrf_token: 'csrf-123',
};

function testQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={testQueryClient()}>
      <MantineProvider>
        <ModalsProvider>
          <Notifications />
          {children}
        </ModalsProvider>
      </MantineProvider>
    </QueryClientProvider>
  );
}

/** Renders the app's real routes at a path, as the browser would open it. */
export function renderRoute(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const result = render(
    <Providers>
      <RouterProvider router={router} />
    </Providers>,
  );
  return { ...result, router };
}
