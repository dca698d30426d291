import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useProgressEvents } from './progress-events';

/** A stand-in for the browser's EventSource: the test pushes the server's events by hand. */
class FakeEventSource {
  static readonly CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = 1;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  push(progress: { status: string; percent: number }): void {
    const data = JSON.stringify({ audience: 100, counts: {}, rate_per_second: null, eta_seconds: null, ...progress });
    for (const listener of this.listeners.get('progress') ?? []) listener(new MessageEvent('progress', { data }));
  }
}

/** The hook as the newsletter page uses it: following the stream while the newsletter (as fetched) is sending. */
function follow(statusNow: () => string) {
  vi.stubGlobal('EventSource', FakeEventSource);
  FakeEventSource.opened = [];
  const client = new QueryClient();
  return renderHook(
    () => {
      const newsletter = useQuery({
        queryKey: ['newsletters', 'detail', 7],
        queryFn: () => Promise.resolve({ status: statusNow() }),
      });
      return useProgressEvents(7, newsletter.data?.status === 'sending');
    },
    {
      wrapper: ({ children }: { children: ReactNode }) => (
        <QueryClientProvider client={client}>{children}</QueryClientProvider>
      ),
    },
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('useProgressEvents', () => {
  it('a stale "paused" heard just after a resume does not stop following: the newsletter is refetched and a new stream opened', async () => {
    const { result } = follow(() => 'sending');
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    act(() => FakeEventSource.opened[0].push({ status: 'paused', percent: 10 }));
    expect(FakeEventSource.opened[0].readyState).toBe(FakeEventSource.CLOSED);
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(2), { timeout: 3000 });
    act(() => FakeEventSource.opened[1].push({ status: 'sending', percent: 40 }));
    expect(result.current?.percent).toBe(40);
  });

  it('a real pause ends the stream for good, and the newsletter as refetched is shown', async () => {
    let status = 'sending';
    const { result } = follow(() => status);
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
    act(() => FakeEventSource.opened[0].push({ status: 'sending', percent: 5 }));
    expect(result.current?.percent).toBe(5);
    status = 'paused';
    act(() => FakeEventSource.opened[0].push({ status: 'paused', percent: 10 }));
    await waitFor(() => expect(result.current).toBeUndefined());
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(FakeEventSource.opened).toHaveLength(1);
  });
});
