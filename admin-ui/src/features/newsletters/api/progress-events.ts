import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { FINAL_STATUSES, type NewsletterProgress } from './get-newsletter';

/** How long to wait before opening a stream the server refused (too many open, a restart in progress). */
const REOPEN_AFTER_MS = 3000;

/**
 * Live progress from the server-sent events stream while a newsletter is sending. EventSource reconnects by itself
 * after a network blip, but gives up for good when the server answers with an error (say, the session already holds
 * its share of streams), so a refused stream is opened again after a pause. When the newsletter reaches a final state
 * (or pauses) the stream ends and the detail is refetched.
 */
export function useProgressEvents(id: number, active: boolean): NewsletterProgress | undefined {
  const client = useQueryClient();
  const [progress, setProgress] = useState<NewsletterProgress>();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!active) return;
    const source = new EventSource(`/admin/api/newsletters/${id}/events`);
    let reopen: ReturnType<typeof setTimeout> | undefined;
    source.addEventListener('progress', (event) => {
      const next = JSON.parse((event as MessageEvent<string>).data) as NewsletterProgress;
      setProgress(next);
      if (FINAL_STATUSES.includes(next.status) || next.status === 'paused') {
        source.close();
        void client.invalidateQueries({ queryKey: ['newsletters'] });
      }
    });
    source.addEventListener('error', () => {
      if (source.readyState !== EventSource.CLOSED) return;
      reopen = setTimeout(() => {
        void client.invalidateQueries({ queryKey: ['newsletters'] });
        setAttempt((n) => n + 1);
      }, REOPEN_AFTER_MS);
    });
    return () => {
      clearTimeout(reopen);
      source.close();
      // A later stream (after a resume) starts from the newsletter itself, not from this one's last event.
      setProgress(undefined);
    };
  }, [id, active, client, attempt]);
  // Once the send stops (paused here, or finished), the newsletter itself is the truth, not the last event.
  return active ? progress : undefined;
}
