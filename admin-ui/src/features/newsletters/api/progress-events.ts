import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { FINAL_STATUSES, type NewsletterProgress } from './get-newsletter';

/**
 * Live progress from the server-sent events stream while a newsletter is sending. EventSource reconnects by itself
 * after a network blip; when the newsletter reaches a final state the stream ends and the detail is refetched.
 */
export function useProgressEvents(id: number, active: boolean): NewsletterProgress | undefined {
  const client = useQueryClient();
  const [progress, setProgress] = useState<NewsletterProgress>();
  useEffect(() => {
    if (!active) return;
    const source = new EventSource(`/admin/api/newsletters/${id}/events`);
    source.addEventListener('progress', (event) => {
      const next = JSON.parse((event as MessageEvent<string>).data) as NewsletterProgress;
      setProgress(next);
      if (FINAL_STATUSES.includes(next.status) || next.status === 'paused') {
        source.close();
        void client.invalidateQueries({ queryKey: ['newsletters'] });
      }
    });
    return () => source.close();
  }, [id, active, client]);
  // Once the send stops (paused here, or finished), the newsletter itself is the truth, not the last event.
  return active ? progress : undefined;
}
