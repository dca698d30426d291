import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OWNER_SESSION, renderRoute, stubApi } from '../../../test/render';
import { safeNext } from './login-page';

afterEach(() => vi.unstubAllGlobals());

describe('sign-in page', () => {
  it('a page that needs a session sends you to sign in, and back there afterwards', async () => {
    let signedIn = false;
    const calls = stubApi({
      'GET /auth/session': () => (signedIn ? { body: OWNER_SESSION } : { status: 401, body: {} }),
      'POST /auth/login': () => {
        signedIn = true;
        return { body: OWNER_SESSION };
      },
      'GET /admin/api/audit': () => ({ body: { items: [], total: 0, total_exact: true, page: 1, per_page: 20 } }),
    });
    const { router } = renderRoute('/audit?action=login');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/audit?action=login')}`);

    await userEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter your username')).toBeInTheDocument();
    expect(calls.filter((call) => call.url.pathname === '/auth/login')).toHaveLength(0);

    await userEvent.type(screen.getByLabelText('Username'), 'owner');
    await userEvent.type(screen.getByLabelText('Password'), 'a-long-password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/audit'));
    expect(router.state.location.search).toBe('?action=login');
    expect(await screen.findByRole('heading', { name: 'Audit log' })).toBeInTheDocument();
  });

  it('says the same thing for every failed sign-in', async () => {
    stubApi({
      'GET /auth/session': () => ({ status: 401, body: {} }),
      'POST /auth/login': () => ({ status: 401, body: { error: 'unauthenticated', message: 'Invalid credentials' } }),
    });
    renderRoute('/login');
    await userEvent.type(await screen.findByLabelText('Username'), 'owner');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.');
  });

  it('only returns to paths inside the dashboard', () => {
    expect(safeNext('/submissions?q=a')).toBe('/submissions?q=a');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/login?next=/x')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
