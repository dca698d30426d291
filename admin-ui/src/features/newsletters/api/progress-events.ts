import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { NewsletterProgress } from './get-newsletter';

/** How long to wait before opening a stream the server refused (too many open, a restart in progress). */
const REOPEN_AFTER_MS = 3000;
/** How long the server may answer from one shared progress reading (its LIVE_PROGRESS_MS). */
const STALE_FOR_MS = 1000;

/**
 * Live progress from the server-sent events stream while a newsletter is sending. EventSource reconnects by itself
 * after a network blip, but gives up for good when the server answers with an error (say, the session already holds
 * its share of streams), so a refused stream is opened again after a pause.
 *
 * An event saying the send stopped (paused, or final) closes the stream and refetches the newsletter. That event can
 * be stale: the server shares one progress reading a second between streams (and between API processes on
 * PostgreSQL), so a stream opened just after a resume may first hear the "paused" of a moment ago. If the refetched
 * newsletter is still sending, a fresh stream is opened, rather than showing the stale event for good.
 */
export function useProgressEvents(id: number, active: boolean): NewsletterProgress | undefined {
  const client = useQueryClient();
  const [progress, setProgress] = useState<NewsletterProgress>();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!active) return;
    const source = new EventSource(`/admin/api/newsletters/${id}/events`);
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    // Refetch the newsletter; if it is still sending (so this effect stays), follow it on a new stream.
    const refetchThenReopen = (delayMs: number) => {
      void client.invalidateQueries({ queryKey: ['newsletters'] }).then(() => {
        if (!closed) reopen = setTimeout(() => setAttempt((n) => n + 1), delayMs);
      });
    };
    source.addEventListener('progress', (event) => {
      const next = JSON.parse((event as MessageEvent<string>).data) as NewsletterProgress;
      if (next.status === 'sending') {
        setProgress(next);
        return;
      }
      source.close();
      refetchThenReopen(STALE_FOR_MS);
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) refetchThenReopen(REOPEN_AFTER_MS);
    });
    return () => {
      closed = true;
      clearTimeout(reopen);
      source.close();
      // A later stream (after a resume) starts from the newsletter itself, not from this one's last event.
      setProgress(undefined);
    };
  }, [id, active, client, attempt]);
  // Once the send stops (paused here, or finished), the newsletter itself is the truth, not the last event.
  return active ? progress : undefined;
}
