import { useQuery } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiRequest } from '../lib/api-client';
import { Providers, stubApi } from '../test/render';
import { QueryState } from './page-states';

function Greeting() {
  const query = useQuery({
    queryKey: ['greeting'],
    queryFn: () => apiRequest<{ text: string }>('/admin/api/greeting'),
  });
  return <QueryState query={query}>{(data) => <p>{data.text}</p>}</QueryState>;
}

describe('QueryState', () => {
  it('shows a loader, then the data', async () => {
    stubApi({ 'GET /admin/api/greeting': () => ({ body: { text: 'Hello' } }) });
    render(
      <Providers>
        <Greeting />
      </Providers>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
    expect(await screen.findByText('Hello')).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('shows the error with a retry that asks again', async () => {
    let answers = 0;
    const calls = stubApi({
      'GET /admin/api/greeting': () =>
        ++answers === 1
          ? { status: 503, body: { error: 'unavailable', message: 'The database is unavailable' } }
          : { body: { text: 'Back again' } },
    });
    render(
      <Providers>
        <Greeting />
      </Providers>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load this');
    expect(alert).toHaveTextContent('The database is unavailable');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Back again')).toBeInTheDocument();
    expect(calls).toHaveLength(2);
  });
});
