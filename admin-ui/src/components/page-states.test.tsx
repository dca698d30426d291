import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
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

function Pages() {
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: ['pages', page],
    queryFn: () => apiRequest<{ text: string }>(`/admin/api/pages/${page}`),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <button onClick={() => setPage(2)}>Next</button>
      <QueryState query={query}>{(data) => <p>{data.text}</p>}</QueryState>
    </>
  );
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

  it('keeps the previous page dimmed and busy while the next one loads', async () => {
    let answerSecond: (reply: { body: unknown }) => void = () => undefined;
    stubApi({
      'GET /admin/api/pages/1': () => ({ body: { text: 'Page one' } }),
      'GET /admin/api/pages/2': () => new Promise((resolve) => (answerSecond = resolve)),
    });
    render(
      <Providers>
        <Pages />
      </Providers>,
    );
    const first = await screen.findByText('Page one');
    expect(first.closest('[aria-busy]')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('Page one').closest('[aria-busy="true"]')).not.toBeNull();
    answerSecond({ body: { text: 'Page two' } });
    const second = await screen.findByText('Page two');
    expect(second.closest('[aria-busy]')).toBeNull();
  });
});
